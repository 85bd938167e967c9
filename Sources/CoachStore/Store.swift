import CoachCore
import CoachScoring
import Foundation

/// What every store engine offers the session service and the commands: intent methods that
/// take names and ids and return records, each applying the rules (who may do what, who sees
/// what) itself. `AppDatabase` is the engine on a local SQLite file; an organisation's
/// PostgreSQL server gets its own. What only a file can do (backup, check and repair, the
/// demo's bulk import) stays on `AppDatabase`.
///
/// Parameters have no defaults here: callers say what time it is (the context's clock).
public protocol Store: SharedStore {
    func exportData(viewer viewerName: String) throws -> ExportData

    // Team trends and the reliability behind reliable change
    func teamTrends(viewer viewerName: String, team: String, now: Date, weeks: Int, viewerMinGroup: Int,
                    calendar: Calendar, score: String?) throws -> [TeamSeries]
    func reliabilities(of survey: Survey, now: Date) throws -> [String: ScoreReliability]
    func reliabilities(ofVersion hash: String, now: Date) throws -> [String: ScoreReliability]
}

/// Guided sessions and what they read and leave behind (`checkin`, `selfassess`, `1on1`, `quiz`,
/// `resume`, `due`, `history`), which every engine offers: each answer stored as it is given,
/// scores and effects stored once at completion.
public protocol SessionStore {
    // KPIs in a one-on-one
    func target(personID: Int64, kpi: String, period: Period) throws -> Double?
    func kpiActuals(personID: Int64, period: Period) throws -> [String: Double]
    func attainmentHistory(personID: Int64, upTo period: Period, months: Int) throws
        -> [(period: String, kpi: String, attainment: Double)]

    // Action items and agenda in a one-on-one
    func openActionItems(subjectID: Int64) throws -> [OpenActionItem]
    func openAgendaItems(personID: Int64, on day: String) throws -> [AgendaEntry]

    // Surveys
    func recordSurveyVersion(surveyID: String, hash: String, content: String, at now: Date) throws
    func surveyContent(hash: String) throws -> String?
    func surveyScoring(hash: String) throws -> SurveyScoring?
    func latestSurveyHash(surveyID: String) throws -> String?

    // Sessions, answered one answer at a time
    func sessionSubject(kind: SurveyKind, authorName: String, subjectName: String?) throws -> (author: Person, subject: Person)
    func startSession(surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
                      phase: SessionPhase?, periodKey: String?, supersedes: Int64?, amendingDone: Bool,
                      quizLayout: String?, attemptLimit: Int?, draft: Bool, backfilledAt: Date?, at now: Date) throws -> Int64
    func claimSession(id: Int64, at now: Date) throws
    func saveAnswer(sessionID: Int64, questionID: String, valueJSON: String, isPrivate: Bool, position: Int, at now: Date) throws
    func deleteAnswer(sessionID: Int64, questionID: String, at now: Date) throws
    func answers(sessionID: Int64) throws -> [Answer]
    func pauseSession(id: Int64, at now: Date) throws
    /// Abandons the author's open session `id`: kept, never resumed or counted.
    func abandonSession(id: Int64, authorID: Int64, at now: Date) throws
    func completeSession(id: Int64, scored: ScoredSession, effects: SessionEffects, at now: Date) throws
    /// Freezes the team numbers of every week that has ended everywhere at `now`, as the next
    /// team trends read would: before a back-filled session completes into an ended week.
    func freezeEndedWeeks(now: Date) throws
    func resumableSession(authorID: Int64) throws -> Session?
    /// The author's in-progress and paused sessions, newest first, wherever they are open.
    func openSessions(authorID: Int64) throws -> [Session]
    func session(id: Int64) throws -> Session?
    func scores(sessionID: Int64) throws -> [Score]

    // What is due, and what came of it
    func lastCompletions(of personName: String) throws -> [String: Date]
    func lastOneOnOnes(managerName: String) throws -> [(rep: String, last: Date?)]
    func latestOwnSession(of personName: String, surveyID: String) throws -> (id: Int64, completed: Date)?
    func timeline(viewer viewerName: String, subject subjectName: String) throws -> [TimelineEntry]
    /// Session `id` with the scores and answers `viewerName` may see; nil when they may not see it.
    func sessionRecord(viewer viewerName: String, id: Int64) throws -> ExportData.SessionRow?
    func scorePoints(viewer viewerName: String, subject subjectName: String, since: Date?) throws -> [ScorePoint]
    func quizPercents(of personName: String, quizID: String, excluding phase: SessionPhase?) throws -> [Double]
    func quizAttempts(viewer viewerName: String, quizID: String) throws -> [QuizAttemptRecord]
}

/// People and the organisation's settings: the part of `Store` that the commands about people
/// (`people`, `person add`, `person show`, `share`, `org show`, `org set`) need, which every
/// engine offers.
public protocol PeopleStore {
    func peopleCount() throws -> Int
    func people() throws -> [PersonSummary]
    func person(named name: String) throws -> Person?
    func person(id: Int64) throws -> Person?
    func personSummary(named name: String) throws -> PersonSummary
    func personDetail(named name: String, viewer: String?) throws -> PersonDetail
    /// Adds a person as `actor` may (see `AppDatabase.addPerson`); on an organisation store with
    /// a login (`login`, else one made from the name) and a one-time password; with `email`,
    /// their e-mail address (`EmailRules`), stored with them or not at all.
    func enrol(name: String, role: Role, team: String?, manager: String?, login: String?, email: String?, by actor: String?,
               at now: Date) throws -> Enrolment
    /// Sets `personName`'s e-mail address, or clears it when `email` is empty; HR anyone's, a
    /// manager their own reps' (the rule of adding them). Unique regardless of case.
    @discardableResult
    func setEmail(_ email: String, for personName: String, by actorName: String) throws -> PersonSummary
    func setShareWellbeing(_ share: Bool, for personName: String, at now: Date) throws
    func orgSettings() throws -> OrgSettings
    func setOrgSetting(_ setting: OrgSetting, to value: String, by actorName: String, at now: Date) throws
}

