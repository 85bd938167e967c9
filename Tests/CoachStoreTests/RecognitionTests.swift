import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

/// Recognition on the local store: anyone thanks anyone else, for one of the organisation's
/// values or none, and everyone reads all of it.
@Suite("Recognition on the local store")
struct RecognitionTests {
    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test("a thanks is stored with giver, receiver, time, text and the value as the list spells it")
    func thanks() throws {
        let database = try sampleStore()
        try database.setOrgSetting(.values, to: " customer focus,Teamwork ,  new ideas", by: "Hana")
        #expect(try database.orgSettings().values == ["customer focus", "Teamwork", "new ideas"])
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let given = try database.giveThanks(to: "rob", text: "  Covered the Acme call ", value: "TEAMWORK", by: "Rita", at: now)
        #expect(given.receiver == "Rob" && given.giver == "Rita" && given.value == "Teamwork" && given.text == "Covered the Acme call")
        try database.giveThanks(to: "Rita", text: "Great demo", value: nil, by: "Hana", at: now.addingTimeInterval(60))
        #expect(try database.recognitions(since: nil, until: nil).map(\.text) == ["Covered the Acme call", "Great demo"])
        #expect(try database.recognitions(since: now.addingTimeInterval(1), until: nil).map(\.giver) == ["Hana"])
        #expect(try database.recognitions(since: nil, until: now.addingTimeInterval(1)).map(\.giver) == ["Rita"])
    }

    @Test("refused: to oneself, an unknown person, a value off the list or with no list, bad text")
    func refusals() throws {
        let database = try sampleStore()
        #expect(refusal { try database.giveThanks(to: "RITA", text: "me", value: nil, by: "Rita", at: Date()) }?
            .contains("not to oneself") == true)
        #expect(refusal { try database.giveThanks(to: "Robb", text: "hi", value: nil, by: "Rita", at: Date()) }?
            .contains("did you mean 'Rob'") == true)
        #expect(refusal { try database.giveThanks(to: "Rob", text: "hi", value: "teamwork", by: "Rita", at: Date()) }?
            .contains("org set values") == true)
        try database.setOrgSetting(.values, to: "customer focus, teamwork", by: "Hana")
        #expect(refusal { try database.giveThanks(to: "Rob", text: "hi", value: "teamwrk", by: "Rita", at: Date()) }
            == "'teamwrk' is not one of the organisation's values (did you mean 'teamwork'?); they are: customer focus, teamwork")
        #expect(refusal { try database.giveThanks(to: "Rob", text: "  ", value: nil, by: "Rita", at: Date()) } != nil)
        #expect(refusal { try database.giveThanks(to: "Rob", text: String(repeating: "x", count: 2_001), value: nil, by: "Rita",
                                                  at: Date()) } != nil)
        #expect(refusal { try database.giveThanks(to: "Rob", text: "a\u{1B}[2Jb", value: nil, by: "Rita", at: Date()) } != nil)
        #expect(try database.recognitions(since: nil, until: nil).isEmpty)
    }

    @Test("org set values takes 1 to 30 different names separated by commas")
    func valuesSetting() throws {
        let database = try sampleStore()
        for bad in ["", ",", "a,,b", "a, A", String(repeating: "x", count: 61), (1...31).map { "v\($0)" }.joined(separator: ",")] {
            #expect(throws: StoreError.self, "\(bad)") { try database.setOrgSetting(.values, to: bad, by: "Hana") }
        }
        #expect(throws: StoreError.self) { try database.setOrgSetting(.values, to: "teamwork", by: "Rita") }
        #expect(try database.orgSettings().values.isEmpty)
    }

    @Test("migration v11 adds the recognition table to a v10 store, whose rows stay, and refuses a thanks to oneself")
    func migration() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v10")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO person (id, name, role, created_at) VALUES (1, 'Ana', 'rep', '2026-11-01 09:00:00.000'),
                  (2, 'Bo', 'rep', '2026-11-01 09:00:00.000');
                """)
            #expect(try !db.tableExists("recognition"))
        }
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM person") == 2)
            try db.execute(sql: """
                INSERT INTO recognition (giver_id, receiver_id, given_at, text, value)
                VALUES (1, 2, '2026-11-02 09:00:00.000', 'Thanks', NULL)
                """)
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO recognition (giver_id, receiver_id, given_at, text) VALUES (1, 1, '2026-11-02', 'x')")
            }
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        #expect(AppDatabase.schemaVersion == "v12")
    }
}
