import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

/// Customer feedback on the local store: what a completed session leaves, who reads it, and
/// turning it into an action item or closing it.
@Suite("Customer feedback on the local store")
struct FeedbackStoreTests {
    static let day = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    /// `sampleStore()` (Hana hr; Mia manager of North with Rita; Max manager of South with Rob),
    /// with a one-on-one of Mia with Rita that heard two complaints and a praise, a
    /// self-assessment of Rob with one complaint, and a retro item of team South.
    func store() throws -> AppDatabase {
        let database = try sampleStore()
        try database.recordSurveyVersion(surveyID: "one-on-one", hash: "h", content: "x")
        try database.recordSurveyVersion(surveyID: "weekly-self-assessment", hash: "s", content: "x")
        let rita = try #require(try database.person(named: "Rita")), mia = try #require(try database.person(named: "Mia"))
        let rob = try #require(try database.person(named: "Rob"))
        let meeting = try database.startSession(surveyID: "one-on-one", surveyHash: "h", kind: "one-on-one",
                                                subjectID: try #require(rita.id), authorID: try #require(mia.id), at: Self.day)
        var effects = SessionEffects()
        effects.customerFeedback = [.init(kind: .complaint, text: "Late delivery to Acme"),
                                    .init(kind: .complaint, text: "Invoice wrong"), .init(kind: .other, text: "Loves the demo")]
        try database.completeSession(id: meeting, scores: [], effects: effects, at: Self.day)
        let own = try database.startSession(surveyID: "weekly-self-assessment", surveyHash: "s", kind: "self-assessment",
                                            subjectID: try #require(rob.id), authorID: try #require(rob.id),
                                            at: Self.day.addingTimeInterval(86_400))
        var mine = SessionEffects()
        mine.customerFeedback = [.init(kind: .complaint, text: "Support never called back")]
        try database.completeSession(id: own, scores: [], effects: mine, at: Self.day.addingTimeInterval(86_400))
        try database.write { db in
            let south = try Int64.fetchOne(db, sql: "SELECT id FROM team WHERE name = 'South'")
            try db.execute(sql: "INSERT INTO retro_item (id, team_id, text, added_on) VALUES (987654, ?, 'Price list outdated', '2026-09-20')",
                           arguments: [south])
            try db.execute(sql: """
                INSERT INTO customer_feedback (source, retro_item_id, team_id, kind, text, heard_on)
                VALUES ('retro', 987654, ?, 'complaint', 'Price list outdated', '2026-09-20')
                """, arguments: [south])
        }
        return database
    }

    func texts(_ database: AppDatabase, _ viewer: String, _ filter: FeedbackFilter = FeedbackFilter()) throws -> [String] {
        try database.customerFeedback(viewer: viewer, filter: filter).map(\.text)
    }

    @Test("a completed session keeps each piece for its subject, heard on the day it completed; the pieces of an answer are its lines")
    func capture() throws {
        let database = try store()
        let rita = try database.customerFeedback(viewer: "Rita", filter: FeedbackFilter())
        #expect(rita.map(\.text) == ["Loves the demo", "Invoice wrong", "Late delivery to Acme"])
        #expect(rita.allSatisfy { $0.source == "one-on-one" && $0.from == "Rita" && $0.team == "North" && $0.status == .open })
        #expect(rita.map(\.heardOn) == Array(repeating: DateAnswer.iso(Self.day), count: 3))
        #expect(FeedbackRules.pieces(of: "  one \n\n two\r\nthree ") == ["one", "two", "three"])
        #expect(FeedbackRules.pieces(of: "just one") == ["just one"])
    }

    @Test("the rep, their manager and the retro's team see it; HR and another team's manager see none")
    func visibility() throws {
        let database = try store()
        #expect(try texts(database, "Mia") == ["Loves the demo", "Invoice wrong", "Late delivery to Acme"])
        #expect(try texts(database, "Rob") == ["Support never called back", "Price list outdated"])
        #expect(try texts(database, "Max") == ["Support never called back", "Price list outdated"])
        #expect(try texts(database, "Hana").isEmpty)
        let retro = try #require(try database.customerFeedback(viewer: "Max", filter: FeedbackFilter()).last)
        #expect(retro.source == "retro" && retro.from == "team South" && retro.team == "South")
    }

    @Test("filtered by team (any case, 'all', an unknown one refused), since a day, open only and kind")
    func filters() throws {
        let database = try store()
        #expect(try texts(database, "Max", FeedbackFilter(team: "south")) == ["Support never called back", "Price list outdated"])
        #expect(try texts(database, "Max", FeedbackFilter(team: "North")).isEmpty)
        #expect(try texts(database, "Max", FeedbackFilter(team: "all")).count == 2)
        #expect(refusal { _ = try texts(database, "Max", FeedbackFilter(team: "Sout")) }?.contains("South") == true)
        #expect(try texts(database, "Max", FeedbackFilter(since: "2026-09-21")) == ["Support never called back"])
        #expect(try texts(database, "Mia", FeedbackFilter(kind: .other)) == ["Loves the demo"])
    }

    @Test("act: one action item about the rep, text and owner by default, due in a week; the feedback is acted")
    func act() throws {
        let database = try store()
        let late = try #require(try database.customerFeedback(viewer: "Mia", filter: FeedbackFilter()).last)
        let acted = try database.actOnFeedback(id: late.id, text: nil, owner: nil, due: nil, by: "Mia", at: Self.day)
        #expect(acted.feedback.status == .acted && acted.feedback.actionItem == acted.actionItem.id)
        #expect(acted.actionItem.subject == "Rita" && acted.actionItem.owner == "Rita" && acted.actionItem.text == "Late delivery to Acme")
        #expect(acted.actionItem.due == DateAnswer.iso(Self.day.addingTimeInterval(7 * 86_400)))
        #expect(try database.actionItems(viewer: "Rita", subject: nil, openOnly: true).map(\.text) == ["Late delivery to Acme"])
        #expect(refusal { _ = try database.actOnFeedback(id: late.id, text: nil, owner: nil, due: nil, by: "Mia", at: Self.day) }?
            .contains("already action item #\(acted.actionItem.id)") == true)

        let invoice = try #require(try database.customerFeedback(viewer: "Rita", filter: FeedbackFilter(openOnly: true, kind: .complaint)).first)
        let mine = try database.actOnFeedback(id: invoice.id, text: "Fix the Acme invoice", owner: "mia", due: "2026-10-01",
                                              by: "Rita", at: Self.day)
        #expect(mine.actionItem.owner == "Mia" && mine.actionItem.text == "Fix the Acme invoice" && mine.actionItem.due == "2026-10-01")
    }

