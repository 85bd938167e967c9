import CoachOrgStore
import CoachTestSupport
import PostgresNIO
import Testing

/// A back-filled session (`--on DATE`) as the database takes it from a login with psql: the
/// moment it was recorded is the server's, and the day rules hold whatever program writes it.
@Suite struct ServerBackfillTests {
    let org: OrgFixture
    init() throws { org = try OrgFixture() }

    /// A self-assessment by Rob about himself, started at `started` (SQL), marked back-filled.
    func insert(_ started: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: """
            INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state,
                                       backfilled_at)
            SELECT survey_id, survey_hash, kind, subject_id, author_id, \(started), now(), 'in_progress', '2000-01-01'
            FROM coach.session WHERE id = 4
            """)
    }

    @Test func theServerKeepsItsOwnTimeAsWhenItWasRecorded() throws {
        let rob = try org.connect("rob")
        defer { rob.close() }
        try rob.query(insert("now() - interval '12 hours'"))  // Rob was added just now: a day's leeway for time zones
        let recent = try rob.integers("""
            SELECT count(*)::int FROM coach.session WHERE backfilled_at > now() - interval '1 minute'
            """)
        #expect(recent == [1], "'2000-01-01' became the server's now()")
    }

    @Test func aDayInTheFutureOrBeforeThePersonExistedIsRefused() throws {
        for started in ["now() + interval '2 days'", "now() - interval '20 years'"] {
            let rob = try org.connect("rob")
            defer { rob.close() }
            do {
                try rob.query(insert(started))
                Issue.record("Rob back-filled a session to \(started)")
            } catch let OrgStoreError.server(message, code) {
                #expect(code == "42501", "\(message)")
                #expect(message.contains("cannot be back-filled"), "\(message)")
            }
        }
    }

    @Test func anyLoginMayFreezeTheEndedWeeks() throws {
        for person in ["rob", "mara", "hana"] {
            let connection = try org.connect(person)
            defer { connection.close() }
            try connection.query("SELECT coach.freeze_ended_weeks()::text")
        }
    }
}
