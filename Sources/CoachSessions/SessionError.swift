import Foundation

/// What can stop a guided session, each with a message a user can act on. Every answer given
/// before the error stays stored.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stored meeting answer could not be read back as its question's structure.
    case unreadableAnswer(survey: String, question: String, reason: String)
    /// The survey file changed between loading and starting; the version cannot be recorded.
    case surveyChanged(String)
    /// The survey version a session started with is missing or no longer readable.
    case storedVersionUnreadable(survey: String, problems: [String])
    /// A quiz attempt's stored question layout cannot be read.
    case unreadableLayout(sessionID: Int64, reason: String)
    /// An answer value that cannot be written as JSON.
    case unstorableAnswer(String)
    /// The user has no paused or interrupted session.
    case nothingToResume
    /// An answer could not be saved, so the session stopped; every answer before it is stored.
    case answerNotSaved(String)
    /// Completing the session failed; its answers are kept and it is paused.
    case completionFailed(survey: String, reason: String)
    /// The session a start would continue was started by someone else, who alone answers it.
    case openForItsAuthor(survey: String, sessionID: Int64, author: String)

    public var description: String {
        switch self {
        case let .unreadableAnswer(survey, question, reason):
            return "the answer to \(survey).\(question) cannot be read (\(reason)); it is kept as stored"
        case let .surveyChanged(source):
            return "\(source) changed while coach was reading it; try again"
        case let .storedVersionUnreadable(survey, problems):
            return "the version of \(survey) this session started with cannot be read:\n"
                + problems.map { "  " + $0 }.joined(separator: "\n")
        case let .unreadableLayout(sessionID, reason):
            return "the question order stored with quiz attempt \(sessionID) cannot be read (\(reason))"
        case let .unstorableAnswer(question):
            return "the answer to \(question) cannot be stored"
        case .nothingToResume:
            return "you have no paused session; start one with 'run SURVEY'"
        case let .answerNotSaved(message):
            return "the session stopped: \(message). Every answer acknowledged before is stored; 'resume' continues"
        case let .completionFailed(survey, reason):
            return "\(survey) could not be completed: \(reason). Every answer is kept and the session is paused; 'resume' finishes it."
        case let .openForItsAuthor(survey, sessionID, author):
            return "\(survey) (session #\(sessionID)) is open, started by \(author), who finishes it with 'resume'; "
                + "no other starts until it is done (a session is answered by the person who started it)"
        }
    }
}
