import CoachOrgStore
import CoachTestSupport
import PostgresNIO
import Testing

/// The privacy rules as the database enforces them: each person connects with their own login,
/// as they could with psql, and reads and writes the tables directly.
///
/// | session | kind | about | by | note |
/// |---|---|---|---|---|
/// | 1 | check-in | Rob | Rob | Rob does not share wellbeing |
/// | 2, 3 | check-in | Rhea | Rhea | 2 before she began sharing, 3 after; 3's band is at its support level |
/// | 4 | self-assessment | Rob | Rob | |
/// | 5 | one-on-one | Rob | Mara | with Mara's private note |
/// | 6 | one-on-one | Rob | Mo | Rob's former manager, with Mo's private note |
/// | 7 | quiz | Rob | Rob | |
/// | 8 | feedback | Rob | Rob | |
/// | 9 | one-on-one | Sam | Mo | |
/// | 10 | self-assessment | Rhea | Rhea | a draft survey |
@Suite struct DatabasePrivacyMatrixTests {
    let org: OrgFixture
    init() throws { org = try OrgFixture() }

    @Test(arguments: [
        ("rob", [1, 4, 5, 6, 7, 8]),
        ("rhea", [2, 3, 10]),
        ("sam", [9]),
        ("mara", [3, 4, 5, 6, 7]),   // her reps' shared check-in after sharing began, self-assessment, one-on-ones, quiz
        ("mo", [6, 9]),              // what he wrote, and his rep's
        ("hana", [7, 8]),            // quizzes and training feedback only
    ])
    func sessionsAndTheirScoresFollowTheRules(person: String, visible: [Int]) throws {
        let connection = try org.connect(person)
        defer { connection.close() }
        #expect(try connection.integers("SELECT id::int FROM coach.session ORDER BY id") == visible)
        #expect(try connection.integers("SELECT session_id::int FROM coach.visible_score ORDER BY session_id") == visible)
        let marked = visible.contains(7) ? [7] : []
        #expect(try connection.integers("SELECT session_id::int FROM coach.question_mark") == marked)
    }

    @Test(arguments: [
        ("rob", ["1 q", "4 q", "5 q", "6 q", "7 q", "8 q"]),          // never a manager's private note
        ("rhea", ["2 q", "3 q", "10 q"]),
        ("sam", ["9 q"]),
        ("mara", ["4 q", "5 note", "5 q", "7 q"]),   // no wellbeing answer, even shared; not Mo's one-on-one
        ("mo", ["6 note", "6 q", "9 q"]),
        ("hana", ["7 q", "8 q"]),                     // no one-on-one content
    ])
    func answersFollowTheRules(person: String, visible: [String]) throws {
        let connection = try org.connect(person)
        defer { connection.close() }
        let seen = try connection.texts("SELECT session_id || ' ' || question_id FROM coach.answer ORDER BY session_id, question_id")
        #expect(seen == visible)
    }

    @Test func aBandAtItsSupportLevelAndTheAlertStayWithTheRep() throws {
        let mara = try org.connect("mara"), rhea = try org.connect("rhea")
        defer { mara.close(); rhea.close() }
        let query: PostgresQuery = "SELECT value, band, alert FROM coach.visible_score WHERE session_id = 3"
        let managerSees = try mara.query(query).first?.decode((Double, String?, Bool).self)
        #expect(managerSees?.0 == 3 && managerSees?.1 == nil && managerSees?.2 == false)
        let repSees = try rhea.query(query).first?.decode((Double, String?, Bool).self)
        #expect(repSees?.0 == 3 && repSees?.1 == "low" && repSees?.2 == true)
        #expect(throws: OrgStoreError.self) { try mara.query("SELECT band FROM coach.score") }
    }

