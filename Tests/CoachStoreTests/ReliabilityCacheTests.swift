import CoachCore
import CoachScoring
import Foundation
import Testing
@testable import CoachStore

@Suite("Reliability from the store")
struct ReliabilityCacheTests {
    static let yaml = """
        format: 1
        id: pair
        title: Pair
        kind: check-in
        audience: rep
        questions:
          - {id: a, text: A?, type: scale, min: 1, max: 5}
          - {id: b, text: B?, type: scale, min: 1, max: 5}
        scores:
          - {id: total, label: Total, items: [a, b], method: sum, range: [2, 10], higher_is: better}
        """

    /// `count` respondents, each with one completed session answering (a, b).
    func store(respondents count: Int, answers: (Int) -> (Double, Double)) throws -> (AppDatabase, Survey) {
        guard case let .success(survey) = SurveyLoader.load(yaml: Self.yaml, file: "pair.yaml") else { throw StoreError.database("fixture") }
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
        try database.recordSurveyVersion(surveyID: survey.id, hash: survey.contentHash, content: Self.yaml)
        for index in 0..<count { try addRespondent(index, answers: answers(index), to: database, survey: survey) }
        return (database, survey)
    }

    func addRespondent(_ index: Int, answers: (Double, Double), to database: AppDatabase, survey: Survey) throws {
        let person = try database.addPerson(name: "Rep \(index)", role: .rep, team: nil, manager: nil, by: "Hana")
        let session = try database.startSession(surveyID: survey.id, surveyHash: survey.contentHash, kind: "check-in",
                                                subjectID: person.id!, authorID: person.id!)
        for (question, value) in [("a", answers.0), ("b", answers.1)] {
            try database.saveAnswer(sessionID: session, questionID: question,
                                    valueJSON: AnswerValue.number(value).jsonText!, isPrivate: false, position: 0)
        }
        try database.completeSession(id: session, scores: [ScoreRow(scoreID: "total", value: answers.0 + answers.1)])
    }

    @Test("alpha needs 30 respondents; it matches CronbachAlpha over the items; it is cached for a day")
    func alphaAndCache() throws {
        let answers: (Int) -> (Double, Double) = { index in (Double(index % 5 + 1), Double((index + index / 7) % 5 + 1)) }
        let (few, fewSurvey) = try store(respondents: 29, answers: answers)
        #expect(try few.reliabilities(of: fewSurvey).isEmpty, "29 respondents: no alpha")

        let (database, survey) = try store(respondents: 30, answers: answers)
        let now = Date()
        let expected = CronbachAlpha.compute(items: (0..<30).map { [answers($0).0, answers($0).1] })
        let first = try #require(try database.reliabilities(of: survey, now: now)["total"])
        #expect(abs(first.alpha - (expected ?? .nan)) < 1e-9)
        #expect(first.respondents == 30)

        for index in 30..<40 { try addRespondent(index, answers: (5, 1), to: database, survey: survey) }
        #expect(try database.reliabilities(of: survey, now: now.addingTimeInterval(3_600))["total"] == first,
                "within a day the cached figure is used")
        let later = try #require(try database.reliabilities(of: survey, now: now.addingTimeInterval(90_000))["total"])
        #expect(later.respondents == 40, "after a day it is computed again")
    }

    @Test("the 30-respondent gate counts those who answered every item (the rows α uses), not those with a score")
    func gateCountsCompleteRespondents() throws {
        let answers: (Int) -> (Double, Double) = { index in (Double(index % 5 + 1), Double((index + index / 7) % 5 + 1)) }
        let (database, survey) = try store(respondents: 29, answers: answers)
        // A 30th respondent with a score but only item a answered.
        let person = try database.addPerson(name: "Rep partial", role: .rep, team: nil, manager: nil, by: "Hana")
        let session = try database.startSession(surveyID: survey.id, surveyHash: survey.contentHash, kind: "check-in",
                                                subjectID: person.id!, authorID: person.id!)
        try database.saveAnswer(sessionID: session, questionID: "a", valueJSON: AnswerValue.number(3).jsonText!,
                                isPrivate: false, position: 0)
        try database.completeSession(id: session, scores: [ScoreRow(scoreID: "total", value: 6)])
        let now = Date()
        #expect(try database.reliabilities(of: survey, now: now).isEmpty, "30 with a score, 29 complete: no α")

        try addRespondent(30, answers: answers(30), to: database, survey: survey)
        let figure = try #require(try database.reliabilities(of: survey, now: now.addingTimeInterval(90_000))["total"])
        #expect(figure.respondents == 30, "31 with a score, 30 complete: α from those 30")
        let expected = try #require(CronbachAlpha.compute(items: ((0..<29).map { $0 } + [30]).map { [answers($0).0, answers($0).1] }))
        #expect(abs(figure.alpha - expected) < 1e-9)
    }
}
