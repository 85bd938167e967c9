import CoachTestSupport
import CoachCore
@testable import CoachStore
import Foundation

/// Builds a person's history straight through the store's intents, with past dates.
struct HistoryBuilder {
    let database: AppDatabase

    /// Dana (HR), Marco (manager of North), Ana (rep in North), as `seedTeam` makes them.
    static func seeded() throws -> HistoryBuilder {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana")
        return HistoryBuilder(database: database)
    }

    /// A completed session of `survey` about `subject` at `date` with the given scores; its id.
    @discardableResult
    func session(_ survey: String, kind: String, subject: String = "Ana", author: String? = nil, at date: Date,
                 scores: [String: Double], band: String? = nil, phase: SessionPhase? = nil, supersedes: Int64? = nil,
                 effects: SessionEffects = SessionEffects()) throws -> Int64 {
        try database.recordSurveyVersion(surveyID: survey, hash: "test-\(survey)", content: "", at: date)
        let subjectID = try database.person(named: subject)!.id!
        let authorID = try database.person(named: author ?? subject)!.id!
        let id = try database.startSession(surveyID: survey, surveyHash: "test-\(survey)", kind: kind, subjectID: subjectID,
                                           authorID: authorID, phase: phase, supersedes: supersedes, at: date)
        try database.completeSession(id: id, scores: scores.sorted { $0.key < $1.key }.map { ScoreRow(scoreID: $0.key, value: $0.value, band: band) },
                                     effects: effects, at: date)
        return id
    }

    /// `days` days before now (a minute earlier, so "now" stays in the same ISO week).
    static func daysAgo(_ days: Double) -> Date { Date().addingTimeInterval(-60 - days * 86_400) }
}

extension TestShell {
    /// The JSON the shell printed, parsed (an array of objects).
    var jsonArray: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [[String: Any]] ?? []
    }
}