    @Test("act refuses: feedback one may not see, an owner outside the meeting, a retro's item for someone not one's rep")
    func actRefusals() throws {
        let database = try store()
        let late = try #require(try database.customerFeedback(viewer: "Mia", filter: FeedbackFilter()).last)
        for outsider in ["Hana", "Max", "Rob"] {
            let refused = refusal { _ = try database.actOnFeedback(id: late.id, text: nil, owner: nil, due: nil, by: outsider, at: Self.day) }
            #expect(refused?.contains("no customer feedback #\(late.id) that you can see; 'feedback' lists yours") == true, "\(outsider)")
        }
        #expect(refusal { _ = try database.actOnFeedback(id: late.id, text: nil, owner: "Hana", due: nil, by: "Mia", at: Self.day) }?
            .contains("owned by Rita or their manager Mia, not Hana") == true)
        let retro = try #require(try database.customerFeedback(viewer: "Rob", filter: FeedbackFilter(team: "South"))
            .first { $0.source == "retro" })
        #expect(refusal { _ = try database.actOnFeedback(id: retro.id, text: nil, owner: "Max", due: nil, by: "Rob", at: Self.day) }?
            .contains("owned by you or one of your reps") == true)
        let byManager = try database.actOnFeedback(id: retro.id, text: nil, owner: "Rob", due: nil, by: "Max", at: Self.day)
        #expect(byManager.actionItem.subject == "Rob" && byManager.actionItem.owner == "Rob")
        #expect(try database.customerFeedback(viewer: "Mia", filter: FeedbackFilter()).allSatisfy { $0.status == .open })

        // Rita moves to Max: Mia, who ran the meeting, still reads it but makes no action item about Rita.
        try database.write { db in
            try db.execute(sql: "UPDATE person SET manager_id = (SELECT id FROM person WHERE name = 'Max') WHERE name = 'Rita'")
        }
        #expect(try texts(database, "Mia").contains("Late delivery to Acme"))
        #expect(refusal { _ = try database.actOnFeedback(id: late.id, text: nil, owner: nil, due: nil, by: "Mia", at: Self.day) }?
            .contains("made by Rita or their manager") == true)
    }

    @Test("close: the feedback is closed, no action item; closing twice is refused")
    func close() throws {
        let database = try store()
        let praise = try #require(try database.customerFeedback(viewer: "Rita", filter: FeedbackFilter(kind: .other)).first)
        #expect(try database.closeFeedback(id: praise.id, by: "Rita", at: Self.day).status == .closed)
        #expect(try database.customerFeedback(viewer: "Mia", filter: FeedbackFilter(openOnly: true)).count == 2)
        #expect(refusal { try database.closeFeedback(id: praise.id, by: "Mia", at: Self.day) }?.contains("already closed") == true)
        #expect(refusal { try database.closeFeedback(id: praise.id, by: "Hana", at: Self.day) }?.contains("that you can see") == true)
        #expect(try database.actionItems(viewer: "Rita", subject: nil, openOnly: false).isEmpty)
    }

    @Test("overdue complaints: open, a complaint, heard more than the response time ago, oldest first")
    func overdue() throws {
        let database = try store()
        // Rita's complaints were heard on 2026-09-21.
        #expect(try database.overdueComplaints(viewer: "Mia", today: "2026-09-23", responseTime: 2).isEmpty)
        #expect(try database.overdueComplaints(viewer: "Mia", today: "2026-09-24", responseTime: 2).map(\.text)
            == ["Late delivery to Acme", "Invoice wrong"])
        let first = try #require(try database.overdueComplaints(viewer: "Mia", today: "2026-09-26", responseTime: 2).first)
        #expect(first.daysOpen(today: "2026-09-26") == 5)
        try database.closeFeedback(id: first.id, by: "Mia", at: Self.day)
        #expect(try database.overdueComplaints(viewer: "Mia", today: "2026-09-26", responseTime: 2).map(\.text) == ["Invoice wrong"])
        #expect(try database.overdueComplaints(viewer: "Hana", today: "2026-12-31", responseTime: 1).isEmpty)
        #expect(try database.overdueComplaints(viewer: "Max", today: "2026-09-30", responseTime: 2).map(\.text)
            == ["Price list outdated", "Support never called back"])
    }
}
