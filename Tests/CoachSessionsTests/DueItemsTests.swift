import CoachCore
import CoachSessions
import CoachStore
import CoachTestSupport
import Foundation
import Testing

@Suite("what is due")
struct DueItemsTests {
    static let monday = ISO8601DateFormatter().date(from: "2026-11-30T12:00:00Z")!
    static let surveys = SurveyCatalog.load(directories: [], embedded: BundledSurveys.files).sorted

    static func store() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Mia", role: .manager, team: "North", manager: nil, by: "Hana")
        try database.addPerson(name: "Rita", role: .rep, team: "North", manager: nil, by: "Hana")
        return database
    }

    @Test("a new rep has every rep check-in due; done this week, the weekly ones are not")
    func checkIns() throws {
        let database = try Self.store()
        let rita = try #require(try database.person(named: "Rita"))
        let due = try DueItems(for: rita, surveys: Self.surveys, oneOnOneTemplate: nil, database: database, now: Self.monday)
        #expect(due.checkIns.map(\.id) == ["cbi", "weekly-self-assessment", "who-5"])
        let service = SessionService(database: database, clock: .fixed(Self.monday))
        let ready = try service.start(try BundledFixtures.survey("who-5"), authorName: "Rita", subjectName: nil)
        _ = try service.run(ready, conversation: ScriptedConversation(["5", "4", "4", "3", "5"]))
        let later = Self.monday.addingTimeInterval(3 * 86_400)
        let after = try DueItems(for: rita, surveys: Self.surveys, oneOnOneTemplate: nil, database: database, now: later)
        #expect(after.checkIns.map(\.id) == ["cbi", "weekly-self-assessment"])
    }

    @Test("a manager's one-on-one with a rep never met is due; their own action items due this week, late ones marked")
    func meetingsAndActions() throws {
        let database = try Self.store()
        let mia = try #require(try database.person(named: "Mia"))
        let template = try BundledFixtures.survey("one-on-one")
        let due = try DueItems(for: mia, surveys: Self.surveys, oneOnOneTemplate: template, database: database, now: Self.monday)
        #expect(due.oneOnOnes == [DueItems.OneOnOne(rep: "Rita", last: nil, daysSince: nil, overdue: false)])
        #expect(due.actions.isEmpty)
        #expect(due.checkIns.isEmpty, "the bundled check-ins are for reps")
    }

    @Test("a complaint from a self-assessment is due to the rep and her manager once older than the response time, not to HR")
    func complaints() throws {
        let database = try Self.store()
        let service = SessionService(database: database, clock: .fixed(Self.monday))
        let ready = try service.start(try BundledFixtures.survey("weekly-self-assessment"), authorName: "Rita", subjectName: nil)
        _ = try service.run(ready, conversation: ScriptedConversation(Array(repeating: "3", count: 20)
                                                                         + ["a", "", "", "Support never called back", "."]))
        #expect(try database.customerFeedback(viewer: "Rita", filter: FeedbackFilter()).map(\.text) == ["Support never called back"])
        func complaints(_ name: String, days: Double) throws -> [String] {
            let person = try #require(try database.person(named: name))
            return try DueItems(for: person, surveys: Self.surveys, oneOnOneTemplate: nil, database: database,
                                now: Self.monday.addingTimeInterval(days * 86_400)).complaints.map(\.text)
        }
        #expect(try complaints("Rita", days: 2).isEmpty, "two days is the default response time")
        #expect(try complaints("Rita", days: 3) == ["Support never called back"])
        #expect(try complaints("Mia", days: 3) == ["Support never called back"])
        #expect(try complaints("Hana", days: 3).isEmpty)
        try database.setOrgSetting(.responseTime, to: "5d", by: "Hana")
        #expect(try complaints("Mia", days: 5).isEmpty)
        #expect(try complaints("Mia", days: 6) == ["Support never called back"])
    }
}
