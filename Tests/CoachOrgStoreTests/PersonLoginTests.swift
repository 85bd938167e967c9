import CoachCore
import CoachOrgStore
import CoachTestSupport
import PostgresNIO
import Testing

/// Adding people and their logins through the database's own rules, and setting a password.
@Suite struct PersonLoginTests {
    let org: OrgFixture
    init() throws { org = try OrgFixture(seeded: false) }

    func add(as person: String, _ name: String, role: String, team: String?, manager: String?) throws -> String {
        let login = TestPostgres.uniqueLogin(LoginName.derived(from: name))
        let connection = try org.connect(person)
        defer { connection.close() }
        try connection.query("""
            SELECT coach.add_person(\(name), \(NameKey.key(for: name)), \(role), \(team), \(team.map(NameKey.key(for:))),
                                    \(manager), \(login), \(ScramVerifier.verifier(for: "secret")))
            """)
        return login
    }

    func refusal(as person: String, _ name: String, role: String, team: String?, manager: String?) -> String? {
        do {
            _ = try add(as: person, name, role: role, team: team, manager: manager)
            return nil
        } catch let OrgStoreError.server(message, _) {
            return message
        } catch {
            return "\(error)"
        }
    }

    @Test func hrAddsAnyoneAndAManagerAddsRepsToTheirOwnTeam() throws {
        _ = try add(as: "hana", "Nora", role: "manager", team: "West", manager: nil)
        let repLogin = try add(as: "mara", "Nico", role: "rep", team: nil, manager: nil)
        let nico = try org.admin.query("""
            SELECT t.name, m.name FROM coach.person p JOIN coach.team t ON t.id = p.team_id
            JOIN coach.person m ON m.id = p.manager_id WHERE p.login = \(repLogin)
            """).first?.decode((String, String).self)
        #expect(nico?.0 == "North" && nico?.1 == "Mara")
        let member = try org.admin.query("SELECT pg_has_role(\(repLogin), 'coach_rep', 'MEMBER')").first?.decode(Bool.self)
        #expect(member == true)
    }

    @Test func theDatabaseRefusesWhatTheRulesForbid() throws {
        #expect(refusal(as: "mara", "Nina", role: "manager", team: nil, manager: nil)?
            .contains("a manager can add reps only") == true)
        #expect(refusal(as: "mara", "Nina", role: "rep", team: "South", manager: nil)?
            .contains("a manager adds reps to their own team only") == true)
        #expect(refusal(as: "mara", "Nina", role: "rep", team: nil, manager: "Mo")?
            .contains("a manager adds reps with themselves as manager") == true)
        // Reps are not granted the function at all.
        #expect(refusal(as: "rob", "Nina", role: "rep", team: nil, manager: nil)?.contains("permission denied") == true)
        let count = try org.admin.integers("SELECT count(*)::int FROM coach.person WHERE name = 'Nina'")
        #expect(count == [0])
    }

    @Test func aLoginIsNeverAPasswordOrAnExistingRole() throws {
        let connection = try org.connect("hana")
        defer { connection.close() }
        #expect(throws: OrgStoreError.self) {
            try connection.query("""
                SELECT coach.add_person('Pia', \(NameKey.key(for: "Pia")), 'rep', NULL, NULL, NULL, 'pia_x1', 'plain password')
                """)
        }
        #expect(throws: OrgStoreError.self) {
            try connection.query("""
                SELECT coach.add_person('Pia', \(NameKey.key(for: "Pia")), 'rep', NULL, NULL, NULL, 'postgres',
                                        \(ScramVerifier.verifier(for: "x")))
                """)
        }
        #expect(try org.admin.integers("SELECT count(*)::int FROM coach.person WHERE name = 'Pia'") == [0])
    }

    @Test func aPersonSetsTheirOwnPasswordAndOnlyThatOneWorks() throws {
        let rob = try org.connect("rob")
        try rob.query("SELECT coach.set_my_password(\(ScramVerifier.verifier(for: "new secret ünïcode")))")
        rob.close()
        let login = org.logins["rob"]!
        let again = try ServerConnection.open(org.server.tcp(login: login, password: "new secret ünïcode", database: org.database))
        again.close()
        #expect(throws: OrgStoreError.self) {
            try ServerConnection.open(org.server.tcp(login: login, password: "pw-Rob", database: org.database))
        }
        let forever = try org.admin.query("SELECT rolvaliduntil = 'infinity' FROM pg_roles WHERE rolname = \(login)")
            .first?.decode(Bool.self)
        #expect(forever == true)
    }
}
