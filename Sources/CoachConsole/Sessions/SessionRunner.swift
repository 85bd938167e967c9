import CoachCore
import CoachScoring
import CoachSessions
import CoachStore
import Foundation

/// The shell's side of a guided session: finds the survey, hands the session service a
/// conversation over the line reader, and shows the summary and the private support message.
/// What a session stores is the service's business alone.
struct SessionRunner {
    let context: CommandContext

    /// Starts `surveyID` by the current user, about `subjectName` (default: themselves); an
    /// amended check-in names the session it `supersedes`; one held on an earlier day is
    /// back-filled to `heldOn` (`--on`). Returns what it stored when it completes.
    @discardableResult
    func start(surveyID: String, for subjectName: String?, supersedes: Int64? = nil, phase: SessionPhase? = nil,
               seed: UInt64? = nil, heldOn: Date? = nil) throws -> CompletedSession? {
        let survey = try survey(id: surveyID)
        guard survey.kind != .retro else {
            throw CoachError.retro("\(survey.id) is a team's retrospective, not a session: the team's manager runs 'retro --team TEAM'")
        }
        let user = try context.currentUser()
        let draft = context.catalog().drafts.contains(survey.id)
        if draft {
            context.console.line("\(survey.title) is a draft (not one of the organisation's surveys): only you will see this "
                                 + "session; it feeds no team number.")
        }
        let ready = try service().start(survey, authorName: user.name, subjectName: subjectName, phase: phase,
                                        supersedes: supersedes, seed: seed, draft: draft, heldOn: heldOn)
        if let amended = ready.amends, supersedes == nil {
            context.console.line("\(ready.survey.title) is done for this period already (session #\(amended)): "
                                 + "this one amends it. Both are kept; the newer one counts.")
        }
        if ready.continued {
            context.console.line("Continuing the open \(ready.survey.title) (session #\(ready.sessionID)) instead of starting another.")
        }
        return try run(ready)
    }

    /// Says on which day a back-filled session is recorded, before its first question.
    private func sayHeldOn(_ ready: SessionService.Ready) {
        guard let heldAt = ready.heldAt else { return }
        context.console.line("Back-filling: \(ready.survey.title) (session #\(ready.sessionID)) is recorded as held on "
                             + "\(DateAnswer.iso(heldAt)).")
    }

    /// Continues the current user's latest paused or interrupted session at its first
    /// unanswered question, with the survey version it started with.
    @discardableResult
    func resume(sessionID: Int64? = nil) throws -> CompletedSession? {
        let user = try context.currentUser()
        guard let userID = user.id else { throw SessionError.nothingToResume }
        return try run(try service().resume(authorID: userID, sessionID: sessionID))
    }

    /// Abandons the current user's open session `sessionID` and says what became of it.
    func abandon(sessionID: Int64) throws {
        let user = try context.currentUser()
        guard let userID = user.id else { throw StoreError.notYourSession(sessionID) }
        let session = try service().abandon(authorID: userID, sessionID: sessionID)
        let title = context.catalog().surveys[session.surveyID]?.title ?? session.surveyID
        context.console.line("Abandoned \(title) (session #\(sessionID)): it will not be resumed or counted; "
                             + "its answers stay in the store.")
    }

    private func service() throws -> SessionService {
        SessionService(database: try context.database(), clock: context.clock)
    }

    private func run(_ ready: SessionService.Ready) throws -> CompletedSession? {
        sayHeldOn(ready)
        let reader = context.reader ?? PlainLineReader(fileDescriptor: STDIN_FILENO)
        let feedback = ready.survey.quiz?.feedback == .immediate ? QuizFeedback.immediate(survey: ready.survey) : nil
        let ended: SessionService.Ended
        do {
            ended = try service().run(ready, conversation: ShellConversation(reader: reader, console: context.console),
                                      feedback: feedback)
        } catch let error as StoreError where error.isStoreReplaced {
            // Not a crash and not a failed save: the session is paused where it was, in the file
            // coach opened, and the error tells the user to start coach again.
            context.console.line("")
            context.console.line("Paused \(ready.survey.title): the answers given so far stay in the store file coach opened.")
            throw error
        }
        switch ended {
        case let .completed(completed):
            context.console.line("")
            let kpis = ready.survey.kind == .oneOnOne ? try context.database().orgSettings().kpis : []
            context.console.line(SessionSummary.render(survey: ready.survey, completed: completed, kpis: kpis,
                                                       styled: context.console.styled))
            if try context.currentUser().id == ready.subject.id, completed.scored.callsForSupport {
                SupportMessage.show(context: context)
            }
            return completed
        case let .paused(count):
            context.console.line("")
            context.console.line("Paused \(ready.survey.title): \(count) answer\(count == 1 ? "" : "s") kept. Type 'resume' to continue.")
            return nil
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

/// A guided session's conversation over the shell's line reader and console. Answers are never
/// added to the shell history.
final class ShellConversation: Conversation {
    private let reader: any LineReader
    private let console: Console

    init(reader: any LineReader, console: Console) {
        self.reader = reader
        self.console = console
    }

    func say(_ text: String) { console.line(text) }

    func ask(_ prompt: String) -> ConversationInput {
        switch reader.readLine(prompt: prompt) {
        case let .line(text): return .line(text)
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }
}
