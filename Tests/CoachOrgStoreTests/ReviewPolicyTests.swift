import CoachOrgStore
import CoachTestSupport
import PostgresNIO
import Testing

/// Reviews (`performance-review`, `self-review`: sessions of kind `review`) as the database
/// enforces them, each person reading and writing with their own login as they could with psql.
///
/// | session | about | by |
/// |---|---|---|
/// | 11 | Rob | Mara, his manager (with her private note) |
/// | 12 | Rob | Rob |
/// | 13 | Sam | Mo, his manager |
@Suite struct ReviewPolicyTests {
    let org: OrgFixture

    init() throws {
        org = try OrgFixture()
        for (id, subject, author) in [(11, "Rob", "Mara"), (12, "Rob", "Rob"), (13, "Sam", "Mo")] {
            try org.admin.query("""
                INSERT INTO coach.session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                                           completed_at, state, period_key)
                VALUES (\(id), 'performance-review', 'h1', 'review', \(try org.personID(subject)), \(try org.personID(author)),
                        now(), now(), now(), 'completed', '2026-Q1')
                """)
            try org.admin.query("""
                INSERT INTO coach.answer (session_id, question_id, value, position, answered_at) VALUES (\(id), 'q', 'x', 1, now())
                """)
            try org.admin.query("""
                INSERT INTO coach.score (session_id, score_id, value, band, alert, band_private)
                VALUES (\(id), 'total', \(Double(id)), 'ok', false, false)
                """)
        }
        try org.admin.query("""
            INSERT INTO coach.answer (session_id, question_id, value, is_private, position, answered_at)
            VALUES (11, 'note', 'private', true, 2, now())
            """)
        try org.admin.query("SELECT setval(pg_get_serial_sequence('coach.session', 'id'), 13)")
    }

    @Test(arguments: [
        ("rob", [11, 12], ["11 q", "12 q"]),              // his own review, never his manager's private note
        ("mara", [11, 12], ["11 note", "11 q", "12 q"]),  // her rep's review and his comments
        ("mo", [13], ["13 q"]),                           // not another manager's rep
        ("sam", [13], ["13 q"]),
        ("hana", [11, 12, 13], ["11 q", "12 q", "13 q"]), // HR: every review, never a private note
        ("rhea", [], []),                                 // not a colleague's
    ])
    func reviewsAreReadByTheRepTheirManagerAndHR(person: String, sessions: [Int], answers: [String]) throws {
        let connection = try org.connect(person)
        defer { connection.close() }
        #expect(try connection.integers("SELECT id::int FROM coach.session WHERE kind = 'review' ORDER BY id") == sessions)
        #expect(try connection.integers("SELECT session_id::int FROM coach.visible_score WHERE session_id > 10 ORDER BY 1")
                == sessions)
        #expect(try connection.texts("""
            SELECT session_id || ' ' || question_id FROM coach.answer WHERE session_id > 10 ORDER BY session_id, question_id
            """) == answers)
    }

    @Test(arguments: [
        ("mara", "Rob", true),   // the rep's manager
        ("rob", "Rob", true),    // a person about themselves
        ("mo", "Rob", false),    // another manager
        ("hana", "Rob", false),  // HR reads reviews but does not write a rep's
        ("rob", "Rhea", false),  // a colleague
    ])
    func reviewsAreWrittenByTheManagerOrThePersonThemselves(person: String, subject: String, allowed: Bool) throws {
        let connection = try org.connect(person)
        defer { connection.close() }
        let insert: PostgresQuery = """
            INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state)
            VALUES ('performance-review', 'h1', 'review', \(try org.personID(subject)),
                    (SELECT id FROM coach.person WHERE login = session_user), now(), now(), 'in_progress')
            """
        if allowed {
            try connection.query(insert)
        } else {
            #expect(throws: OrgStoreError.self) { try connection.query(insert) }
        }
    }
}
