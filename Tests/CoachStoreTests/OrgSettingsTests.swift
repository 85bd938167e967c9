import CoachCore
import CoachScoring
import CoachTestSupport
import Foundation
import GRDB
import Testing
@testable import CoachStore

/// The organisation's settings live in the store: HR sets them, and a person's config can only
/// make their own view stricter.
@Suite("Organisation settings")
struct OrgSettingsTests {
    static let utc = ISOWeek.calendar(timeZone: TimeZone(identifier: "UTC")!)
    /// Monday 2026-11-02 09:00 UTC, and the Wednesday of the week after (the first week has ended).
    static let monday = Date(timeIntervalSince1970: 1_793_610_000)
    static let later = monday.addingTimeInterval(9 * 86_400)

    /// HR Hana, manager Mia of North, and `reps` reps in North, each with a WHO-5 on Monday.
    func team(reps: Int) throws -> AppDatabase {
        var store = try AppDatabase.inMemory()
        store.calendar = Self.utc
        try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
        try store.addPerson(name: "Mia", role: .manager, team: "North", manager: nil, by: "Hana")
        let who5 = try BundledFixtures.survey("who-5")
        try store.recordSurveyVersion(surveyID: who5.id, hash: who5.contentHash, content: try BundledFixtures.text("who-5"))
        for index in 0..<reps {
            let rep = try store.addPerson(name: "Rep \(index)", role: .rep, team: "North", manager: nil, by: "Hana").id!
            let id = try store.startSession(surveyID: who5.id, surveyHash: who5.contentHash, kind: "check-in",
                                            subjectID: rep, authorID: rep, at: Self.monday)
            try store.completeSession(id: id, scores: [ScoreRow(scoreID: "wellbeing", value: Double(40 + 8 * index), band: "ok")],
                                      at: Self.monday)
        }
        return store
    }

    func wellbeingPoints(_ store: AppDatabase, viewer: String = "Mia", viewerMinGroup: Int) throws -> Int {
        try store.teamTrends(viewer: viewer, team: "North", now: Self.later, weeks: 4, viewerMinGroup: viewerMinGroup,
                             calendar: Self.utc, score: "wellbeing")
            .flatMap(\.points).count
    }

    @Test("a manager's own config cannot lower the minimum group: three reps stay hidden at min_group 3")
    func configCannotLower() throws {
        let store = try team(reps: 3)
        #expect(try wellbeingPoints(store, viewerMinGroup: 3) == 0)
        #expect(try store.orgSettings().effectiveMinGroup(requested: 3) == 5)
    }

    @Test("HR's min-group applies to everyone; a viewer's config can only raise it; never below 3")
    func hrSetsTheMinimum() throws {
        let store = try team(reps: 3)
        try store.setOrgSetting(.minGroup, to: "3", by: "Hana")
        #expect(try wellbeingPoints(store, viewerMinGroup: 0) == 1)
        #expect(try wellbeingPoints(store, viewerMinGroup: 4) == 0, "a stricter config hides it for its owner")
        #expect(throws: StoreError.invalidSetting("min-group", reason: "a whole number from 3 to 1000")) {
            try store.setOrgSetting(.minGroup, to: "2", by: "Hana")
        }
        #expect(throws: StoreError.notAllowed("only HR changes the organisation's settings")) {
            try store.setOrgSetting(.minGroup, to: "3", by: "Mia")
        }
        #expect(try store.orgSettings().minGroup == 3)
    }

    @Test("the support message is the organisation's, plain text only")
    func supportMessage() throws {
        let store = try team(reps: 0)
        try store.setOrgSetting(.supportMessage, to: "Call the EAP line:\n0800 123 456", by: "Hana")
        #expect(try store.orgSettings().supportMessage == "Call the EAP line:\n0800 123 456")
        #expect(throws: StoreError.self) { try store.setOrgSetting(.supportMessage, to: "\u{1B}]0;owned\u{7}", by: "Hana") }
    }
}
