import CoachCore
import Foundation
import CoachOrgStore
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

    /// A database at version 2 (as a coach before version 3 left it) is upgraded by `org init`:
    /// the functions of version 3 appear and an answer is stored through them.
    @Test func orgInitUpgradesAVersionTwoDatabase() throws {
        let org = try OrgFixture(seeded: false)
        try org.admin.query("""
            DROP FUNCTION coach.save_answer(bigint, text, text, text, boolean, integer, timestamptz), coach.kept_reliabilities(text)
            """)
        try org.admin.query("DELETE FROM coach.schema_migration WHERE version = 3")

        let report = try OrgSetup.initialise(org.admin, firstHR: nil)
        #expect(report.done.contains { $0.contains("schema coach: applied version 3") && $0.contains("was 2") }, "\(report.done)")
        let rob = try org.personID("Rob")
        try org.admin.query("INSERT INTO coach.survey_version VALUES ('h1', 'any', 'content', now())")
        try org.admin.query("""
            INSERT INTO coach.session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state)
            VALUES (1, 'any', 'h1', 'check-in', \(rob), \(rob), now(), now(), 'in_progress')
            """)
        let connection = try org.connect("rob")
        defer { connection.close() }
        let store = try OrgDatabase(connection: connection)
        try store.saveAnswer(sessionID: 1, questionID: "q", valueJSON: "{}", isPrivate: false, position: 1, at: Date())
        #expect(try store.answers(sessionID: 1).map(\.questionID) == ["q"])
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
