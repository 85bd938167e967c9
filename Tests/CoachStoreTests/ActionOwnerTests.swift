import CoachCore
@testable import CoachStore
import Foundation
import Testing

@Suite("An action item from a one-on-one stays with the people in it")
struct ActionOwnerTests {
    static func meeting(owner: String) throws -> (AppDatabase, Int64) {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        let marco = try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        let ana = try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana")
        try database.recordSurveyVersion(surveyID: "one-on-one", hash: "h", content: "x")
        let id = try database.startSession(surveyID: "one-on-one", surveyHash: "h", kind: "one-on-one",
                                           subjectID: try #require(ana.id), authorID: try #require(marco.id))
        var effects = SessionEffects()
        effects.newActions = [.init(text: "Call Acme", owner: owner, due: "2026-12-08")]
        try database.completeSession(id: id, scores: [], effects: effects)
        return (database, id)
    }

    @Test("the rep or their manager may own it", arguments: ["Ana", "Marco", "marco"])
    func repOrManager(owner: String) throws {
        let (database, _) = try Self.meeting(owner: owner)
        #expect(try database.actionItems(viewer: "Marco", subject: nil, openOnly: true).count == 1)
    }

    @Test("HR (or anyone else) may not: they would read the meeting through 'actions'")
    func hrRefused() throws {
        #expect(throws: StoreError.notAllowed("an action item from a one-on-one is owned by the rep or their manager, not Dana")) {
            _ = try Self.meeting(owner: "Dana")
        }
    }
}
