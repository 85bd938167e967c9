import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite("Sessions")
struct SessionTests {
    /// Starts a check-in by Rita about herself.
    func startCheckin(_ store: AppDatabase) throws -> (session: Int64, rita: Int64) {
        let rita = try #require(try store.person(named: "Rita")?.id)
        try store.recordSurveyVersion(surveyID: "who-5", hash: "h1", content: "id: who-5\n")
        let id = try store.startSession(surveyID: "who-5", surveyHash: "h1", kind: "checkin",
                                        subjectID: rita, authorID: rita, periodKey: "2026-W48")
        return (id, rita)
    }

    @Test func surveyVersionsAreKeptOnce() throws {
        let store = try sampleStore()
        try store.recordSurveyVersion(surveyID: "who-5", hash: "h1", content: "first")
        try store.recordSurveyVersion(surveyID: "who-5", hash: "h1", content: "edited")
        #expect(try store.surveyContent(hash: "h1") == "first")
        #expect(try store.surveyContent(hash: "nope") == nil)
    }

    @Test func startSessionNeedsARecordedSurveyVersion() throws {
        let store = try sampleStore()
        let rita = try #require(try store.person(named: "Rita")?.id)
        #expect(throws: StoreError.self) {
            _ = try store.startSession(surveyID: "x", surveyHash: "unknown", kind: "checkin",
                                       subjectID: rita, authorID: rita)
        }
    }

    @Test func saveAnswerUpsertsAndSurvivesReopening() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let sessionID: Int64
            do {
                let store = try AppDatabase.open(path: path)
                try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
                try store.addPerson(name: "Rita", role: .rep, team: nil, manager: nil, by: "Hana")
                sessionID = try startCheckin(store).session
                try store.saveAnswer(sessionID: sessionID, questionID: "q1", valueJSON: "3", isPrivate: false, position: 0)
                try store.saveAnswer(sessionID: sessionID, questionID: "q2", valueJSON: "\"x\"", isPrivate: true, position: 1)
                // :back to q1, answered again
                try store.saveAnswer(sessionID: sessionID, questionID: "q1", valueJSON: "5", isPrivate: false, position: 0)
            }
            let reopened = try AppDatabase.open(path: path)
            let answers = try reopened.answers(sessionID: sessionID)
            #expect(answers.map(\.questionID) == ["q1", "q2"])
            #expect(answers.map(\.value) == ["5", "\"x\""])
            #expect(answers.map(\.isPrivate) == [false, true])
            #expect(try reopened.session(id: sessionID)?.state == .inProgress)
        }
    }

    @Test func deleteAnswerAfterBack() throws {
        let store = try sampleStore()
        let (id, _) = try startCheckin(store)
        try store.saveAnswer(sessionID: id, questionID: "q1", valueJSON: "1", isPrivate: false, position: 0)
        try store.deleteAnswer(sessionID: id, questionID: "q1")
        #expect(try store.answers(sessionID: id).isEmpty)
    }

    @Test func saveAnswerBumpsUpdatedAtAndResumesAPausedSession() throws {
        let store = try sampleStore()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let rita = try #require(try store.person(named: "Rita")?.id)
        try store.recordSurveyVersion(surveyID: "who-5", hash: "h1", content: "c")
        let id = try store.startSession(surveyID: "who-5", surveyHash: "h1", kind: "checkin",
                                        subjectID: rita, authorID: rita, at: start)
        try store.pauseSession(id: id, at: start.addingTimeInterval(10))
        #expect(try store.session(id: id)?.state == .paused)
        try store.saveAnswer(sessionID: id, questionID: "q1", valueJSON: "1", isPrivate: false,
                             position: 0, at: start.addingTimeInterval(60))
        let session = try #require(try store.session(id: id))
        #expect(session.state == .inProgress)
        #expect(session.updatedAt == start.addingTimeInterval(60))
        #expect(session.startedAt == start)
    }

    @Test func resumableSessionIsTheLatestInterruptedOne() throws {
        let store = try sampleStore()
        let (first, rita) = try startCheckin(store)
        #expect(try store.resumableSession(authorID: rita)?.id == first)
        let second = try store.startSession(surveyID: "who-5", surveyHash: "h1", kind: "checkin",
                                            subjectID: rita, authorID: rita,
                                            at: Date().addingTimeInterval(60))
        try store.pauseSession(id: second, at: Date().addingTimeInterval(120))
        #expect(try store.resumableSession(authorID: rita)?.id == second)
        try store.completeSession(id: second, scores: [])
        #expect(try store.resumableSession(authorID: rita)?.id == first)
        try store.completeSession(id: first, scores: [])
        #expect(try store.resumableSession(authorID: rita) == nil)
    }

    @Test func completeSessionWritesScoresOnceAndRefusesTwice() throws {
        let store = try sampleStore()
        let (id, _) = try startCheckin(store)
        try store.saveAnswer(sessionID: id, questionID: "q1", valueJSON: "4", isPrivate: false, position: 0)
        try store.completeSession(id: id, scores: [
            ScoreRow(scoreID: "wellbeing", value: 64, band: "ok"),
            ScoreRow(scoreID: "low", value: nil, alert: true),
        ], marks: [MarkRow(questionID: "q1", mark: 1, maxMark: 1)])
        let session = try #require(try store.session(id: id))
        #expect(session.state == .completed)
        #expect(session.completedAt != nil)
        #expect(try store.scores(sessionID: id) == [
            Score(sessionID: id, scoreID: "low", value: nil, band: nil, alert: true, bandPrivate: false),
            Score(sessionID: id, scoreID: "wellbeing", value: 64, band: "ok", alert: false, bandPrivate: false),
        ])
        let marks = try store.writer.read { db in try QuestionMark.fetchAll(db) }
        #expect(marks == [QuestionMark(sessionID: id, questionID: "q1", mark: 1, maxMark: 1)])

        #expect(storeError { try store.completeSession(id: id, scores: [ScoreRow(scoreID: "wellbeing", value: 1)]) }
                == .sessionClosed(id: id, state: .completed))
        #expect(try store.scores(sessionID: id).first { $0.scoreID == "wellbeing" }?.value == 64)
        #expect(storeError { try store.saveAnswer(sessionID: id, questionID: "q1", valueJSON: "1", isPrivate: false, position: 0) }
                == .sessionClosed(id: id, state: .completed))
        #expect(storeError { try store.pauseSession(id: id) } == .sessionClosed(id: id, state: .completed))
    }

    @Test func unknownSessionIsReported() throws {
        let store = try sampleStore()
        #expect(storeError { try store.completeSession(id: 42, scores: []) } == .sessionNotFound(42))
        #expect(storeError { try store.saveAnswer(sessionID: 42, questionID: "q", valueJSON: "1", isPrivate: false, position: 0) }
                == .sessionNotFound(42))
    }

    @Test func quizPhaseIsStored() throws {
        let store = try sampleStore()
        let rita = try #require(try store.person(named: "Rita")?.id)
        let hana = try #require(try store.person(named: "Hana")?.id)
        try store.recordSurveyVersion(surveyID: "crm-basics", hash: "q", content: "c")
        let id = try store.startSession(surveyID: "crm-basics", surveyHash: "q", kind: "quiz", subjectID: rita,
                                        authorID: hana, phase: .pre, quizLayout: "[\"q2\",\"q1\"]")
        let session = try #require(try store.session(id: id))
        #expect(session.phase == .pre)
        #expect(session.quizLayout == "[\"q2\",\"q1\"]")
    }
}
