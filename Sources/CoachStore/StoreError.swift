import Foundation

/// Everything that can go wrong in the store, each with a message a user can act on.
public enum StoreError: Error, Equatable, Sendable {
    /// The store's folder is missing and cannot be created, or is not writable.
    case folderUnavailable(path: String, reason: String)
    /// The store file exists but cannot be opened for reading and writing (or, for `check`,
    /// reading), or is not a regular file.
    case fileUnavailable(path: String, reason: String)
    /// `backup` cannot write its copy where it was asked to.
    case backupUnavailable(path: String, reason: String)
    /// The store file (or SQLite's `-wal` or `-shm` file beside it) belongs to another user.
    case ownedByAnotherUser(path: String, owner: UInt32, user: UInt32)
    /// Another process held the store's lock for `seconds` and coach gave up waiting.
    case locked(path: String, seconds: Int)
    /// The file at `path` was replaced or removed while coach had it open; nothing more is
    /// written to the file coach opened.
    case storeReplaced(path: String)
    /// A store opened only for reading holds a transaction a process stopped in the middle of
    /// (a hot `-journal`), which only a connection that can write rolls back.
    case interruptedWrite(path: String)
    /// A store opened only for reading has an older schema (`missing` migrations), which only a
    /// store opened for writing is brought up to.
    case olderSchema(path: String, missing: [String])
    /// The file at `path` is not a SQLite database.
    case notADatabase(path: String)
    /// The file starts like a SQLite database but its content is damaged (truncated, overwritten).
    case damaged(path: String, reason: String)
    /// The store was written by a newer version of coach (`migrations` are unknown to this one).
    case newerSchema(path: String, migrations: [String])
    /// A name (person or team) breaks the naming rules.
    case invalidName(String, reason: String)
    /// A person with this name (case-insensitively) already exists.
    case duplicatePerson(String)
    /// The name reads the same as `existing`, a person's or team's name already in the store
    /// (the same confusable skeleton, `NameKey`); `kind` is "person" or "team".
    case confusableName(String, existing: String, kind: String)
    /// No person has this name; `suggestion` is the closest existing name, if any is close.
    case unknownPerson(String, suggestion: String?)
    /// The acting user is missing (nil) or not a person in the store.
    case unknownUser(String?)
    /// The named person was given as a manager but does not have the manager role.
    case notAManager(String)
    /// The acting user may not do this; `reason` says why.
    case notAllowed(String)
    /// `person add --login` on a local store, which has no logins.
    case loginsOnServerOnly
    /// A KPI id is empty or contains whitespace or control characters.
    case invalidKPI(String)
    /// A goal target is NaN or infinite.
    case invalidTarget(Double)
    /// No session has this id.
    case sessionNotFound(Int64)
    /// No team has this name.
    case unknownTeam(String, suggestion: String?)
    /// No action item with this id that the user may see.
    case unknownActionItem(Int64)
    /// The action item is already done or dropped.
    case actionItemClosed(Int64, status: String)
    /// `action edit` on an item that is done or dropped.
    case actionItemNotEditable(Int64, status: String)
    /// No open or closed agenda topic with this id that the user may see.
    case unknownAgendaItem(Int64)
    /// The agenda topic was already discussed or removed.
    case agendaItemClosed(Int64, status: String)
    /// Text that cannot be stored as typed (empty, too long, control characters).
    case invalidText(String)
    /// The session is completed or abandoned and cannot change any more.
    case sessionClosed(id: Int64, state: SessionState)
    /// A session for this person, survey and period (or this quiz's attempt) is already open;
    /// `claimedBy` names the coach process that has it open, nil when nobody does.
    case sessionOpen(id: Int64, survey: String, claimedBy: String?)
    /// The session is open in another coach process, which alone stores its answers.
    case sessionTaken(id: Int64, by: String)
    /// A KPI definition (`kpi add`) that could not be used.
    case invalidKPIDefinition(String)
    /// The open session was started by someone else, who alone resumes or abandons it.
    case notYourSession(Int64)
    /// A check-in for this period was completed meanwhile (by another coach process).
    case periodTaken(survey: String, period: String, id: Int64)
    /// Every allowed attempt at the quiz is used.
    case attemptLimitReached(survey: String, allowed: Int)
    /// An organisation setting given a value it cannot take.
    case invalidSetting(String, reason: String)
    /// After a bulk import, the write-ahead log could not be turned back on.
    case journalNotRestored(path: String, reason: String)
    /// An e-mail address that cannot be stored; `reason` says why.
    case invalidEmail(String, reason: String)
    /// Another person already has this e-mail address (in any case).
    case duplicateEmail(String, owner: String)
    /// No retro with this id that the user may see.
    case unknownRetro(Int64)
    /// The team already has an open retro (`id`), which must close before another starts.
    case retroAlreadyOpen(team: String, id: Int64)
    /// The retro is not at the stage this needs; the text says which.
    case retroStage(String)
    /// Any other database failure, with SQLite's message.
    case database(String)
}