extension PeopleStore {
    /// Adds a person without an e-mail address.
    public func enrol(name: String, role: Role, team: String?, manager: String?, login: String?, by actor: String?,
                      at now: Date) throws -> Enrolment {
        try enrol(name: name, role: role, team: team, manager: manager, login: login, email: nil, by: actor, at: now)
    }
}

/// KPI targets (`goal set`, `goals`), which every engine offers.
public protocol GoalStore {
    /// Sets (or replaces) `person`'s target for `kpi` in `period`; HR or the person's manager may.
    @discardableResult
    func setGoal(person: String, kpi: String, target: Double, period: Period, by actor: String, at now: Date) throws -> Goal
    /// `person`'s goals, latest period first, then by KPI, for the person, their manager and HR.
    func goals(for person: String, viewer: String?) throws -> [Goal]
    /// Stores KPI actuals read from a file (`kpi import`), all or none, in one transaction: one
    /// row per person, KPI and month with no session, replacing an earlier import's value. HR or
    /// the person's manager may (the rule of `setGoal`). With `dryRun` nothing is written.
    /// Returns each actual with the value it replaces.
    func importActuals(_ actuals: [ImportedActual], dryRun: Bool, by actor: String, at now: Date) throws
        -> [ImportedActualChange]
}

/// Action items and agenda topics between one-on-ones (`actions`, `action done`, `action edit`,
/// `agenda add`, `agenda list`, `agenda remove`), which every engine offers. They are one-on-one
/// content: the rep they are about, their owner and the rep's manager see them; nobody else (not HR).
public protocol ActionStore {
    /// The action items `viewerName` may see, about `subjectName` if given, open first, by due date.
    func actionItems(viewer viewerName: String, subject subjectName: String?, openOnly: Bool) throws -> [ActionItemView]
    /// Marks an open action item done; its owner, the rep it is about or their manager may.
    @discardableResult
    func closeActionItem(id: Int64, by actorName: String, at now: Date) throws -> ActionItemView
    /// Changes an open action item's text, owner or due date (`YYYY-MM-DD`), nil leaving each as
    /// it is; those who may close it may, and the owner stays the rep or their manager.
    @discardableResult
    func editActionItem(id: Int64, text: String?, owner: String?, due: String?, by actorName: String) throws -> ActionItemView
    /// Adds a topic to `personName`'s next one-on-one; a training follow-up waits until `notBefore`.
    func addAgendaItem(text: String, for personName: String, source: String, notBefore: String?, at now: Date) throws
    /// `personName`'s open agenda topics (the viewer's own when nil), for the rep and their manager.
    func agendaItems(viewer viewerName: String, person personName: String?) throws -> [AgendaItemView]
    /// Marks an open agenda topic removed (its row stays); the rep or their manager may.
    @discardableResult
    func removeAgendaItem(id: Int64, by actorName: String) throws -> AgendaItemView
}

/// The organisation's survey catalog (`surveys`, `survey publish`), which every engine offers.
public protocol CatalogStore {
    /// The newest published version of each survey id.
    func publishedSurveys() throws -> [PublishedSurvey]
    /// Publishes `content` (already linted and tested) as the organisation's version of
    /// `surveyID`; HR alone may. Publishing the version already current returns false.
    @discardableResult
    func publishSurvey(surveyID: String, hash: String, content: String, by actorName: String, at now: Date) throws -> Bool
}

/// Surveys assigned with a due date (`assign`, `assignments`, `unassign`), which every engine
/// offers, by the rules of `AssignmentRules`.
public protocol AssignmentStore {
    /// Assigns `request` as `actorName` may, one row per assignee; a row the same assigner gave the
    /// same person for the same survey and phase is updated instead.
    func assign(_ request: AssignmentRequest, by actorName: String, at now: Date) throws -> AssignmentOutcome
    /// The rows `viewerName` may see: assigned to them, and assigned by them (a wellbeing
    /// check-in's small groups only as counts; `minGroup` may only raise the organisation's).
    func assignmentRows(viewer viewerName: String, minGroup: Int) throws -> [AssignmentRow]
    /// Withdraws the assigner's assignment `id`, or only `person`'s row of it.
    func unassign(id: Int64, person: String?, by actorName: String) throws -> AssignmentRemoval
}

/// The parts of the contract that both engines keep: what the commands that run on an
/// organisation store use.
public typealias SharedStore = PeopleStore & GoalStore & ActionStore & CatalogStore & SessionStore
    & AssignmentStore & RecognitionStore & RetroStore & FeedbackStore

/// A person just added, and on an organisation store their login and its one-time password
/// (to be shown once, never stored by coach).
public struct Enrolment: Sendable {
    public var person: Person
    public var login: String?
    public var oneTimePassword: String?
    public init(person: Person, login: String? = nil, oneTimePassword: String? = nil) {
        self.person = person
        self.login = login
        self.oneTimePassword = oneTimePassword
    }
}

extension AppDatabase: Store {
    /// A local store has no logins: whoever runs coach on the file is trusted to say who they are.
    public func enrol(name: String, role: Role, team: String?, manager: String?, login: String?, email: String?,
                      by actor: String?, at now: Date) throws -> Enrolment {
        guard login == nil else { throw StoreError.loginsOnServerOnly }
        return Enrolment(person: try addPerson(name: name, role: role, team: team, manager: manager, email: email, by: actor,
                                               at: now))
    }
}
