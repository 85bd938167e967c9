import CoachCore
import Foundation

/// What went wrong in the console layer, in words a user can act on.
public enum CoachError: Error, Equatable, LocalizedError, CustomStringConvertible {
    /// Nobody has been added yet.
    case emptyStore
    /// No `--as`, `COACH_USER` or `user:` in the config.
    case noUser
    /// The user named is not in the store.
    case unknownUser(String, suggestion: String?)
    /// A command word the table does not have.
    case unknownCommand(String, suggestion: String?)
    /// A global option typed inside the shell.
    case globalOptionInShell
    /// A line the shell cannot split into words (an unclosed quote).
    case unbalancedQuote
    /// A survey id that is not in the catalog.
    case unknownSurvey(String, suggestion: String?)
    /// The surveys folder given with `--surveys` or `COACH_SURVEYS` does not exist (any more).
    case surveysFolderMissing(String)
    /// A survey file that does not lint; the shell refuses to run it.
    case brokenSurvey(String, problems: [String])
    /// `checkin` given a survey that is not a check-in or self-assessment.
    case notACheckIn(String, kind: String)
    /// `quiz` given a survey that is not a quiz.
    case notAQuiz(String, kind: String)
    /// `--store` names a PostgreSQL server (shown without its password).
    case serverStoreUnavailable(String)
    /// `--as`, `COACH_USER` or the config's `user:` given with an organisation store.
    case identityIsTheLogin(source: String, login: String)
    /// A command that asks questions was run without a terminal.
    case needsTerminal(String)
    /// A command for the organisation store given a local store file.
    case notAServerStore(String)
    /// `org import` given a path with no store file.
    case noLocalStore(String)
    /// A file coach would write is already there; coach never overwrites it.
    case fileExists(String)
    /// A file coach could not create.
    case cannotWrite(String)
    /// A report's file exists and `--force` was not given.
    case reportExists(String)
    /// `survey publish` refused a file; `reason` says why.
    case notPublished(String, reason: String)
    /// The quiz's attempt limit is used up.
    case noAttemptsLeft(String, allowed: Int)
    /// A KPI the one-on-one template does not review.
    case unknownKPI(String, known: [String])
    /// A value outside a KPI's range, with the reason.
    case outOfRange(String)
    /// `--score` names no survey or score coach knows.
    case unknownScore(String, suggestion: String?)
    /// An option's value that only the command's run can judge (a due date against today); bad usage.
    case invalidValue(option: String, reason: String)
    /// A retrospective that cannot do what was asked (none open, voting closed, no team).
    case retro(String)

    public var description: String {
        switch self {
        case .emptyStore:
            return "the store is empty: add the first person with 'person add NAME --role hr|manager|rep' (they become the user)"
        case .noUser:
            return "coach does not know who you are: pass --as NAME, set COACH_USER, or put 'user: NAME' in the config"
        case let .unknownUser(name, suggestion):
            return "'\(name)' is not a person in this store" + didYouMean(suggestion) + "; use --as with a person's name (see 'people')"
        case let .unknownCommand(name, suggestion):
            // A pasted megabyte is not echoed back whole.
            let shown = name.count > 60 ? String(name.prefix(60)) + "… (\(name.count) characters)" : name
            return "unknown command '\(shown)'" + didYouMean(suggestion) + "; type 'help' for the list"
        case .globalOptionInShell:
            return "--store, --surveys, --as, --no-color and --no-pager go on the coach command line, not inside the shell"
        case .unbalancedQuote:
            return "the line has an unclosed quote"
        case let .unknownSurvey(id, suggestion):
            return "no survey '\(id)'" + didYouMean(suggestion) + "; 'surveys' lists them"
        case let .surveysFolderMissing(path):
            return "the surveys folder \(path) does not exist (it comes from --surveys or COACH_SURVEYS); point --surveys at a folder of survey files, or leave it out for the bundled surveys"
        case let .brokenSurvey(source, problems):
            return "\(source) does not lint, so it cannot run:\n" + problems.joined(separator: "\n")
        case let .notACheckIn(id, kind):
            return "'\(id)' is a \(kind) survey, not a check-in; use 'run \(id)'"
        case let .notAQuiz(id, kind):
            return "'\(id)' is a \(kind) survey, not a quiz; use 'run \(id)'"
        case let .serverStoreUnavailable(address):
            return "\(address) is an organisation store on a PostgreSQL server, and this command works on a local store "
                + "file only (the server's own tools, such as pg_dump, back up and check the organisation's database); "
                + "give --store a file path, or leave it out for your own store."
        case let .identityIsTheLogin(source, login):
            return "on an organisation store you are the database login you connect as (\(login)), so \(source) "
                + "cannot name another person: leave it out, and connect as yourself (the URL's user, PGUSER)"
        case let .needsTerminal(command):
            return "'\(command)' asks at a terminal; run it there"
        case let .noLocalStore(path):
            return "there is no store file at \(path); give the path of the local store to move"
        case let .fileExists(path):
            return "\(path) already exists, and coach does not overwrite it; give a new file name"
        case let .reportExists(path):
            return "\(path) already exists; add --force to replace it, or name another file with -o"
        case let .cannotWrite(path):
            return "cannot create \(path); check the folder exists and you may write there"
        case let .notAServerStore(command):
            return "'\(command)' works on an organisation store: give a postgres://USER@HOST/DATABASE URL "
                + "(the local store file needs no set-up)"
        case let .unknownScore(score, suggestion):
            return "no survey or score '\(score)'" + didYouMean(suggestion)
                + "; --score takes a survey id, a score id or SURVEY.SCORE (see 'surveys')"
        case let .notPublished(file, reason):
            return "\(file) was not published: \(reason)"
        case let .noAttemptsLeft(title, allowed):
            return "\(title) allows \(allowed) attempt\(allowed == 1 ? "" : "s"), and all are used"
        case let .invalidValue(option, reason):
            return "\(option): \(reason)"
        case let .unknownKPI(kpi, known):
            let guess = suggestion(for: kpi, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            return "unknown KPI '\(kpi)'\(guess); known KPIs ('kpi list'): \(known.joined(separator: ", "))"
        case let .outOfRange(reason):
            return reason
        case let .retro(reason):
            return reason
        }
    }

    public var errorDescription: String? { description }

    private func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    }
}
