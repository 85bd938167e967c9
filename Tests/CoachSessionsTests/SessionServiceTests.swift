import CoachCore
import CoachScoring
import CoachSessions
@testable import CoachStore
import CoachTestSupport
import Foundation
import GRDB
import Testing

/// A store with HR "Hana", manager "Mia" (team North) and rep "Rita".
private func store() throws -> AppDatabase {
    let database = try AppDatabase.inMemory()
    try database.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
    try database.addPerson(name: "Mia", role: .manager, team: "North", manager: nil, by: "Hana")
    try database.addPerson(name: "Rita", role: .rep, team: "North", manager: nil, by: "Hana")
    return database
}

/// Every stored score row of the store, in a comparable form.
private func scoreRows(_ database: AppDatabase) throws -> [String] {
    try database.read { db in
        try Row.fetchAll(db, sql: """
            SELECT s.survey_id, sc.score_id, sc.value, sc.band, sc.alert FROM score sc JOIN session s ON s.id = sc.session_id
            ORDER BY s.survey_id, sc.score_id
            """).map { "\($0[0] as String).\($0[1] as String) = \($0[2] as Double?) \($0[3] as String?) alert \($0[4] as Bool)" }
    }
}


@Suite("session service")
struct SessionServiceTests {
    static let day = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00Z")!

    @Test("the same answers store the same score rows typed in a session and imported in bulk (the demo's path)",
          arguments: ["who-5", "cbi"])
    func everyPathStoresTheSameRows(surveyID: String) throws {
        let survey = try BundledFixtures.survey(surveyID)
        // Answers that put every score in a band that calls for support: the highest choice
        // for CBI (burnout, higher is worse) except its reverse item, and 3-3-2-2-2 for WHO-5.
        let values: [(String, AnswerValue)] = survey.questions.enumerated().map { index, question in
            let numbers = question.choices.compactMap { choice -> Double? in
                if case let .number(n) = choice.value { return n } else { return nil }
            }.sorted()
            let pick: Double
            if surveyID == "who-5" { pick = index < 2 ? 3 : 2 } else { pick = question.id == "energy_leisure" ? numbers[0] : numbers[numbers.count - 2] }
            return (question.id, .choice(.number(pick)))
        }
        let typed = values.map { pair -> String in
            if case let .choice(.number(n)) = pair.1 { return String(Int(n)) } else { return "" }
        }

        // 1. Typed, as the shell and one-shot commands run it.
        let typedStore = try store()
        let service = SessionService(database: typedStore, clock: .fixed(Self.day))
        let ready = try service.start(survey, authorName: "Rita", subjectName: nil)
        let conversation = ScriptedConversation(typed)
        guard case let .completed(completed) = try service.run(ready, conversation: conversation) else {
            Issue.record("the session did not complete: \(conversation.transcript)")
            return
        }
        #expect(completed.scored.callsForSupport)

        // 2. Imported in bulk, as the demo (and any import) writes history.
        let importedStore = try store()
        let rita = try #require(try importedStore.person(named: "Rita")?.id)
        let content = try #require(SurveySource.content(of: survey))
        try importedStore.recordSurveyVersion(surveyID: survey.id, hash: survey.contentHash, content: content)
        let imported = values.enumerated().map { position, pair in
            ImportedAnswer(questionID: pair.0, valueJSON: pair.1.jsonText!, isPrivate: true, position: position, answeredAt: Self.day)
        }
        let input = try SessionService.importable(
            survey: survey, answers: Dictionary(values, uniquingKeysWith: { $1 }), imported: imported,
            subjectID: rita, authorID: rita, periodKey: nil, startedAt: Self.day, completedAt: Self.day)
        try importedStore.importSessions([input])

        let rows = try scoreRows(typedStore)
        #expect(!rows.isEmpty)
        #expect(rows == (try scoreRows(importedStore)))
        #expect(rows.allSatisfy { $0.hasSuffix("alert true") }, "\(rows)")
        // Nothing in either store differs from a recomputation.
        for database in [typedStore, importedStore] {
            #expect(try database.check().first { $0.name == "stored scores match the answers" }?.problem == nil)
        }
    }

