import CoachCore
@testable import CoachOrgStore
import CoachStore
import CoachTestSupport
import Foundation
import PostgresNIO
import Testing

/// Recognition as the database enforces it: each person connects with their own login and
/// reads and writes `coach.recognition` directly, as with psql. Every login reads every row; a
/// login inserts only its own thanks to someone else; nobody updates or deletes a row.
@Suite("recognition on the organisation store")
struct ServerRecognitionTests {
    let org: OrgFixture
    init() throws {
        org = try OrgFixture(seeded: false)
        let mara = try OrgDatabase(connection: try org.connect("mara"))
        try mara.giveThanks(to: "Rob", text: "Covered the Acme call", value: nil, by: "Mara", at: Date())
        let sam = try OrgDatabase(connection: try org.connect("sam"))
        try sam.giveThanks(to: "Rhea", text: "Shared the pricing sheet", value: nil, by: "Sam", at: Date())
    }

    func rows(_ person: String) throws -> [String] {
        let connection = try org.connect(person)
        defer { connection.close() }
        return try connection.texts("""
            SELECT g.name || '>' || p.name FROM coach.recognition r JOIN coach.person g ON g.id = r.giver_id
            JOIN coach.person p ON p.id = r.receiver_id ORDER BY r.id
            """)
    }

    @Test("every login of the organisation reads every thanks, whoever gave or received it")
    func everyoneReadsAll() throws {
        for person in ["hana", "mara", "mo", "rhea", "rob", "sam"] {
            #expect(try rows(person) == ["Mara>Rob", "Sam>Rhea"], "\(person)")
        }
    }

    @Test("a login inserts only its own thanks to someone else, and nobody updates or deletes one (not HR)")
    func writeRules() throws {
        let rob = try org.connect("rob"), hana = try org.connect("hana")
        defer { rob.close(); hana.close() }
        let robID = try org.personID("Rob"), samID = try org.personID("Sam"), maraID = try org.personID("Mara")
        #expect(throws: (any Error).self, "as someone else") {
            try rob.query("INSERT INTO coach.recognition (giver_id, receiver_id, text) VALUES (\(samID), \(maraID), 'forged')")
        }
        #expect(throws: (any Error).self, "to oneself") {
            try rob.query("INSERT INTO coach.recognition (giver_id, receiver_id, text) VALUES (\(robID), \(robID), 'me')")
        }
        #expect(throws: (any Error).self, "HR as someone else") {
            try hana.query("INSERT INTO coach.recognition (giver_id, receiver_id, text) VALUES (\(robID), \(samID), 'forged')")
        }
        try rob.query("""
            INSERT INTO coach.recognition (giver_id, receiver_id, given_at, text)
            VALUES (\(robID), \(samID), '2020-01-01', 'Great demo')
            """)
        #expect(try org.admin.texts("SELECT (given_at > now() - interval '1 hour')::text FROM coach.recognition WHERE text = 'Great demo'")
            == ["true"], "the server's clock, not the one given")
        for connection in [rob, hana] {
            #expect(throws: (any Error).self) { try connection.query("UPDATE coach.recognition SET text = 'changed'") }
            #expect(throws: (any Error).self) { try connection.query("DELETE FROM coach.recognition") }
        }
        #expect(try org.admin.texts("SELECT text FROM coach.recognition ORDER BY id")
            == ["Covered the Acme call", "Shared the pricing sheet", "Great demo"])
    }

    @Test("the store refuses thanks to oneself, an unknown person, a value not on the list, and bad text")
    func storeRefusals() throws {
        let rob = try OrgDatabase(connection: try org.connect("rob"))
        let hana = try OrgDatabase(connection: try org.connect("hana"))
        func refusal(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return "\(error)" }
        }
        #expect(refusal { try rob.giveThanks(to: "rob", text: "me", value: nil, by: "Rob", at: Date()) }?
            .contains("not to oneself") == true)
        #expect(refusal { try rob.giveThanks(to: "Rhae", text: "hi", value: nil, by: "Rob", at: Date()) }?
            .contains("Rhea") == true)
        #expect(refusal { try rob.giveThanks(to: "Sam", text: "hi", value: "teamwork", by: "Rob", at: Date()) }?
            .contains("org set values") == true)
        try hana.setOrgSetting(.values, to: "customer focus, Teamwork", by: "Hana", at: Date())
        #expect(refusal { try rob.giveThanks(to: "Sam", text: "hi", value: "teamwrk", by: "Rob", at: Date()) }?
            .contains("did you mean 'Teamwork'") == true)
        #expect(refusal { try rob.giveThanks(to: "Sam", text: "a\u{1B}[2Jb", value: nil, by: "Rob", at: Date()) } != nil)
        let thanks = try rob.giveThanks(to: "sam", text: " Great demo ", value: "TEAMWORK", by: "Rob", at: Date())
        #expect(thanks.receiver == "Sam" && thanks.value == "Teamwork" && thanks.text == "Great demo")
        #expect(try hana.recognitions(since: nil, until: nil).map(\.text).last == "Great demo")
    }

    /// A database at version 5 (before recognition) is upgraded by `org init`: its people stay,
    /// and the new table takes thanks with its rules.
    @Test("org init upgrades a version 5 database to version 6 with the recognition table and its rules")
    func upgradeFromVersionFive() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        let hana = TestPostgres.uniqueLogin("hana"), rob = TestPostgres.uniqueLogin("rob")
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: hana), upTo: 5)
        #expect(try OrgSchema.version(admin) == 5)
        try admin.query("""
            SELECT coach.insert_person('Rob', \(NameKey.key(for: "Rob")), 'rep', NULL, NULL, NULL, \(rob),
                                       \(ScramVerifier.verifier(for: "unused")))
            """)
        #expect(try admin.query("SELECT to_regclass('coach.recognition') IS NULL").first?.decode(Bool.self) == true)
        _ = try OrgSetup.initialise(admin, firstHR: nil)
        #expect(try OrgSchema.version(admin) == OrgSchema.latestVersion)
        let robStore = try OrgDatabase(connection: try ServerConnection.open(server.socket(login: rob, database: database)))
        try robStore.giveThanks(to: "Hana", text: "Welcome pack", value: nil, by: "Rob", at: Date())
        let hanaConnection = try ServerConnection.open(server.socket(login: hana, database: database))
        defer { hanaConnection.close() }
        #expect(try hanaConnection.texts("SELECT text FROM coach.recognition") == ["Welcome pack"])
    }
}
