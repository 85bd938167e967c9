import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// Starts, resumes and finishes guided sessions: the survey engine talking through the shell,
/// each answer stored as it is given, scores computed and stored once at completion.
struct SessionRunner {
    let context: CommandContext

    /// Starts `surveyID` by the current user, about `subjectName` (default: themselves); an
    /// amended check-in names the session it `supersedes`. Returns the scores when it completes.
    @discardableResult
    func start(surveyID: String, for subjectName: String?, supersedes: Int64? = nil, phase: SessionPhase? = nil,
               seed: UInt64? = nil) throws -> SessionOutcomeScores? {
        let survey = try survey(id: surveyID)
        let layout = survey.kind == .quiz ? QuizLayout.make(survey: survey, seed: seed ?? UInt64.random(in: 0...UInt64.max)) : nil
        let database = try context.database()
        let user = try context.currentUser()
        let people = try database.sessionSubject(kind: survey.kind, authorName: user.name, subjectName: subjectName)
        guard let content = SurveySource.content(of: survey), let subjectID = people.subject.id,
              let authorID = people.author.id else {
            throw CoachError.brokenSurvey(survey.source, problems: ["the file changed while coach was reading it; try again"])
        }
        try database.recordSurveyVersion(surveyID: survey.id, hash: survey.contentHash, content: content)
        let sessionID = try database.startSession(surveyID: survey.id, surveyHash: survey.contentHash,
                                                  kind: survey.kind.rawValue, subjectID: subjectID, authorID: authorID,
                                                  phase: phase, periodKey: survey.cadence?.periodKey(for: Date()),
                                                  supersedes: supersedes, quizLayout: layout.flatMap(\.jsonText))
        return try run(layout.map { $0.shownSurvey(survey) } ?? survey, sessionID: sessionID, subject: people.subject, previous: [])
    }

    /// Continues the current user's latest paused or interrupted session at its first
    /// unanswered question, with the survey version it started with.
    @discardableResult
    func resume() throws -> SessionOutcomeScores? {
        let database = try context.database()
        let user = try context.currentUser()
        guard let userID = user.id, let session = try database.resumableSession(authorID: userID),
              let sessionID = session.id else { throw CoachError.nothingToResume }
        guard let content = try database.surveyContent(hash: session.surveyHash) else {
            throw CoachError.brokenSurvey(session.surveyID, problems: ["the stored survey version is missing"])
        }
        let survey: Survey
        switch SurveyLoader.load(yaml: content, file: "\(session.surveyID) (as started)") {
        case let .success(loaded): survey = loaded
        case let .failure(problems): throw CoachError.brokenSurvey(session.surveyID, problems: problems.problems.map(\.description))
        }
        guard let subject = try database.person(id: session.subjectID) else { throw CoachError.nothingToResume }
        let previous = try database.answers(sessionID: sessionID).compactMap { answer in
            AnswerValue(jsonText: answer.value).map { (questionID: answer.questionID, value: $0) }
        }
        let layout = session.quizLayout.flatMap { try? JSONDecoder().decode(QuizLayout.self, from: Data($0.utf8)) }
        return try run(layout.map { $0.shownSurvey(survey) } ?? survey, sessionID: sessionID, subject: subject, previous: previous)
    }

    private func run(_ survey: Survey, sessionID: Int64, subject: Person,
                     previous: [(questionID: String, value: AnswerValue)]) throws -> SessionOutcomeScores? {
        let database = try context.database()
        let reader = context.reader ?? PlainLineReader(fileDescriptor: STDIN_FILENO)
        let today = Date()
        var options = SessionOptions(today: today)
        if survey.kind == .oneOnOne { options.meeting = StoreMeetingSource(database: database, subject: subject, today: today) }
        if survey.quiz?.feedback == .immediate { options.feedback = QuizFeedback.immediate(survey: survey) }
        let engine = SessionEngine(survey: survey, previous: previous,
                                   conversation: ShellConversation(reader: reader, console: context.console),
                                   recorder: StoreRecorder(database: database, sessionID: sessionID), options: options)
        switch engine.run() {
        case .completed:
            let answers = engine.effectiveAnswers
            let outcome = SessionOutcomeScores(survey: survey, answers: answers)
            try database.completeSession(id: sessionID, scores: outcome.rows, marks: outcome.marks,
                                         effects: SessionEffectsBuilder.effects(survey: survey, answers: answers))
            context.console.line("")
            context.console.line(SessionSummary.render(survey: survey, outcome: outcome, styled: context.console.styled))
            if let user = try? context.currentUser(), user.id == subject.id {
                SupportMessage.showIfNeeded(survey: survey, outcome: outcome, context: context)
            }
            return outcome
        case .paused:
            try database.pauseSession(id: sessionID)
            let count = engine.answers.count
            context.console.line("")
            context.console.line("Paused \(survey.title): \(count) answer\(count == 1 ? "" : "s") kept. Type 'resume' to continue.")
            return nil
        case let .failed(message):
            throw CoachError.sessionFailed(message)
        }
    }

    func survey(id: String) throws -> Survey {
        let catalog = context.catalog()
        if let survey = catalog.surveys[id] { return survey }
        if let broken = catalog.broken.first(where: { ($0.source as NSString).lastPathComponent.hasPrefix(id + ".") }) {
            throw CoachError.brokenSurvey(broken.source, problems: broken.problems.problems.map(\.description))
        }
        if !context.paths.includesBundledSurveys,
           let missing = context.paths.surveyDirectories.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw CoachError.surveysFolderMissing(missing)
        }
        throw CoachError.unknownSurvey(id, suggestion: suggestion(for: id, among: Array(catalog.surveys.keys)))
    }
}
