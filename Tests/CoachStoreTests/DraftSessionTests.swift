import CoachCore
@testable import CoachStore
import Foundation
import Testing

@Suite("A draft session is its author's alone")
struct DraftSessionTests {
    static func store() throws -> (AppDatabase, marco: Int64, ana: Int64) {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        let marco = try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        let ana = try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana")
        try database.recordSurveyVersion(surveyID: "my-1on1", hash: "h", content: "x")
        return (database, try #require(marco.id), try #require(ana.id))
    }

    @Test("a draft one-on-one is not a meeting held, has no effects, and the rep does not see it")
    func draftOneOnOne() throws {
        let (database, marco, ana) = try Self.store()
        let id = try database.startSession(surveyID: "my-1on1", surveyHash: "h", kind: "one-on-one", subjectID: ana,
                                           authorID: marco, draft: true)
        var effects = SessionEffects()
        effects.newActions = [.init(text: "Call Acme", owner: "Ana", due: "2026-12-08")]
        try database.completeSession(id: id, scores: [ScoreRow(scoreID: "mood", value: 4)], effects: effects)
        #expect(try database.lastOneOnOnes(managerName: "Marco").map(\.last) == [nil])
        #expect(try database.actionItems(viewer: "Marco", subject: nil, openOnly: false).isEmpty)
        #expect(try database.scorePoints(viewer: "Ana", subject: "Ana").isEmpty)
        #expect(try database.scorePoints(viewer: "Marco", subject: "Ana").count == 1)
    }
}
