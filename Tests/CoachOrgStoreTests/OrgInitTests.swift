import CoachCore
import Foundation
@testable import CoachOrgStore
import CoachTestSupport
import PostgresNIO
import Testing

/// `org init` on a real PostgreSQL server: what it creates, that it is idempotent, that it
/// refuses a newer schema and a non-administrator, and that the first HR login works.
@Suite struct OrgInitTests {
    @Test func createsTheSchemaRolesAndFirstHRThenHasNothingToDo() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let login = TestPostgres.uniqueLogin("dana")
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }

        let first = try OrgSetup.initialise(admin, firstHR: .init(name: "Dana Smith", login: login))
        #expect(first.done.contains { $0.contains("schema coach: applied versions 1, 2, 3") })
        #expect(first.done.contains("added the HR person Dana Smith with the login \(login)"))
        #expect(first.newLogin?.login == login)
        let version = try admin.query("SELECT max(version)::int FROM coach.schema_migration").first?.decode(Int.self)
        #expect(version == OrgSchema.latestVersion)
        let hr = try admin.query("SELECT name, role FROM coach.person WHERE login = \(login)").first?.decode((String, String).self)
        #expect(hr?.0 == "Dana Smith" && hr?.1 == "hr")
        let member = try admin.query("SELECT pg_has_role(\(login), 'coach_hr', 'MEMBER')").first?.decode(Bool.self)
        #expect(member == true)

        let again = try OrgSetup.initialise(admin, firstHR: .init(name: "Someone Else", login: nil))
        #expect(again.done.isEmpty)
        #expect(again.newLogin == nil)
        #expect(again.alreadyThere.contains("schema coach is at version \(OrgSchema.latestVersion), the latest"))
        #expect(again.alreadyThere.contains("HR person Dana Smith (login \(login)) exists"))
        let people = try admin.query("SELECT count(*)::int FROM coach.person").first?.decode(Int.self)
        #expect(people == 1)
    }

    @Test func theOneTimePasswordLogsInOverTCPAndNoPasswordIsStoredAsText() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let login = TestPostgres.uniqueLogin("hana")
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        let report = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: login))
        let password = try #require(report.newLogin?.password)

        let hr = try ServerConnection.open(server.tcp(login: login, password: password, database: database))
        let me = try hr.query("SELECT coach.me() IS NOT NULL, session_user::text").first?.decode((Bool, String).self)
        #expect(me?.0 == true && me?.1 == login)
        hr.close()

        #expect(throws: OrgStoreError.self) {
            try ServerConnection.open(server.tcp(login: login, password: password + "x", database: database))
        }
        let stored = try admin.query("SELECT rolpassword FROM pg_authid WHERE rolname = \(login)").first?.decode(String.self)
        #expect(stored?.hasPrefix("SCRAM-SHA-256$4096:") == true)
        #expect(stored?.contains(password) == false)
        let validUntil = try admin.query("SELECT rolvaliduntil > now() + interval '6 days' FROM pg_roles WHERE rolname = \(login)")
            .first?.decode(Bool.self)
        #expect(validUntil == true)
    }

    @Test func aNewerSchemaIsRefusedAndLeftAlone() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        _ = try OrgSetup.initialise(admin, firstHR: nil)
        try admin.query("INSERT INTO coach.schema_migration (version) VALUES (99)")

        #expect(throws: OrgStoreError.newerSchema(found: 99, known: OrgSchema.latestVersion)) {
            try OrgSetup.initialise(admin, firstHR: .init(name: "Dana", login: TestPostgres.uniqueLogin("dana")))
        }
        let people = try admin.query("SELECT count(*)::int FROM coach.person").first?.decode(Int.self)
        #expect(people == 0)
    }

    @Test func anOlderSchemaIsRefusedUntilOrgInitUpgradesIt() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        _ = try OrgSetup.initialise(admin, firstHR: nil)
        try admin.query("DELETE FROM coach.schema_migration WHERE version = \(OrgSchema.latestVersion)")
        #expect {
            _ = try OrgDatabase(connection: admin)
        } throws: { error in
            guard case let .olderSchema(_, found, needed)? = error as? OrgStoreError else { return false }
            return found == OrgSchema.latestVersion - 1 && needed == OrgSchema.latestVersion
                && "\(error)".contains("a database administrator upgrades it by running 'coach org init' on it again")
        }
    }

    /// A database left at version 2, with team numbers already frozen by version 2's
    /// `team_weeks`, is upgraded by `org init`: the organisation's sums are filled in from the
    /// frozen teams, the same calls return the same numbers to the last digit, and an answer is
    /// stored through version 3's function.
    @Test func orgInitUpgradesAVersionTwoDatabaseAndItsNumbersStay() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        let hana = TestPostgres.uniqueLogin("hana"), rob = TestPostgres.uniqueLogin("rob")
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: hana), upTo: 2)
        #expect(try OrgSchema.version(admin) == 2)
        try admin.query("INSERT INTO coach.survey_version VALUES ('h1', 'pulse', 'content', now())")
        for (team, size) in [("North", 6), ("South", 5)] {
            for index in 1...size {
                let name = "\(team) Rep \(index)", login = index == 1 && team == "North" ? rob : TestPostgres.uniqueLogin("rep")
                let id = try admin.query("""
                    SELECT coach.insert_person(\(name), \(NameKey.key(for: name)), 'rep', \(team), \(NameKey.key(for: team)),
                                               NULL, \(login), \(ScramVerifier.verifier(for: "unused")))
                    """).first!.decode(Int64.self)
                for (weeksAgo, score) in [(3, "energy"), (3, "focus"), (2, "energy")] {
                    let session = try admin.query("""
                        INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                                                   completed_at, state)
                        VALUES ('pulse', 'h1', 'check-in', \(id), \(id), now() - \("\(weeksAgo) weeks")::interval,
                                now() - \("\(weeksAgo) weeks")::interval, now() - \("\(weeksAgo) weeks")::interval, 'completed')
                        RETURNING id
                        """).first!.decode(Int64.self)
                    try admin.query("""
                        INSERT INTO coach.score (session_id, score_id, value, band, alert, band_private)
                        VALUES (\(session), \(score), \(0.1 * Double(index) + 0.7 / Double(weeksAgo)), NULL, false, false)
                        """)
                }
            }
        }
        try admin.query("SELECT coach.rebuild_weeks()")
        let hr = try ServerConnection.open(server.socket(login: hana, database: database))
        defer { hr.close() }
        let north = try admin.query("SELECT id FROM coach.team WHERE name = 'North'").first!.decode(Int64.self)
        func teamWeeks(_ team: Int64?) throws -> [String] {
            try hr.query("""
                SELECT week, survey_id, score_id, mean, respondents FROM coach.team_weeks(\(team)::bigint,
                  ARRAY(SELECT to_char(now() - n * interval '1 week', 'IYYY-"W"IW') FROM generate_series(0, 6) n),
                  ARRAY['pulse'], ARRAY[''], 0)
                """).map { row in
                let (week, survey, score, mean, n) = try row.decode((String, String, String, Double, Int).self)
                return "\(week) \(survey) \(score) \(mean.bitPattern) \(n)"
            }
        }
        let before = (all: try teamWeeks(nil), north: try teamWeeks(north))
        #expect(before.all.count >= 2 && before.north.count >= 2, "\(before)")

        let report = try OrgSetup.initialise(admin, firstHR: nil)
        #expect(report.done.contains { $0.contains("schema coach: applied versions 3, 4") && $0.contains("was 2") }, "\(report.done)")
        let cells = try admin.query("""
            SELECT (SELECT count(*) FROM coach.org_week_frozen)::int,
                   (SELECT count(DISTINCT (week, survey_id, score_id)) FROM coach.team_week_frozen)::int
            """).first!.decode((Int, Int).self)
        #expect(cells.0 == cells.1 && cells.0 > 0)
        #expect(try teamWeeks(nil) == before.all)
        #expect(try teamWeeks(north) == before.north)

        let robID = try admin.query("SELECT id FROM coach.person WHERE login = \(rob)").first!.decode(Int64.self)
        try admin.query("""
            INSERT INTO coach.session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state)
            VALUES (1000, 'pulse', 'h1', 'check-in', \(robID), \(robID), now(), now(), 'in_progress')
            """)
        let store = try OrgDatabase(connection: try ServerConnection.open(server.socket(login: rob, database: database)))
        defer { store.connection.close() }
        try store.saveAnswer(sessionID: 1000, questionID: "q", valueJSON: "{}", isPrivate: false, position: 1, at: Date())
        #expect(try store.answers(sessionID: 1000).map(\.questionID) == ["q"])
    }

    @Test func withoutHRItSaysWhatIsMissing() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        let report = try OrgSetup.initialise(admin, firstHR: nil)
        #expect(report.missing == ["no HR person yet: run again with --hr NAME to add the first one"])
    }

    @Test func aPersonsLoginCannotRunOrgInit() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let login = TestPostgres.uniqueLogin("dana")
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Dana", login: login))

        let hr = try ServerConnection.open(server.socket(login: login, database: database))
        defer { hr.close() }
        #expect(throws: OrgStoreError.notAnAdministrator(login)) { try OrgSetup.initialise(hr, firstHR: nil) }
    }
}