    @Test(arguments: [
        ("rob", ["Rob"], ["Rob"]),
        ("sam", ["Sam"], ["Sam"]),
        ("mara", ["Rob"], ["Rob"]),
        ("mo", ["Sam"], ["Sam"]),
        ("hana", ["Rob", "Sam"], []),   // HR sees targets, not one-on-one actions or agendas
        ("rhea", [], []),
    ])
    func goalsActionsAndAgendasFollowTheRules(person: String, goals: [String], actions: [String]) throws {
        let connection = try org.connect(person)
        defer { connection.close() }
        let ofGoals = "SELECT p.name FROM coach.goal g JOIN coach.person p ON p.id = g.person_id ORDER BY p.name"
        #expect(try connection.texts(PostgresQuery(unsafeSQL: ofGoals)) == goals)
        #expect(try connection.texts("""
            SELECT p.name FROM coach.kpi_actual k JOIN coach.person p ON p.id = k.person_id ORDER BY p.name
            """) == goals)
        #expect(try connection.texts("SELECT substr(text, 12) FROM coach.action_item ORDER BY text") == actions)
        #expect(try connection.texts("SELECT substr(text, 11) FROM coach.agenda_item ORDER BY text") == actions)
    }

    @Test func aLoginThatIsNoPersonSeesNothing() throws {
        let stranger = TestPostgres.uniqueLogin("stranger")
        try org.admin.execute(script: "CREATE ROLE \(stranger) LOGIN IN ROLE coach_hr")
        let connection = try ServerConnection.open(org.server.socket(login: stranger, database: org.database))
        defer { connection.close() }
        #expect(try connection.integers("SELECT count(*)::int FROM coach.session") == [0])
        #expect(try connection.integers("SELECT count(*)::int FROM coach.answer") == [0])
        #expect(try connection.integers("SELECT count(*)::int FROM coach.goal") == [0])
    }
}

/// A curious colleague's trick: a function of their own in a query's WHERE clause, which
/// PostgreSQL may run on rows before the rules filter them unless the rules come first. It
/// records every value it is shown in a temporary table, which anyone may create.
@Suite struct LeakyFunctionTests {
    let org: OrgFixture
    init() throws { org = try OrgFixture() }

    @Test(arguments: [
        "SELECT count(*) FROM coach.answer WHERE pg_temp.peek(value)",
        "SELECT count(*) FROM coach.visible_score WHERE pg_temp.peek('score ' || value::text)",
        "SELECT count(*) FROM coach.session WHERE pg_temp.peek(kind || id::text)",
    ])
    func aFunctionInTheQuerySeesOnlyRowsTheRulesLetThrough(query: String) throws {
        let sam = try org.connect("sam")
        defer { sam.close() }
        try sam.execute(script: """
            CREATE TEMP TABLE seen (value text);
            CREATE FUNCTION pg_temp.peek(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001
              AS $$ BEGIN INSERT INTO seen VALUES ($1); RETURN true; END $$;
            """)
        try sam.execute(script: query)
        let seen = try sam.texts("SELECT value FROM seen ORDER BY value")
        // Sam sees only his one-on-one, session 9: its answer, its score, its session row.
        #expect(seen.allSatisfy { $0 == "s9" || $0 == "score 9" || $0 == "one-on-one9" }, "\(seen)")
        #expect(!seen.contains("private note 5") && !seen.contains("s1"))
    }
}

/// Writes a person might try with psql, each refused by the database.
@Suite struct DatabaseWriteRulesTests {
    let org: OrgFixture
    init() throws { org = try OrgFixture() }

    /// The statement fails with SQLSTATE 42501 (insufficient privilege, or a row-level
    /// security policy's check).
    func refused(_ person: String, _ statement: PostgresQuery, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let connection = try org.connect(person)
        defer { connection.close() }
        do {
            try connection.query(statement)
            Issue.record("\(person) ran \(statement.sql)", sourceLocation: sourceLocation)
        } catch let OrgStoreError.server(message, code) {
            #expect(code == "42501", "\(message)", sourceLocation: sourceLocation)
        }
    }

    @Test func nobodyWritesIntoAnotherPersonsSessions() throws {
        try refused("sam", "INSERT INTO coach.answer (session_id, question_id, value, position, answered_at) VALUES (1, 'x', 'y', 9, now())")
        // Rob's own session, but completed: answers are written while it is open only.
        try refused("rob", "INSERT INTO coach.answer (session_id, question_id, value, position, answered_at) VALUES (1, 'x', 'y', 9, now())")
        try refused("rob", "INSERT INTO coach.score (session_id, score_id, value) VALUES (5, 'forged', 1)")
        try refused("rob", "SELECT * FROM coach.score")
    }

    /// `coach.save_answer` writes past the policies, so it must keep their rules itself: only
    /// the author, only while the session is open, only when no other connection holds it.
    @Test func theAnswerFunctionKeepsTheWriteRules() throws {
        let rob = try org.personID("Rob")
        try org.admin.query("""
            INSERT INTO coach.session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state,
                                       claimed_by)
            VALUES (20, 'any', 'h1', 'check-in', \(rob), \(rob), now(), now(), 'paused', NULL),
                   (21, 'any', 'h1', 'check-in', \(rob), \(rob), now(), now(), 'in_progress', 'elsewhere')
            """)
        func save(_ person: String, _ session: Int) throws -> Bool {
            let connection = try org.connect(person)
            defer { connection.close() }
            return try connection.query("""
                SELECT coach.save_answer(\(session)::bigint, 'mine', 'forged', 'x', false, 1, now())
                """).first?.decode(Bool.self) ?? false
        }
        #expect(try save("sam", 20) == false, "not his session")
        #expect(try save("mara", 20) == false, "her rep's session, but not hers")
        #expect(try save("rob", 1) == false, "completed")
        #expect(try save("rob", 21) == false, "held by another connection")
        #expect(try org.admin.texts("SELECT session_id::text FROM coach.answer WHERE question_id = 'forged'").isEmpty)
        #expect(try save("rob", 20) == true)
        #expect(try org.admin.texts("SELECT state || ' ' || claimed_by FROM coach.session WHERE id = 20") == ["in_progress mine"])
        #expect(try org.admin.texts("SELECT session_id::text FROM coach.answer WHERE question_id = 'forged'") == ["20"])
    }

    @Test func sessionsStartOnlyAsTheRulesAllow() throws {
        let sam = try org.personID("Sam"), rob = try org.personID("Rob"), mara = try org.personID("Mara")
        try refused("mara", """
            INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state)
            VALUES ('any', 'h1', 'one-on-one', \(sam), \(mara), now(), now(), 'in_progress')
            """)
        try refused("rob", """
            INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state)
            VALUES ('any', 'h1', 'one-on-one', \(rob), \(mara), now(), now(), 'in_progress')
            """)
        let connection = try org.connect("mara")
        defer { connection.close() }
        try connection.query("""
            INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state)
            VALUES ('any', 'h1', 'one-on-one', \(rob), \(mara), now(), now(), 'in_progress')
            """)
    }

    @Test func nobodyChangesWhoTheyAreOrWhatTheyMay() throws {
        try refused("rob", "UPDATE coach.person SET role = 'hr'")
        try refused("rob", "SET ROLE coach_owner")
        try refused("rob", "SELECT coach.insert_person('X', 'x', 'hr', NULL, NULL, NULL, 'x_login', 'SCRAM-SHA-256$1:a$b:c')")
        try refused("mara", "INSERT INTO coach.org_setting (key, value, updated_at) VALUES ('min_group', '1', now())")
        try refused("mara", "INSERT INTO coach.published_survey (survey_id, survey_hash, published_at) VALUES ('any', 'h1', now())")

        let rob = try org.connect("rob")
        defer { rob.close() }
        try rob.query("UPDATE coach.person SET share_wellbeing = true, share_since = now() WHERE name = 'Sam'")
        try rob.query("UPDATE coach.answer SET value = 'changed' WHERE session_id = 5")
        let sam = try org.admin.query("SELECT share_wellbeing IS NULL FROM coach.person WHERE name = 'Sam'").first?.decode(Bool.self)
        #expect(sam == true)
        #expect(try org.admin.texts("SELECT value FROM coach.answer WHERE session_id = 5 AND question_id = 'q'") == ["s5"])
    }

    @Test func teamAggregatesComeOnlyThroughTheFunctionThatAppliesTheRules() throws {
        // The weekly values and frozen team sums are no login's to read or change.
        for person in ["rob", "mara", "hana"] {
            try refused(person, "SELECT * FROM coach.week_score")
            try refused(person, "SELECT * FROM coach.team_week_frozen")
            try refused(person, "DELETE FROM coach.team_week_frozen")
            try refused(person, "SELECT * FROM coach.org_week_frozen")
            try refused(person, "DELETE FROM coach.org_week_frozen")
            try refused(person, "SELECT coach.rebuild_weeks()")
            try refused(person, "SELECT coach.refresh_week(1, 'any', '2026-W01')")
            try refused(person, "SELECT * FROM coach.score_reliability")
            try refused(person, "SELECT * FROM coach.compute_reliability('any', 'total', ARRAY['q'], ARRAY[false], ARRAY[0.0], ARRAY[5.0])")
        }
        // A rep gets no team aggregate at all; a manager one within the rules (none here: too few).
        try refused("rob", "SELECT * FROM coach.team_weeks(NULL, ARRAY['2026-W04'], ARRAY['any'], ARRAY[''], 0)")
        let mara = try org.connect("mara")
        defer { mara.close() }
        try org.admin.query("SELECT coach.rebuild_weeks()")
        #expect(try mara.query("SELECT * FROM coach.team_weeks(NULL, ARRAY['2026-W03', '2026-W04'], ARRAY['any'], ARRAY[''], 0)").isEmpty)
        // Reliability needs 30 people who answered every item: with fewer it returns nothing.
        #expect(try mara.query("""
            SELECT * FROM coach.reliability('h1', 'any', 'total', ARRAY['q', 'note'], ARRAY[false, false], ARRAY[0.0, 0.0], ARRAY[5.0, 5.0])
            """).isEmpty)
    }
}