extension StoreError {
    /// Whether this is `storeReplaced`: nothing more can be written to the file coach opened.
    public var isStoreReplaced: Bool {
        if case .storeReplaced = self { return true }
        return false
    }
}

extension StoreError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case let .folderUnavailable(path, reason):
            return "cannot use the store folder \(path): \(reason). Choose another location with --store PATH or fix the folder's permissions."
        case let .backupUnavailable(path, reason):
            return "cannot write the backup to \(path): \(reason); the store itself is untouched"
        case let .fileUnavailable(path, reason):
            return "cannot open the store \(path): \(reason). Check the file's owner and permissions, or use --store PATH."
        case let .ownedByAnotherUser(path, owner, user):
            return "\(path) belongs to another user (uid \(owner); you are uid \(user)), so coach will not keep answers in it. "
                + "Use a store of your own with --store PATH, ask its owner for a copy made with 'coach backup', "
                + "or, if the file is yours, give it back to yourself with chown."
        case let .locked(path, seconds):
            if seconds == 0 {
                return "the store \(path) is locked by another coach process; what this command was saving was not saved. "
                    + "Try again when the other coach has finished."
            }
            return "coach waited \(seconds) s for the store \(path), which another coach process kept locked, and gave up; "
                + "what this command was saving was not saved. Let the other coach finish (a session, 'demo', 'check --repair') "
                + "or quit it, then try again."
        case let .storeReplaced(path):
            return "the store file \(path) was replaced or removed while coach was using it, so nothing more is saved. "
                + "What was saved before, a session's answers so far included, is in the file coach opened (gone with it "
                + "if it was deleted), and a session in progress is paused there. Start coach again to use the store now at \(path)."
        case let .interruptedWrite(path):
            return "the store \(path) holds a transaction a process stopped in the middle of (the -journal file beside it), "
                + "and check opens a store read-only, so it cannot roll it back. Run 'coach check --repair' on it (which "
                + "opens it for writing, rolls the transaction back and checks it)."
        case let .olderSchema(path, missing):
            if missing.count == Schema.knownMigrations.count {
                return "\(path) holds no coach store yet, so there is nothing to check."
            }
            return "the store \(path) has an older schema (missing \(missing.joined(separator: ", "))), and check opens "
                + "a store read-only, without migrating it. Run 'coach check --repair' on it (which opens it for "
                + "writing and migrates it), or check a copy made with 'coach backup' by this coach."
        case let .notADatabase(path):
            return "\(path) is not a coach store (not a SQLite database). It was left untouched; point --store at another file."
        case let .damaged(path, reason):
            return "the store \(path) is damaged (\(reason)). coach changed nothing; restore your last copy made with 'coach backup', or point --store at another file."
        case let .newerSchema(path, migrations):
            return "the store \(path) was written by a newer version of coach (unknown schema changes: \(migrations.joined(separator: ", "))). It was left untouched; upgrade coach to use it."
        case let .invalidName(name, reason):
            return "invalid name '\(name)': \(reason)"
        case let .invalidEmail(email, reason):
            return "'\(email)' is not an e-mail address coach can store: \(reason)"
        case let .duplicateEmail(email, owner):
            return "\(owner) already has the e-mail address \(email); an address belongs to one person"
        case let .duplicatePerson(name):
            return "a person named '\(name)' already exists"
        case let .confusableName(name, existing, kind):
            return "'\(name)' looks the same as the \(kind) '\(existing)' already in the store (letters from another script, or "
                + "look-alike characters); choose a name people can tell apart, e.g. with a surname or an initial"
        case let .unknownPerson(name, suggestion):
            if let suggestion { return "no person named '\(name)' (did you mean '\(suggestion)'?)" }
            return "no person named '\(name)'; 'people' lists them"
        case let .unknownUser(name):
            if let name { return "'\(name)' is not a person in this store; use --as PERSON with an existing name" }
            return "who are you? Give --as PERSON (or set COACH_USER)"
        case let .notAManager(name):
            return "\(name) is not a manager; only a person with the manager role can be a manager"
        case let .notAllowed(reason):
            return "not allowed: \(reason)"
        case .loginsOnServerOnly:
            return "--login is for an organisation store, where each person logs in as themselves; a local store has no logins"
        case let .invalidKPI(kpi):
            return "invalid KPI id '\(kpi)': use the id from the one-on-one template (no spaces)"
        case let .invalidTarget(value):
            return "invalid target \(value): a target must be a finite number"
        case let .unknownTeam(name, suggestion):
            if let suggestion { return "no team named '\(name)' (did you mean '\(suggestion)'?)" }
            return "no team named '\(name)'; 'people' shows the teams, and 'all' is everyone"
        case let .unknownActionItem(id):
            return "no action item #\(id) that you can see; 'actions' lists yours"
        case let .actionItemClosed(id, status):
            return "action item #\(id) is already \(status)"
        case let .actionItemNotEditable(id, status):
            return "#\(id) is \(status); only open items can be edited"
        case let .unknownAgendaItem(id):
            return "no agenda topic #\(id) (none of yours or your reps'; 'agenda list' shows yours)"
        case let .agendaItemClosed(id, status):
            if status == "discussed" {
                return "agenda topic #\(id) was already discussed in a one-on-one; only open topics can be removed"
            }
            return "agenda topic #\(id) is already \(status)"
        case let .invalidText(reason):
            return reason
        case let .sessionNotFound(id):
            return "no session #\(id) that you can see"
        case let .sessionClosed(id, state):
            return "session #\(id) is \(state.rawValue.replacingOccurrences(of: "_", with: " ")) and cannot change"
        case let .sessionOpen(id, survey, claimedBy):
            if let claimedBy {
                return "your \(survey) session #\(id) is open in \(claimedBy); finish or pause it there, then 'resume'"
            }
            return "your \(survey) session #\(id) is still open; 'resume' continues it"
        case let .sessionTaken(id, by):
            return "session #\(id) is open in \(by), which stores its answers; finish or pause it there "
                + "(a session is answered in one place at a time)"
        case let .invalidKPIDefinition(reason):
            return reason
        case let .notYourSession(id):
            return "session #\(id) was started by someone else, who alone resumes or abandons it; 'sessions' lists yours"
        case let .periodTaken(survey, period, id):
            return "\(survey) for \(period) was completed meanwhile (session #\(id)); 'checkin \(survey)' amends it"
        case let .attemptLimitReached(survey, allowed):
            return "all \(allowed) attempt\(allowed == 1 ? "" : "s") at \(survey) are used"
        case let .invalidSetting(key, reason):
            return "\(key) must be \(reason)"
        case let .journalNotRestored(path, reason):
            return "everything was written to \(path), but its write-ahead log could not be turned back on (\(reason)). "
                + "Close the other coach processes: the next coach to open the store turns the log back on."
        case let .unknownRetro(id):
            return "no retro #\(id) that you can see; 'retro --team TEAM' shows your team's"
        case let .retroAlreadyOpen(team, id):
            return "\(team)'s retro #\(id) is still open; continue it with 'retro --team \(team)' (or close it) before starting another"
        case let .retroStage(reason):
            return reason
        case let .database(message):
            return "store error: \(message)"
        }
    }
}
