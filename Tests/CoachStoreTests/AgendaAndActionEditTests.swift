import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

/// `agenda list`, `agenda remove` and `action edit` on the local store: the rep and their
/// manager see and remove a rep's topics; who may close an action item may edit it.
@Suite("Agenda topics and action item edits follow the one-on-one's rules")
struct AgendaAndActionEditTests {
    /// `sampleStore` (Mia manages Rita, Max manages Rob, Hana is HR), with two topics of Rita's
    /// (#1, #2), one of Rob's (#3), and an action item about Rita that she owns (#1).
    static func store() throws -> AppDatabase {
        let database = try sampleStore()
        try database.addAgendaItem(text: "Commission plan", for: "Rita")
        try database.addAgendaItem(text: "Holiday cover", for: "Rita")
        try database.addAgendaItem(text: "Territory", for: "Rob")
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO action_item (subject_id, owner_id, text, due, created_at)
                SELECT id, id, 'Call Acme', '2026-11-20', '2026-11-01 10:00:00.000' FROM person WHERE name = 'Rita'
                """)
        }
        return database
    }

    @Test("the rep and their manager list the rep's open topics; HR and another manager may not")
    func listing() throws {
        let database = try Self.store()
        #expect(try database.agendaItems(viewer: "Rita", person: nil).map(\.text) == ["Commission plan", "Holiday cover"])
        #expect(try database.agendaItems(viewer: "Mia", person: "rita").map(\.id) == [1, 2])
        #expect(try database.agendaItems(viewer: "Mia", person: nil).isEmpty, "a manager's own agenda")
        for viewer in ["Hana", "Max", "Rob"] {
            #expect(storeError { _ = try database.agendaItems(viewer: viewer, person: "Rita") }
                == .notAllowed("agenda topics are seen by the rep and their manager"), "\(viewer)")
        }
    }

    @Test("a removed topic keeps its row, leaves the list and the next one-on-one, and cannot be removed again")
    func removal() throws {
        let database = try Self.store()
        let removed = try database.removeAgendaItem(id: 1, by: "Rita")
        #expect(removed.status == "removed" && removed.text == "Commission plan")
        #expect(try database.agendaItems(viewer: "Rita", person: nil).map(\.id) == [2])
        let ritaID = try #require(try database.person(named: "Rita")?.id)
        #expect(try database.openAgendaItems(personID: ritaID, on: "2026-12-31").map(\.id) == [2])
        #expect(try database.read { try String.fetchAll($0, sql: "SELECT status FROM agenda_item ORDER BY id") }
            == ["removed", "open", "open"])
        #expect(storeError { try database.removeAgendaItem(id: 1, by: "Rita") } == .agendaItemClosed(1, status: "removed"))
        #expect(try database.removeAgendaItem(id: 2, by: "Mia").status == "removed", "the rep's manager")
    }

    @Test("nobody else removes a topic, and to them it does not exist; a discussed one says so")
    func removalRefused() throws {
        let database = try Self.store()
        for actor in ["Hana", "Max", "Rob"] {
            #expect(storeError { try database.removeAgendaItem(id: 1, by: actor) } == .unknownAgendaItem(1), "\(actor)")
        }
        #expect(storeError { try database.removeAgendaItem(id: 99, by: "Rita") } == .unknownAgendaItem(99))
        try database.write { try $0.execute(sql: "UPDATE agenda_item SET status = 'discussed' WHERE id = 2") }
        let discussed = storeError { try database.removeAgendaItem(id: 2, by: "Rita") }
        #expect(discussed == .agendaItemClosed(2, status: "discussed"))
        #expect(discussed?.description.contains("already discussed") == true)
        #expect(StoreError.unknownAgendaItem(12).description.contains("no agenda topic #12 ("))
    }

    @Test("the rep's manager edits text, owner and due date; nil leaves a field as it is")
    func edit() throws {
        let database = try Self.store()
        let edited = try database.editActionItem(id: 1, text: "  Call Acme about pricing ", owner: "mia", due: "2026-12-24", by: "Mia")
        #expect(edited.text == "Call Acme about pricing" && edited.owner == "Mia" && edited.due == "2026-12-24")
        let again = try database.editActionItem(id: 1, text: nil, owner: nil, due: "2027-01-08", by: "Rita")
        #expect(again.text == "Call Acme about pricing" && again.owner == "Mia" && again.due == "2027-01-08")
        #expect(try database.actionItems(viewer: "Rita", subject: nil, openOnly: true) == [again])
    }

    @Test("who may not close it may not edit it; a closed item, a stranger as owner and bad text are refused")
    func editRefused() throws {
        let database = try Self.store()
        for actor in ["Hana", "Max", "Rob"] {
            #expect(storeError { try database.editActionItem(id: 1, text: "x", owner: nil, due: nil, by: actor) }
                == .unknownActionItem(1), "\(actor)")
        }
        #expect(storeError { try database.editActionItem(id: 1, text: nil, owner: "Hana", due: nil, by: "Mia") }
            == .notAllowed("an action item about Rita is owned by Rita or their manager Mia, not Hana"))
        #expect(storeError { try database.editActionItem(id: 1, text: nil, owner: "Mua", due: nil, by: "Mia") }
            == .unknownPerson("Mua", suggestion: "Mia"))
        #expect(storeError { try database.editActionItem(id: 1, text: " ", owner: nil, due: nil, by: "Mia") }
            == .invalidText("an action item needs 1 to 2000 characters of plain text"))
        #expect(storeError { try database.editActionItem(id: 1, text: String(repeating: "x", count: 2_001), owner: nil, due: nil, by: "Mia") }
            == .invalidText("an action item needs 1 to 2000 characters of plain text"))
        #expect(storeError { try database.editActionItem(id: 1, text: "a\u{1B}[2J", owner: nil, due: nil, by: "Mia") }
            == .invalidText("an action item cannot contain control characters"))
        #expect(storeError { try database.editActionItem(id: 1, text: nil, owner: nil, due: "2026-02-30", by: "Mia") }
            == .invalidText("a due date is a day written YYYY-MM-DD, not '2026-02-30'"))
        try database.closeActionItem(id: 1, by: "Rita")
        let closed = storeError { try database.editActionItem(id: 1, text: "x", owner: nil, due: nil, by: "Mia") }
        #expect(closed?.description == "#1 is done; only open items can be edited")
        #expect(try database.actionItems(viewer: "Rita", subject: nil, openOnly: false).map(\.text) == ["Call Acme"])
    }

    @Test("an owner who is no longer the rep's manager edits the item but hands it to nobody else")
    func formerManager() throws {
        let database = try Self.store()
        _ = try database.editActionItem(id: 1, text: nil, owner: "Mia", due: nil, by: "Rita")
        try database.write { db in
            try db.execute(sql: "UPDATE person SET manager_id = (SELECT id FROM person WHERE name = 'Max') WHERE name = 'Rita'")
        }
        #expect(try database.editActionItem(id: 1, text: "Call Acme today", owner: nil, due: nil, by: "Mia").text == "Call Acme today")
        #expect(storeError { try database.editActionItem(id: 1, text: nil, owner: "Rita", due: nil, by: "Mia") }
            == .notAllowed("only Rita or their manager may give #1 to someone else"))
        #expect(try database.editActionItem(id: 1, text: nil, owner: "Max", due: nil, by: "Rita").owner == "Max")
    }

    @Test("migration v9 keeps every agenda topic, id and status, and then takes 'removed'")
    func migration() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v8")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO person (id, name, role, created_at) VALUES (1, 'Ana', 'rep', '2026-11-01 09:00:00.000');
                INSERT INTO agenda_item (id, person_id, text, source, created_at, not_before, status, note, carried_count) VALUES
                  (4, 1, 'Pricing', 'manual', '2026-11-01 09:00:00.000', NULL, 'discussed', 'agreed', 0),
                  (7, 1, 'Applying CRM', 'training', '2026-11-02 09:00:00.000', '2026-12-02', 'open', NULL, 2);
                """)
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE agenda_item SET status = 'removed' WHERE id = 7") }
        }
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            #expect(try String.fetchAll(db, sql: """
                SELECT id || text || source || COALESCE(not_before, '-') || status || COALESCE(note, '-') || carried_count
                FROM agenda_item ORDER BY id
                """) == ["4Pricingmanual-discussedagreed0", "7Applying CRMtraining2026-12-02open-2"])
            try db.execute(sql: "UPDATE agenda_item SET status = 'removed' WHERE id = 7")
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE agenda_item SET status = 'gone' WHERE id = 7") }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_index_list('agenda_item')") == 3)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }
}
