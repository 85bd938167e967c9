import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

/// The team retrospective on the local store: the team and its manager see it, the manager runs
/// it, anonymous items keep no author, and the actions agreed come back at the next retro.
@Suite("Retro on the local store")
struct RetroStoreTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// The sample store, with a second North rep, Nina.
    func store() throws -> AppDatabase {
        let database = try sampleStore()
        try database.addPerson(name: "Nina", role: .rep, team: "North", manager: nil, by: "Hana")
        return database
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test("a whole retro: items, topics, votes, actions, closed, and its actions reviewed at the next one")
    func wholeFlow() throws {
        let database = try store()
        let retro = try database.startRetro(team: "north", by: "Mia", surveyHash: nil, votesPerPerson: 3, at: now)
        #expect(retro.team == "North" && retro.manager == "Mia" && retro.stage == .gathering && retro.closedAt == nil)
        #expect(try database.openRetro(team: "NORTH", viewer: "Rita")?.id == retro.id)
        let slow = try database.addRetroItem(team: nil, list: "improve", text: " Slow quotes ", anonymous: false,
                                             customerFeedback: nil, by: "Rita", at: now)
        #expect(slow.author == "Rita" && slow.text == "Slow quotes" && slow.addedOn == DateAnswer.iso(now))
        let demo = try database.addRetroItem(team: "North", list: "went_well", text: "Demo day", anonymous: true,
                                             customerFeedback: nil, by: "Mia", at: now)
        let price = try database.addRetroItem(team: "North", list: "improve", text: "Price list late", anonymous: true,
                                              customerFeedback: nil, by: "Mia", at: now)
        #expect(demo.author == nil)
        #expect(refusal { try database.groupRetroItems(retro: retro.id, items: [slow.id], title: "Speed", by: "Mia") }?
            .contains("while the retro is grouping") == true)
        try database.setRetroStage(id: retro.id, to: .grouping, by: "Mia", at: now)
        let speed = try database.groupRetroItems(retro: retro.id, items: [slow.id, price.id], title: "Speed", by: "Mia")
        let wins = try database.groupRetroItems(retro: retro.id, items: [demo.id], title: "Wins", by: "Mia")
        #expect(speed.number == 1 && wins.number == 2)
        // An item already in a topic moves to the new one.
        let prices = try database.groupRetroItems(retro: retro.id, items: [price.id], title: "Prices", by: "Mia")
        #expect(prices.number == 3)
        try database.setRetroStage(id: retro.id, to: .voting, by: "Mia", at: now)
        try database.castVotes(retro: retro.id, voter: "Rita", topics: [1, 1, 3], by: "Rita")
        try database.castVotes(retro: retro.id, voter: "Nina", topics: [1], by: "Nina")
        try database.castVotes(retro: retro.id, voter: "Nina", topics: [2, 3], by: "Mia")  // replaces Nina's
        #expect(try database.voteTally(retro: retro.id, viewer: "Mia") == [1: 2, 2: 1, 3: 2])
        #expect(try database.voters(retro: retro.id, viewer: "Mia") == ["Nina", "Rita"])
        #expect(refusal { _ = try database.voteTally(retro: retro.id, viewer: "Rita") }?.contains("manager") == true)
        #expect(try database.retroBoard(id: retro.id, viewer: "Rita").topics.map(\.votes) == [nil, nil, nil])
        try database.setRetroStage(id: retro.id, to: .actions, by: "Mia", at: now)
        let action = try database.addRetroAction(retro: retro.id, text: "Quote template", owner: "rita", due: "2026-10-01",
                                                 by: "Mia", at: now)
        #expect(action.owner == "Rita" && action.subject == "Rita" && action.due == "2026-10-01" && action.status == "open")
        try database.addRetroAction(retro: retro.id, text: "Ask pricing weekly", owner: "Mia", due: nil, by: "Mia", at: now)
        let board = try database.retroBoard(id: retro.id, viewer: "Nina")
        #expect(board.items.map(\.text) == ["Price list late", "Slow quotes", "Demo day"])
        #expect(board.items.map(\.topic) == [3, 1, 2])
        #expect(board.items.map(\.author) == [nil, "Rita", nil])
        #expect(board.topics == [RetroTopic(number: 1, title: "Speed", votes: 2), RetroTopic(number: 2, title: "Wins", votes: 1),
                                 RetroTopic(number: 3, title: "Prices", votes: 2)])
        #expect(board.actions.map(\.text) == ["Quote template", "Ask pricing weekly"])
        #expect(try database.retroActionsToReview(team: "North", viewer: "Mia").isEmpty, "not before the retro closed")
        try database.setRetroStage(id: retro.id, to: .closed, by: "Mia", at: now.addingTimeInterval(3_600))
        #expect(try database.openRetro(team: "North", viewer: "Mia") == nil)
        #expect(try database.retros(team: "North", viewer: "Rita").first?.closedAt == now.addingTimeInterval(3_600))
        #expect(refusal { try database.addRetroAction(retro: retro.id, text: "Late", owner: "Rita", due: nil, by: "Mia", at: now) }?
            .contains("closed") == true)

        let review = try database.retroActionsToReview(team: "North", viewer: "Rita")
        #expect(review.map(\.text) == ["Quote template", "Ask pricing weekly"])
        #expect(refusal { try database.reviewRetroAction(id: review[0].id, decision: .done, by: "Rita", at: now) }?
            .contains("manager") == true)
        #expect(storeError { try database.reviewRetroAction(id: review[0].id, decision: .done, by: "Max", at: now) }
            == .unknownActionItem(review[0].id))
        try database.reviewRetroAction(id: review[0].id, decision: .carry, by: "Mia", at: now)
        try database.reviewRetroAction(id: review[1].id, decision: .drop, by: "Mia", at: now)
        var left = try database.retroActionsToReview(team: "North", viewer: "Mia")
        #expect(left.map(\.text) == ["Quote template"] && left.first?.carried == 1)
        try database.reviewRetroAction(id: review[0].id, decision: .done, by: "Mia", at: now)
        left = try database.retroActionsToReview(team: "North", viewer: "Mia")
        #expect(left.isEmpty)
        #expect(refusal { try database.reviewRetroAction(id: review[0].id, decision: .drop, by: "Mia", at: now) }?
            .contains("already done") == true)
        let second = try database.startRetro(team: "North", by: "Mia", surveyHash: "h", votesPerPerson: 2, at: now.addingTimeInterval(86_400))
        #expect(try database.retros(team: "North", viewer: "Mia").map(\.id) == [second.id, retro.id])
    }

    @Test("outsiders are refused: HR, another team's manager and reps; only the team's manager runs it")
    func whoMay() throws {
        let database = try store()
        for outsider in ["Hana", "Max", "Rob"] {
            #expect(refusal { _ = try database.openRetro(team: "North", viewer: outsider) }?
                .contains("the retros of North are for its members and its manager") == true, "\(outsider)")
        }
        #expect(refusal { _ = try database.startRetro(team: "North", by: "Max", surveyHash: nil, votesPerPerson: 3, at: now) }
            == "not allowed: only North's manager runs its retro")
        #expect(refusal { _ = try database.startRetro(team: "North", by: "Rita", surveyHash: nil, votesPerPerson: 3, at: now) }
            == "not allowed: only North's manager runs its retro")
        #expect(refusal { _ = try database.startRetro(team: "Nort", by: "Mia", surveyHash: nil, votesPerPerson: 3, at: now) }?
            .contains("did you mean 'North'") == true)
        #expect(refusal { _ = try database.startRetro(team: "North", by: "Mia", surveyHash: nil, votesPerPerson: 0, at: now) }?
            .contains("1 to 20") == true)
        let retro = try database.startRetro(team: "North", by: "Mia", surveyHash: nil, votesPerPerson: 3, at: now)
        #expect(storeError { _ = try database.startRetro(team: "north", by: "Mia", surveyHash: nil, votesPerPerson: 3, at: now) }
            == .retroAlreadyOpen(team: "North", id: retro.id))
        #expect(storeError { _ = try database.retroBoard(id: retro.id, viewer: "Rob") } == .unknownRetro(retro.id))
        #expect(storeError { _ = try database.retroBoard(id: retro.id, viewer: "Hana") } == .unknownRetro(retro.id))
        #expect(storeError { _ = try database.retroBoard(id: 999, viewer: "Mia") } == .unknownRetro(999))
        #expect(storeError { try database.setRetroStage(id: retro.id, to: .grouping, by: "Max", at: now) } == .unknownRetro(retro.id))
        #expect(refusal { try database.setRetroStage(id: retro.id, to: .grouping, by: "Rita", at: now) }?
            .contains("only North's manager") == true)
        #expect(refusal { try database.addRetroItem(team: "South", list: nil, text: "x", anonymous: false, customerFeedback: nil,
                                                    by: "Rita", at: now) }?.contains("Rita is not in South") == true)
        #expect(refusal { try database.addRetroItem(team: "North", list: nil, text: "x", anonymous: false, customerFeedback: nil,
                                                    by: "Hana", at: now) } != nil)
        #expect(refusal { try database.addRetroItem(team: nil, list: nil, text: " ", anonymous: false, customerFeedback: nil,
                                                    by: "Rita", at: now) }?.contains("1 to 500") == true)
        #expect(refusal { try database.addRetroItem(team: nil, list: "went well", text: "x", anonymous: false, customerFeedback: nil,
                                                    by: "Rita", at: now) }?.contains("question id") == true)
        try database.setRetroStage(id: retro.id, to: .voting, by: "Mia", at: now)
        #expect(refusal { try database.setRetroStage(id: retro.id, to: .grouping, by: "Mia", at: now) }?
            .contains("moves only forward") == true)
        #expect(refusal { try database.setRetroStage(id: retro.id, to: .voting, by: "Mia", at: now) }?
            .contains("moves only forward") == true)
        #expect(refusal { _ = try database.voters(retro: retro.id, viewer: "Nina") }?.contains("manager") == true)
    }

    @Test("votes: only while voting, within the votes per person, on topics of the retro, by the voter or the manager")
    func votes() throws {
        let database = try store()
        let retro = try database.startRetro(team: "North", by: "Mia", surveyHash: nil, votesPerPerson: 2, at: now)
        let item = try database.addRetroItem(team: nil, list: nil, text: "x", anonymous: false, customerFeedback: nil, by: "Rita",
                                             at: now)
        #expect(refusal { try database.castVotes(retro: retro.id, voter: "Rita", topics: [], by: "Rita") }?
            .contains("while the retro is voting") == true)
        try database.setRetroStage(id: retro.id, to: .grouping, by: "Mia", at: now)
        try database.groupRetroItems(retro: retro.id, items: [item.id], title: "One", by: "Mia")
        #expect(refusal { try database.groupRetroItems(retro: retro.id, items: [item.id + 1], title: "Two", by: "Mia") }?
            .contains("not an item of retro") == true)
        try database.setRetroStage(id: retro.id, to: .voting, by: "Mia", at: now)
        #expect(refusal { try database.castVotes(retro: retro.id, voter: "Rita", topics: [1, 1, 1], by: "Rita") }
            == "each person has 2 votes; 3 were given")
        #expect(refusal { try database.castVotes(retro: retro.id, voter: "Rita", topics: [2], by: "Rita") }
            == "there is no topic 2 in this retro (topics: 1)")
        #expect(refusal { try database.castVotes(retro: retro.id, voter: "Nina", topics: [1], by: "Rita") }?
            .contains("each person casts their own votes") == true)
        #expect(refusal { try database.castVotes(retro: retro.id, voter: "Rob", topics: [1], by: "Mia") }?
            .contains("Rob is not in North") == true)
        #expect(storeError { try database.castVotes(retro: retro.id, voter: "Rob", topics: [1], by: "Rob") } == .unknownRetro(retro.id))
        try database.castVotes(retro: retro.id, voter: "Mia", topics: [1, 1], by: "Mia")
        try database.castVotes(retro: retro.id, voter: "Rita", topics: [1], by: "Rita")
        try database.castVotes(retro: retro.id, voter: "Rita", topics: [], by: "Rita")
        #expect(try database.voteTally(retro: retro.id, viewer: "Mia") == [1: 2])
        #expect(try database.voters(retro: retro.id, viewer: "Mia") == ["Mia"])
    }

    @Test("items are ordered by list then text (in any case), never by insertion, and have random ids")
    func orderAndIDs() throws {
        let database = try store()
        let retro = try database.startRetro(team: "North", by: "Mia", surveyHash: nil, votesPerPerson: 3, at: now)
        for (list, text) in [("went_well", "b"), ("improve", "z"), (nil, "m"), ("went_well", "a"), ("improve", "C"), (nil, "d")] {
            try database.addRetroItem(team: nil, list: list, text: text, anonymous: false, customerFeedback: nil, by: "Nina", at: now)
        }
        let items = try database.retroBoard(id: retro.id, viewer: "Mia").items
        #expect(items.map(\.text) == ["d", "m", "C", "z", "a", "b"], "text in any case, as on the organisation store")
        let ids = try database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM retro_item ORDER BY rowid") }
        #expect(Set(ids).count == 6)
        #expect(ids.allSatisfy { $0 >= 1 && $0 <= 1 << 52 })
        #expect(ids != ids.sorted() || ids.max()! > 1_000_000, "ids say nothing of the order they were added in")
        #expect(try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT added_on FROM retro_item") }
            == [DateAnswer.iso(now)])
    }

    @Test("anonymous: refused for a rep until HR turns it on, then stored with no author; the manager always may")
    func anonymous() throws {
        let database = try store()
        #expect(refusal { try database.addRetroItem(team: nil, list: nil, text: "Too many meetings", anonymous: true,
                                                    customerFeedback: nil, by: "Rita", at: now) }?
            .contains("org set retro-anonymous on") == true)
        let typed = try database.addRetroItem(team: nil, list: nil, text: "Said at the meeting", anonymous: true,
                                              customerFeedback: nil, by: "Mia", at: now)
        #expect(typed.author == nil)
        try database.setOrgSetting(.retroAnonymous, to: "on", by: "Hana")
        let item = try database.addRetroItem(team: nil, list: nil, text: "Too many meetings", anonymous: true,
                                             customerFeedback: nil, by: "Rita", at: now)
        #expect(item.author == nil)
        let authors = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT author_id, added_on FROM retro_item WHERE id IN (?, ?)", arguments: [item.id, typed.id])
        }
        #expect(authors.count == 2 && authors.allSatisfy { ($0["author_id"] as Int64?) == nil })
        #expect(authors.allSatisfy { ($0["added_on"] as String) == DateAnswer.iso(now) })
    }

    @Test("items added before the meeting wait and join the next retro; one added after gathering waits for the one after")
    func waitingItems() throws {
        let database = try store()
        let early = try database.addRetroItem(team: nil, list: nil, text: "Before", anonymous: false, customerFeedback: nil,
                                              by: "Rita", at: now)
        try database.addRetroItem(team: nil, list: nil, text: "South's", anonymous: false, customerFeedback: nil, by: "Rob", at: now)
        let retro = try database.startRetro(team: "North", by: "Mia", surveyHash: nil, votesPerPerson: 3, at: now)
        #expect(try database.retroBoard(id: retro.id, viewer: "Mia").items.map(\.id) == [early.id])
        try database.setRetroStage(id: retro.id, to: .grouping, by: "Mia", at: now)
        try database.addRetroItem(team: nil, list: nil, text: "Late", anonymous: false, customerFeedback: nil, by: "Nina", at: now)
        #expect(try database.retroBoard(id: retro.id, viewer: "Mia").items.map(\.text) == ["Before"])
        try database.setRetroStage(id: retro.id, to: .closed, by: "Mia", at: now)
        let next = try database.startRetro(team: "North", by: "Mia", surveyHash: nil, votesPerPerson: 3, at: now)
        #expect(try database.retroBoard(id: next.id, viewer: "Nina").items.map(\.text) == ["Late"])
        let south = try database.startRetro(team: "South", by: "Max", surveyHash: nil, votesPerPerson: 3, at: now)
        #expect(try database.retroBoard(id: south.id, viewer: "Rob").items.map(\.text) == ["South's"])
    }

    @Test("a customer feedback list also makes a customer feedback row of the team, with no person")
    func customerFeedback() throws {
        let database = try store()
        let item = try database.addRetroItem(team: nil, list: "customers", text: "Acme wants invoices by mail", anonymous: false,
                                             customerFeedback: .complaint, by: "Rita", at: now)
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source, retro_item_id, t.name AS team, person_id, kind, text, heard_on
                FROM customer_feedback f JOIN team t ON t.id = f.team_id
                """)
        }
        #expect(rows.count == 1)
        #expect(rows.first?["source"] == "retro" && rows.first?["retro_item_id"] == item.id && rows.first?["team"] == "North")
        #expect((rows.first?["person_id"] as Int64?) == nil && rows.first?["kind"] == "complaint")
        #expect(rows.first?["text"] == "Acme wants invoices by mail" && rows.first?["heard_on"] == DateAnswer.iso(now))
    }

    @Test("migration v12 adds the retro tables to a v11 store, whose rows stay, and action items gain retro_id")
    func migration() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v11")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO team (id, name, manager_id) VALUES (1, 'North', NULL);
                INSERT INTO person (id, name, role, team_id, created_at) VALUES (1, 'Mia', 'manager', 1, '2026-11-01 09:00:00.000'),
                  (2, 'Ana', 'rep', 1, '2026-11-01 09:00:00.000');
                UPDATE team SET manager_id = 1;
                INSERT INTO action_item (subject_id, owner_id, text, status, created_at) VALUES (2, 1, 'Call Acme', 'open',
                  '2026-11-01 09:00:00.000');
                """)
            #expect(try !db.tableExists("retro"))
        }
        try Schema.migrator.migrate(queue)
        try queue.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM person") == 2)
            #expect(try Row.fetchOne(db, sql: "SELECT text, retro_id FROM action_item")?["text"] == "Call Acme")
            try db.execute(sql: """
                INSERT INTO retro (team_id, manager_id, opened_at) VALUES (1, 1, '2026-11-02 09:00:00.000');
                INSERT INTO retro_item (id, team_id, retro_id, text, added_on) VALUES (77, 1, 1, 'x', '2026-11-02');
                """)
            #expect(throws: DatabaseError.self, "one open retro per team") {
                try db.execute(sql: "INSERT INTO retro (team_id, manager_id, opened_at) VALUES (1, 1, '2026-11-02 10:00:00.000')")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO retro (team_id, opened_at, stage) VALUES (1, '2026-11-02', 'done')")
            }
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
        #expect(AppDatabase.schemaVersion == "v12")
    }
}
