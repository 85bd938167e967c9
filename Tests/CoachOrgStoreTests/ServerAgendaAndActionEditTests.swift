import CoachCore
import CoachOrgStore
import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// `agenda list`, `agenda remove` and `action edit` on the organisation store: the same rules
/// and words as the local store, with the database itself refusing what they forbid.
///
/// The fixture seeds agenda topic #1 and action item #1 about Rob (managed by Mara), and #2 of
/// each about Sam (managed by Mo); Hana is HR.
@Suite("agenda topics and action item edits on the organisation store")
struct ServerAgendaAndActionEditTests {
    private func store(_ fixture: OrgFixture, _ person: String) throws -> OrgDatabase {
        try OrgDatabase(connection: try fixture.connect(person))
    }

    private func refusal(_ body: () throws -> Void) -> StoreError? {
        do {
            try body()
            return nil
        } catch {
            return error as? StoreError
        }
    }

    @Test("the rep and their manager list and remove the rep's topics; HR and another manager see none")
    func agenda() throws {
        let fixture = try OrgFixture()
        let rob = try store(fixture, "rob"), mara = try store(fixture, "mara")
        let hana = try store(fixture, "hana"), mo = try store(fixture, "mo")
        #expect(try rob.agendaItems(viewer: "Rob", person: nil).map(\.text) == ["agenda of Rob"])
        #expect(try mara.agendaItems(viewer: "Mara", person: "rob").map(\.id) == [1])
        for (name, other) in [("Hana", hana), ("Mo", mo)] {
            #expect(refusal { _ = try other.agendaItems(viewer: name, person: "Rob") }
                == .notAllowed("agenda topics are seen by the rep and their manager"), "\(name)")
            #expect(refusal { try other.removeAgendaItem(id: 1, by: name) } == .unknownAgendaItem(1), "\(name)")
        }
        #expect(refusal { try rob.removeAgendaItem(id: 2, by: "Rob") } == .unknownAgendaItem(2), "Sam's topic")

        let removed = try rob.removeAgendaItem(id: 1, by: "Rob")
        #expect(removed.status == "removed" && removed.text == "agenda of Rob")
        #expect(try rob.agendaItems(viewer: "Rob", person: nil).isEmpty)
        let robID = try #require(try rob.me().id)
        #expect(try mara.openAgendaItems(personID: robID, on: "2099-01-01").isEmpty)
        #expect(refusal { try mara.removeAgendaItem(id: 1, by: "Mara") } == .agendaItemClosed(1, status: "removed"))
        #expect(try fixture.admin.texts("SELECT status FROM coach.agenda_item ORDER BY id") == ["removed", "open"])
    }

    @Test("the database keeps the rules: HR changes no topic, a discussed topic is not removed, no other status")
    func agendaInTheDatabase() throws {
        let fixture = try OrgFixture()
        let hana = try fixture.connect("hana"), sam = try fixture.connect("sam")
        try hana.query("UPDATE coach.agenda_item SET status = 'removed' WHERE id = 2")
        #expect(try fixture.admin.texts("SELECT status FROM coach.agenda_item WHERE id = 2") == ["open"])
        #expect(throws: (any Error).self) { try sam.query("UPDATE coach.agenda_item SET status = 'gone' WHERE id = 2") }
        try fixture.admin.query("UPDATE coach.agenda_item SET status = 'discussed' WHERE id = 2")
        #expect(throws: (any Error).self) { try sam.query("UPDATE coach.agenda_item SET status = 'removed' WHERE id = 2") }
        let samStore = try OrgDatabase(connection: sam)
        #expect(refusal { try samStore.removeAgendaItem(id: 2, by: "Sam") } == .agendaItemClosed(2, status: "discussed"))
    }

    @Test("who may close an item edits it, the owner stays the rep or their manager, a closed item stays as it was")
    func actionEdit() throws {
        let fixture = try OrgFixture()
        let rob = try store(fixture, "rob"), mara = try store(fixture, "mara")
        let edited = try mara.editActionItem(id: 1, text: "Call ACME", owner: "Mara", due: "2026-12-24", by: "Mara")
        #expect(edited.text == "Call ACME" && edited.owner == "Mara" && edited.due == "2026-12-24")
        #expect(try rob.actionItems(viewer: "Rob", subject: nil, openOnly: true) == [edited])
        let moved = try rob.editActionItem(id: 1, text: nil, owner: nil, due: "2027-01-08", by: "Rob")
        #expect(moved.text == "Call ACME" && moved.owner == "Mara" && moved.due == "2027-01-08")

        for person in ["hana", "mo", "sam"] {
            let other = try store(fixture, person)
            #expect(refusal { try other.editActionItem(id: 1, text: "x", owner: nil, due: nil, by: person) }
                == .unknownActionItem(1), "\(person)")
        }
        #expect(refusal { try mara.editActionItem(id: 1, text: nil, owner: "Hana", due: nil, by: "Mara") }
            == .notAllowed("an action item about Rob is owned by Rob or their manager Mara, not Hana"))
        #expect(refusal { try mara.editActionItem(id: 1, text: nil, owner: "Rbo", due: nil, by: "Mara") }
            == .unknownPerson("Rbo", suggestion: "Rob"))
        #expect(refusal { try mara.editActionItem(id: 1, text: "", owner: nil, due: nil, by: "Mara") }
            == .invalidText("an action item needs 1 to 2000 characters of plain text"))
        _ = try rob.closeActionItem(id: 1, by: "Rob", at: Date())
        #expect(refusal { try mara.editActionItem(id: 1, text: "x", owner: nil, due: nil, by: "Mara") }
            == .actionItemNotEditable(1, status: "done"))
        #expect(try fixture.admin.texts("SELECT text || ' ' || due FROM coach.action_item WHERE id = 1") == ["Call ACME 2027-01-08"])
    }

    @Test("the database gives an item to nobody but the rep or their manager, whatever the statement")
    func ownerInTheDatabase() throws {
        let fixture = try OrgFixture()
        let rob = try fixture.connect("rob")
        let hana = try fixture.personID("Hana"), mara = try fixture.personID("Mara")
        #expect(throws: (any Error).self) { try rob.query("UPDATE coach.action_item SET owner_id = \(hana) WHERE id = 1") }
        try rob.query("UPDATE coach.action_item SET owner_id = \(mara) WHERE id = 1")
        #expect(try fixture.admin.integers("SELECT owner_id::int FROM coach.action_item WHERE id = 1") == [mara])
        // The item's owner is kept when the rep changes managers, and still edited.
        let mo = try fixture.personID("Mo")
        try fixture.admin.query("UPDATE coach.person SET manager_id = \(mo) WHERE name = 'Rob'")
        let maraStore = try store(fixture, "mara")
        #expect(try maraStore.editActionItem(id: 1, text: "still mine", owner: nil, due: nil, by: "Mara").owner == "Mara")
        #expect(refusal { try maraStore.editActionItem(id: 1, text: nil, owner: "Rob", due: nil, by: "Mara") }
            == .notAllowed("only Rob or their manager may give #1 to someone else"))
    }
}
