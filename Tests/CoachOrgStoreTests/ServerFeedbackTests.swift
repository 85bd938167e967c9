import CoachCore
@testable import CoachOrgStore
import CoachStore
import CoachTestSupport
import Foundation
import PostgresNIO
import Testing

/// Customer feedback as the database enforces it: each person connects with their own login and
/// reads and writes `coach.customer_feedback` directly, as with psql. A session's feedback is
/// read by the rep, their manager and the session's author; a retro's by the team and its
/// manager; nobody else, not HR.
@Suite("customer feedback on the organisation store")
struct ServerFeedbackTests {
    let org: OrgFixture

    /// The fixture's sessions (`OrgFixture`) with a piece of feedback each: 4 (Rob's
    /// self-assessment), 5 (Mara's one-on-one with Rob), 6 (Mo's earlier one-on-one with Rob),
    /// 9 (Mo's with Sam), and one from a retro of team South.
    init() throws {
        org = try OrgFixture()
        for (session, subject, source, text) in [(4, "Rob", "self-assessment", "F4"), (5, "Rob", "one-on-one", "F5"),
                                                 (6, "Rob", "one-on-one", "F6"), (9, "Sam", "one-on-one", "F9")] {
            try org.admin.query("""
                INSERT INTO coach.customer_feedback (source, session_id, person_id, kind, text, heard_on)
                VALUES (\(source), \(session), \(try org.personID(subject)), 'complaint', \(text), '2026-01-21')
                """)
        }
        try org.admin.query("""
            INSERT INTO coach.customer_feedback (source, team_id, kind, text, heard_on)
            SELECT 'retro', id, 'other', 'RS', '2026-01-22' FROM coach.team WHERE name = 'South'
            """)
    }

    func rows(_ person: String) throws -> [String] {
        let connection = try org.connect(person)
        defer { connection.close() }
        return try connection.texts("SELECT text FROM coach.customer_feedback ORDER BY text")
    }

    @Test("each login reads the feedback of the sessions it may read and of its team's retros; HR none")
    func readRules() throws {
        let expected: [String: [String]] = [
            "hana": [], "mara": ["F4", "F5", "F6"], "mo": ["F6", "F9", "RS"], "rhea": [], "rob": ["F4", "F5", "F6"],
            "sam": ["F9", "RS"],
        ]
        for (person, texts) in expected {
            #expect(try rows(person) == texts, "\(person)")
        }
    }