    @Test("check reports a session whose stored scores differ from its answers, and check --repair rescores it")
    func checkFindsRescoreDifferences() throws {
        let database = try store()
        let service = SessionService(database: database, clock: .fixed(Self.day))
        let ready = try service.start(try BundledFixtures.survey("who-5"), authorName: "Rita", subjectName: nil)
        _ = try service.run(ready, conversation: ScriptedConversation(["3", "3", "2", "2", "2"]))
        #expect(try database.check().first { $0.name == "stored scores match the answers" }?.problem == nil)
        try database.write { db in try db.execute(sql: "UPDATE score SET alert = 0") }
        let problem = try database.check().first { $0.name == "stored scores match the answers" }?.problem
        #expect(problem == "1 completed session whose stored scores differ from their answers: #\(ready.sessionID); "
                + "'check --repair' stores them as the answers score")
        // The repair stores the rows the rule gives, and leaves nothing to report.
        #expect(try database.rescoreDifferingSessions() == 1)
        #expect(try database.check().first { $0.name == "stored scores match the answers" }?.problem == nil)
        #expect(try database.scores(sessionID: ready.sessionID).map(\.alert) == [true])
        #expect(try database.rescoreDifferingSessions() == 0)
    }

    @Test("a completion that fails pauses the session with every answer kept and says so")
    func failedCompletionPauses() throws {
        let database = try store()
        try database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_completion BEFORE UPDATE OF completed_at ON session
                BEGIN SELECT RAISE(ABORT, 'disk full'); END
                """)
        }
        let service = SessionService(database: database, clock: .fixed(Self.day))
        let ready = try service.start(try BundledFixtures.survey("who-5"), authorName: "Rita", subjectName: nil)
        #expect {
            _ = try service.run(ready, conversation: ScriptedConversation(["5", "4", "4", "3", "5"]))
        } throws: { error in
            guard case let .completionFailed(survey, reason)? = error as? SessionError else { return false }
            return survey == "WHO-5 Well-Being Index" && reason.contains("disk full")
                && "\(error)".contains("Every answer is kept and the session is paused; 'resume' finishes it.")
        }
        let session = try #require(try database.session(id: ready.sessionID))
        #expect(session.state == .paused)
        #expect(try database.answers(sessionID: ready.sessionID).count == 5)
        #expect(try database.scores(sessionID: ready.sessionID).isEmpty)
    }

    @Test("the clock decides when a session starts, its answers are stored and its period")
    func clockSetsTimes() throws {
        let database = try store()
        let service = SessionService(database: database, clock: .fixed(Self.day))
        let ready = try service.start(try BundledFixtures.survey("who-5"), authorName: "Rita", subjectName: nil)
        _ = try service.run(ready, conversation: ScriptedConversation(["5", "4", "4", "3", "5"]))
        let session = try #require(try database.session(id: ready.sessionID))
        #expect(session.startedAt == Self.day)
        #expect(session.completedAt == Self.day)
        #expect(session.periodKey == "2026-W48")
        #expect(try database.answers(sessionID: ready.sessionID).allSatisfy { $0.answeredAt == Self.day })
    }

    @Test("resume continues with the stored version and answers, and completes to the same scores")
    func resumeCompletes() throws {
        let database = try store()
        let service = SessionService(database: database, clock: .fixed(Self.day))
        let survey = try BundledFixtures.survey("who-5")
        let ready = try service.start(survey, authorName: "Rita", subjectName: nil)
        guard case .paused(2) = try service.run(ready, conversation: ScriptedConversation(["3", "3"])) else {
            Issue.record("expected a pause after two answers")
            return
        }
        let rita = try #require(try database.person(named: "Rita")?.id)
        let resumed = try service.resume(authorID: rita)
        #expect(resumed.sessionID == ready.sessionID)
        #expect(resumed.previous.map(\.questionID) == ["cheerful", "calm"])
        guard case let .completed(completed) = try service.run(resumed, conversation: ScriptedConversation(["2", "2", "2"])) else {
            Issue.record("the resumed session did not complete")
            return
        }
        #expect(completed.scored.scores.first?.value == 48)
        #expect(completed.scored.scores.first?.band == "poor")
        #expect(throws: SessionError.nothingToResume) { try service.resume(authorID: rita) }
    }

    /// The quiz's right answers, by question id.
    static func rightAnswers(_ survey: Survey) -> [String: AnswerValue] {
        var answers: [String: AnswerValue] = [:]
        for question in survey.questions {
            switch question.answer {
            case let .choice(value)?: answers[question.id] = .choice(value)
            case let .choices(values)?: answers[question.id] = .choices(values)
            case let .number(value)?: answers[question.id] = .number(value)
            case let .texts(texts)?: answers[question.id] = texts.first.map(AnswerValue.text)
            case let .bool(value)?: answers[question.id] = .bool(value)
            case nil: break
            }
        }
        return answers
    }

    @Test("a passed post-training attempt puts the follow-up on the rep's agenda 30 days later, in the shell and in an import")
    func trainingFollowUpIsPartOfCompletion() throws {
        let quiz = try BundledFixtures.survey("crm-basics")
        let answers = Self.rightAnswers(quiz)
        let database = try store()
        let service = SessionService(database: database, clock: .fixed(Self.day))
        let ready = try service.start(quiz, authorName: "Rita", subjectName: nil, phase: .post, seed: 1)
        let completed = try service.complete(sessionID: ready.sessionID, survey: ready.survey, phase: ready.phase,
                                             answers: Self.rightAnswers(ready.survey))
        #expect(completed.scored.quiz?.passed == true)
        let expected = SessionEffects.FollowUp(text: "Applying CRM basics on the job", notBefore: "2026-12-25")
        #expect(completed.effects.followUps == [expected])
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT text, source, not_before, source_session_id FROM agenda_item")
                .map { "\($0[0] as String)|\($0[1] as String)|\($0[2] as String)|\($0[3] as Int64)" }
        }
        #expect(rows == ["Applying CRM basics on the job|training|2026-12-25|\(ready.sessionID)"])

        // The same rule on the import path; a pre attempt or a failed post attempt leaves none.
        let rita = try #require(try database.person(named: "Rita")?.id)
        func followUps(_ phase: SessionPhase?, _ answers: [String: AnswerValue]) throws -> [SessionEffects.FollowUp] {
            try SessionService.importable(survey: quiz, answers: answers, imported: [], subjectID: rita, authorID: rita,
                                          phase: phase, periodKey: nil, startedAt: Self.day, completedAt: Self.day).effects.followUps
        }
        #expect(try followUps(.post, answers) == [expected])
        #expect(try followUps(.pre, answers).isEmpty)
        #expect(try followUps(.post, [:]).isEmpty)
    }
}