    @Test("no login reads a feedback row's system columns: a retro's row shares its possibly anonymous item's transaction")
    func noSystemColumns() throws {
        for person in ["rob", "mo", "sam", "hana"] {
            let connection = try org.connect(person)
            defer { connection.close() }
            for column in ["xmin", "ctid", "xmax", "cmin"] {
                #expect(throws: (any Error).self, "\(person) \(column)") {
                    try connection.query(PostgresQuery(unsafeSQL: "SELECT \(column) FROM coach.customer_feedback"))
                }
            }
        }
        #expect(try rows("sam") == ["F9", "RS"], "the columns themselves stay readable")
    }

    @Test("a session's author inserts its feedback about its subject; nobody forges another's, or a retro's of another team")
    func insertRules() throws {
        let rob = try org.connect("rob"), sam = try org.connect("sam")
        defer { rob.close(); sam.close() }
        let robID = try org.personID("Rob"), samID = try org.personID("Sam")
        try rob.query("""
            INSERT INTO coach.customer_feedback (source, session_id, person_id, kind, text, heard_on)
            VALUES ('self-assessment', 4, \(robID), 'complaint', 'mine', '2026-01-23')
            """)
        #expect(throws: (any Error).self, "a session Rob did not write") {
            try rob.query("""
                INSERT INTO coach.customer_feedback (source, session_id, person_id, kind, text, heard_on)
                VALUES ('one-on-one', 5, \(robID), 'complaint', 'forged', '2026-01-23')
                """)
        }
        #expect(throws: (any Error).self, "about someone else") {
            try rob.query("""
                INSERT INTO coach.customer_feedback (source, session_id, person_id, kind, text, heard_on)
                VALUES ('self-assessment', 4, \(samID), 'complaint', 'forged', '2026-01-23')
                """)
        }
        #expect(throws: (any Error).self, "already acted") {
            try rob.query("""
                INSERT INTO coach.customer_feedback (source, session_id, person_id, kind, text, heard_on, status)
                VALUES ('self-assessment', 4, \(robID), 'complaint', 'forged', '2026-01-23', 'closed')
                """)
        }
        #expect(throws: (any Error).self, "a retro of another team") {
            try rob.query("""
                INSERT INTO coach.customer_feedback (source, retro_item_id, team_id, kind, text, heard_on)
                SELECT 'retro', 1, id, 'complaint', 'forged', '2026-01-23' FROM coach.team WHERE name = 'South'
                """)
        }
        #expect(try org.admin.texts("SELECT text FROM coach.customer_feedback WHERE text IN ('mine', 'forged')") == ["mine"])
    }

    @Test("those who read a row change only its status and action item; nobody else changes it, nobody deletes it")
    func changeRules() throws {
        let hana = try org.connect("hana"), rhea = try org.connect("rhea"), rob = try org.connect("rob")
        defer { hana.close(); rhea.close(); rob.close() }
        for connection in [hana, rhea] {
            try connection.query("UPDATE coach.customer_feedback SET status = 'closed'")  // reads none, so changes none
        }
        #expect(try org.admin.texts("SELECT DISTINCT status FROM coach.customer_feedback") == ["open"])
        #expect(throws: (any Error).self) { try rob.query("UPDATE coach.customer_feedback SET text = 'changed' WHERE text = 'F5'") }
        #expect(throws: (any Error).self) { try rob.query("DELETE FROM coach.customer_feedback WHERE text = 'F5'") }
        try rob.query("UPDATE coach.customer_feedback SET status = 'closed', closed_at = now() WHERE text = 'F5'")
        #expect(try org.admin.texts("SELECT text || ':' || status FROM coach.customer_feedback ORDER BY text")
            == ["F4:open", "F5:closed", "F6:open", "F9:open", "RS:open"])
    }

    /// A database at version 6 (before retros and customer feedback) is upgraded by `org init`:
    /// its people stay, and the new table keeps its rules.
    @Test("org init upgrades a version 6 database to version 7 with the customer feedback table and its rules")
    func upgradeFromVersionSix() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        let hana = TestPostgres.uniqueLogin("hana")
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: hana), upTo: 6)
        #expect(try admin.query("SELECT to_regclass('coach.customer_feedback') IS NULL").first?.decode(Bool.self) == true)
        _ = try OrgSetup.initialise(admin, firstHR: nil)
        #expect(try OrgSchema.version(admin) == 7)
        let store = try OrgDatabase(connection: try ServerConnection.open(server.socket(login: hana, database: database)))
        #expect(try store.customerFeedback(viewer: "Hana", filter: FeedbackFilter()).isEmpty)
        #expect(try admin.texts("SELECT relrowsecurity::text FROM pg_class WHERE oid = 'coach.customer_feedback'::regclass") == ["true"])
    }

    @Test("the store: act makes the action item as the rules say, close closes; feedback one may not read is none")
    func storeActAndClose() throws {
        let rob = try OrgDatabase(connection: try org.connect("rob"))
        let mo = try OrgDatabase(connection: try org.connect("mo"))
        let hana = try OrgDatabase(connection: try org.connect("hana"))
        func refusal(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return "\(error)" }
        }
        #expect(try hana.customerFeedback(viewer: "Hana", filter: FeedbackFilter()).isEmpty)
        let f5 = try #require(try rob.customerFeedback(viewer: "Rob", filter: FeedbackFilter()).first { $0.text == "F5" })
        #expect(f5.from == "Rob" && f5.team == "North" && f5.source == "one-on-one")
        #expect(refusal { _ = try mo.actOnFeedback(id: f5.id, text: nil, owner: nil, due: nil, by: "Mo", at: Date()) }?
            .contains("no customer feedback #\(f5.id) that you can see") == true)
        #expect(refusal { _ = try rob.actOnFeedback(id: f5.id, text: nil, owner: "Sam", due: nil, by: "Rob", at: Date()) }?
            .contains("owned by Rob or their manager Mara, not Sam") == true)
        let acted = try rob.actOnFeedback(id: f5.id, text: nil, owner: nil, due: "2026-02-01", by: "Rob", at: Date())
        #expect(acted.actionItem.subject == "Rob" && acted.actionItem.owner == "Rob" && acted.actionItem.text == "F5")
        #expect(try rob.actionItems(viewer: "Rob", subject: nil, openOnly: true).contains { $0.id == acted.actionItem.id })
        #expect(try rob.customerFeedback(viewer: "Rob", filter: FeedbackFilter()).first { $0.id == f5.id }?.actionItem
            == acted.actionItem.id)

        let retro = try #require(try mo.customerFeedback(viewer: "Mo", filter: FeedbackFilter(team: "south")).first { $0.text == "RS" })
        #expect(retro.from == "team South")
        let teamAction = try mo.actOnFeedback(id: retro.id, text: "Update the price list", owner: "Sam", due: nil, by: "Mo", at: Date())
        #expect(teamAction.actionItem.subject == "Sam" && teamAction.actionItem.owner == "Sam")
        let f9 = try #require(try mo.customerFeedback(viewer: "Mo", filter: FeedbackFilter(openOnly: true)).first { $0.text == "F9" })
        #expect(try mo.closeFeedback(id: f9.id, by: "Mo", at: Date()).status == .closed)
        #expect(refusal { try mo.closeFeedback(id: f9.id, by: "Mo", at: Date()) }?.contains("already closed") == true)
        #expect(try org.admin.texts("SELECT text || ':' || status FROM coach.customer_feedback ORDER BY text")
            == ["F4:open", "F5:acted", "F6:open", "F9:closed", "RS:acted"])
    }
}
