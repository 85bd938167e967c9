import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// Starts, resumes and completes every guided session, whoever calls: the shell, a one-shot
/// command or a test. The user interface only supplies the conversation and shows the result.
///
/// Each answer is stored in its own transaction as the engine accepts it. Completion scores the
/// answers by the one rule (`ScoredSession`), reads the session's effects (`SessionEffects`) and
/// stores both with the weekly aggregates in one transaction; imports go through
/// `SessionService.importable` to the same rule.
public struct SessionService {
    public let database: any SharedStore
    public let clock: CoachClock

    public init(database: any SharedStore, clock: CoachClock = .system) {
        self.database = database
        self.clock = clock
    }

    /// A session ready to be asked: its id, the survey as this session shows it (a quiz's drawn
    /// and shuffled layout), its subject and the answers already stored.
    public struct Ready {
        public let sessionID: Int64
        public let survey: Survey
        public let subject: Person
        /// A quiz attempt's `pre` or `post`.
        public let phase: SessionPhase?
        public let previous: [(questionID: String, value: AnswerValue)]
        /// Optional questions skipped on purpose before the session was paused.
        public var skipped: Set<String> = []
        /// The session was already open (a paused check-in for this period, a quiz's paused
        /// attempt) and continues where it was left, instead of a second one starting.
        public var continued = false
        /// The check-in this one amends when the period already had one (a second check-in in a
        /// week amends the first: both are kept, the newer counts).
        public var amends: Int64?
        /// A back-filled session's time on the day it was held (`Backfill`); nil for a live one.
        public var heldAt: Date?
    }

    /// How a run ended.
    public enum Ended {
        case completed(CompletedSession)
        /// Paused (`:pause`, Ctrl-C, end of input) with this many answers kept.
        case paused(answers: Int)
    }

    /// Starts `survey` by `authorName` about `subjectName` (default: the author), after the
    /// store's rules on who may run what for whom. An amended check-in names the session it
    /// `supersedes`; a quiz gets its layout from `seed` (random without one). A check-in already
    /// open for this period, or the quiz's open attempt, is continued (`Ready.continued`) rather
    /// than started twice; the store refuses one open in another coach process.
    /// A `draft` (a local survey the organisation has not published) is its author's alone.
    /// With `heldOn`, a session held on that earlier day is back-filled (`Backfill`): its time,
    /// period and effects are that day's, and an open one of the survey on another day is refused.
    public func start(_ survey: Survey, authorName: String, subjectName: String?, phase: SessionPhase? = nil,
                      supersedes: Int64? = nil, seed: UInt64? = nil, draft: Bool = false, heldOn: Date? = nil) throws -> Ready {
        let people = try database.sessionSubject(kind: survey.kind, authorName: authorName, subjectName: subjectName)
        try Self.checkReviewAudience(survey, author: people.author, subject: people.subject)
        let heldAt = try heldOn.flatMap { try Backfill.time(of: $0, now: clock.now(), subject: people.subject) }
        // A file's text as loaded, or a published version's text as the store keeps it.
        guard let content = try SurveySource.content(of: survey) ?? database.surveyContent(hash: survey.contentHash) else {
            throw SessionError.surveyChanged(survey.source)
        }
        guard let subjectID = people.subject.id, let authorID = people.author.id else {
            throw StoreError.unknownPerson(people.subject.name, suggestion: nil)
        }
        // The author's own paused session of this survey, about the same person (and phase), is
        // continued rather than a second one started beside it; a check-in only within its period.
        let period = Self.periodKey(of: survey, at: heldAt ?? clock.now())
        if let open = try database.openSessions(authorID: authorID).first(where: {
            $0.surveyID == survey.id && $0.subjectID == subjectID && $0.phase == phase && supersedes == nil
                && ($0.periodKey == nil || $0.periodKey == period)
        }), let id = open.id {
            try checkSameDay(open, heldAt: heldAt, survey: survey)
            do {
                return try continueSession(id, by: authorID, survey: survey)
            } catch let StoreError.sessionTaken(id, by) {
                throw StoreError.sessionOpen(id: id, survey: survey.id, claimedBy: by)  // open in another coach
            }
        }
        let layout = survey.kind == .quiz
            ? QuizLayout.make(survey: survey, seed: seed ?? UInt64.random(in: 0...UInt64.max)) : nil
        let recorded = clock.now(), now = heldAt ?? recorded
        try database.recordSurveyVersion(surveyID: survey.id, hash: survey.contentHash, content: content, at: recorded)
        // One live check-in per period: a period already done is amended (its newest session).
        let sessionID: Int64
        do {
            sessionID = try database.startSession(
                surveyID: survey.id, surveyHash: survey.contentHash, kind: survey.kind.rawValue, subjectID: subjectID,
                authorID: authorID, phase: phase, periodKey: Self.periodKey(of: survey, at: now),
                supersedes: supersedes, amendingDone: true, quizLayout: try layout?.jsonText(),
                attemptLimit: survey.quiz?.attempts, draft: draft, backfilledAt: heldAt.map { _ in recorded }, at: now)
        } catch let StoreError.sessionOpen(id, _, nil) {
            if let open = try database.session(id: id) { try checkSameDay(open, heldAt: heldAt, survey: survey) }
            return try continueSession(id, by: authorID, survey: survey)
        }
        var ready = Ready(sessionID: sessionID, survey: layout.map { $0.shownSurvey(survey) } ?? survey,
                          subject: people.subject, phase: phase, previous: [])
        ready.amends = try database.session(id: sessionID)?.supersedesID
        ready.heldAt = heldAt
        return ready
    }

    /// A review for a manager (`performance-review`) is about one of their reps, one for a rep
    /// (`self-review`) about the rep themselves: the store lets either author write a review,
    /// and the survey's audience says which one this is.
    static func checkReviewAudience(_ survey: Survey, author: Person, subject: Person) throws {
        guard survey.kind == .review else { return }
        let isSelf = author.id == subject.id
        if survey.audience == .rep && !isSelf {
            throw StoreError.notAllowed("\(survey.id) is written by \(subject.name) about themselves")
        }
        if survey.audience != .rep && isSelf {
            throw StoreError.notAllowed("\(survey.id) is written about one of your reps: name them with --for")
        }
    }

    /// The period a session of `survey` started at `now` belongs to: a review's quarter
    /// (`2026-Q4`; `ReviewPeriod.reviewedQuarter`), else its cadence's period, if any.
    public static func periodKey(of survey: Survey, at now: Date) -> String? {
        survey.kind == .review ? ReviewPeriod.reviewedQuarter(at: now).description : survey.cadence?.periodKey(for: now)
    }

    /// Refuses to continue `open` for a start on another footing: a live start over a session
    /// back-filled to some day, or a back-fill over a live session or one on another day.
    private func checkSameDay(_ open: Session, heldAt: Date?, survey: Survey) throws {
        guard !Backfill.sameDay(open, as: heldAt), let id = open.id else { return }
        let on = Backfill.day(of: open).map { "back-filled to \($0)" } ?? "recorded live"
        throw BackfillError.openElsewhen(sessionID: id, survey: survey.title, on: on)
    }

    /// The author's latest paused or interrupted session, ready to continue at its first
    /// unanswered question with the survey version it started with.
    public func resume(authorID: Int64) throws -> Ready {
        guard let session = try database.resumableSession(authorID: authorID), let id = session.id else {
            throw SessionError.nothingToResume
        }
        try database.claimSession(id: id, at: clock.now())
        return try ready(session)
    }

    /// The author's open session `sessionID` (or, without one, their latest), claimed for this
    /// process and ready to continue at its first unanswered question.
    public func resume(authorID: Int64, sessionID: Int64?) throws -> Ready {
        guard let sessionID else { return try resume(authorID: authorID) }
        let session = try ownOpenSession(sessionID, authorID: authorID)
        try database.claimSession(id: sessionID, at: clock.now())
        return try ready(session)
    }

    /// Abandons the author's open session `sessionID` for good: its answers stay stored, but it
    /// is never resumed, scored or counted, and a new one may start in its place.
    @discardableResult
    public func abandon(authorID: Int64, sessionID: Int64) throws -> Session {
        let session = try ownOpenSession(sessionID, authorID: authorID)
        try database.abandonSession(id: sessionID, authorID: authorID, at: clock.now())
        return session
    }

    /// Session `id` when it is open and `authorID` started it; otherwise the reason it is not.
    private func ownOpenSession(_ id: Int64, authorID: Int64) throws -> Session {
        guard let session = try database.session(id: id) else { throw StoreError.sessionNotFound(id) }
        guard session.authorID == authorID else { throw StoreError.notYourSession(id) }
        guard session.state == .inProgress || session.state == .paused else {
            throw StoreError.sessionClosed(id: id, state: session.state)
        }
        return session
    }

    /// Session `id`, already open, claimed for this process and ready to go on, when `authorID`
    /// started it: a session is answered by its author alone (the organisation store's policies
    /// let no one else write to it), so another person's open session is theirs to resume.
    private func continueSession(_ id: Int64, by authorID: Int64, survey: Survey) throws -> Ready {
        guard let open = try database.session(id: id) else { throw StoreError.sessionNotFound(id) }
        guard open.authorID == authorID else {
            let author = try database.person(id: open.authorID)?.name ?? "someone else"
            throw SessionError.openForItsAuthor(survey: survey.title, sessionID: id, author: author)
        }
        try database.claimSession(id: id, at: clock.now())
        guard let session = try database.session(id: id) else { throw StoreError.sessionNotFound(id) }
        var ready = try ready(session)
        ready.continued = true
        return ready
    }

    /// `session` as it was left: the stored survey version, its layout and its answers.
    public func ready(_ session: Session) throws -> Ready {
        guard let sessionID = session.id else { throw SessionError.nothingToResume }
        let survey = try storedSurvey(session)
        guard let subject = try database.person(id: session.subjectID) else {
            throw StoreError.sessionNotFound(sessionID)
        }
        let stored = try database.answers(sessionID: sessionID)
        let previous = try stored.filter { !AnswerValue.isSkipMark($0.value) }.map { answer in
            guard let value = AnswerValue(jsonText: answer.value) else {
                throw SessionError.unreadableAnswer(survey: session.surveyID, question: answer.questionID,
                                                    reason: "not an answer this coach can read")
            }
            return (questionID: answer.questionID, value: value)
        }
        var ready = Ready(sessionID: sessionID, survey: survey, subject: subject, phase: session.phase, previous: previous)
        ready.heldAt = session.backfilledAt == nil ? nil : session.startedAt
        ready.skipped = Set(stored.filter { AnswerValue.isSkipMark($0.value) }.map(\.questionID))
        return ready
    }

    /// The survey as `session` showed it: the stored version, with a quiz attempt's layout.
    public func storedSurvey(_ session: Session) throws -> Survey {
        guard let content = try database.surveyContent(hash: session.surveyHash) else {
            throw SessionError.storedVersionUnreadable(survey: session.surveyID, problems: ["the stored survey version is missing"])
        }
        let survey: Survey
        switch SurveyLoader.load(yaml: content, file: "\(session.surveyID) (as started)") {
        case let .success(loaded): survey = loaded
        case let .failure(problems):
            throw SessionError.storedVersionUnreadable(survey: session.surveyID, problems: problems.problems.map(\.description))
        }
        do {
            return try QuizLayout.shown(survey, storedLayout: session.quizLayout)
        } catch {
            throw SessionError.unreadableLayout(sessionID: session.id ?? 0, reason: "\(error)")
        }
    }

    /// Asks `ready`'s questions through `conversation`, storing each answer as it is accepted,
    /// and completes the session when every question that applies is answered or skipped.
    /// If the store file is replaced or removed meanwhile, throws `StoreError.storeReplaced`:
    /// the session stays, unfinished, in the file coach opened.
    /// `feedback` is shown after each accepted answer (a quiz's immediate feedback).
    public func run(_ ready: Ready, conversation: any Conversation,
                    feedback: ((Question, AnswerValue) -> String?)? = nil) throws -> Ended {
        // A back-filled session is asked as on its day: due dates, the meeting's month and header.
        let today = ready.heldAt ?? clock.now()
        var options = SessionOptions(today: today, feedback: feedback)
        if ready.survey.kind == .oneOnOne {
            options.meeting = try StoreMeetingSource(database: database, subject: ready.subject,
                                                     template: ready.survey, today: today)
        }
        let recorder = StoreRecorder(database: database, sessionID: ready.sessionID, clock: clock)
        let engine = SessionEngine(survey: ready.survey, previous: ready.previous, skipped: ready.skipped,
                                   conversation: conversation,
                                   recorder: recorder, options: options)
        switch engine.run() {
        case .completed:
            return .completed(try complete(sessionID: ready.sessionID, survey: ready.survey, phase: ready.phase,
                                           answers: engine.effectiveAnswers, heldAt: ready.heldAt))
        case .paused:
            try database.pauseSession(id: ready.sessionID, at: clock.now())
            return .paused(answers: engine.answers.count)
        case let .failed(message):
            // A replaced store file is not a failed save to resume from: the session stays in
            // the file coach opened, and only a new coach sees the file now at the path.
            if let replaced = recorder.replaced { throw replaced }
            throw SessionError.answerNotSaved(message)
        }
    }

    /// Completes a session whose questions are all answered: scores, effects and weekly
    /// aggregates in one transaction. If that fails, the session is paused with every answer
    /// kept, and the error says so. A back-filled session completes at `heldAt`, on its day,
    /// after every ended week's team numbers are frozen: it never changes a week already ended.
    public func complete(sessionID: Int64, survey: Survey, phase: SessionPhase?,
                         answers: [String: AnswerValue], heldAt: Date? = nil) throws -> CompletedSession {
        do {
            if heldAt != nil { try database.freezeEndedWeeks(now: clock.now()) }
            let now = heldAt ?? clock.now()
            let completed = try CompletedSession(survey: survey, phase: phase, answers: answers, completedAt: now)
            try database.completeSession(id: sessionID, scored: completed.scored, effects: completed.effects, at: now)
            return completed
        } catch let error as StoreError where error.isStoreReplaced {
            throw error  // nothing more can be written to the file coach opened
        } catch {
            // The answers are stored; pausing only marks the session for `resume`. If even that
            // fails, the session stays in progress, which `resume` also continues.
            do { try database.pauseSession(id: sessionID, at: clock.now()) } catch {}
            throw SessionError.completionFailed(survey: survey.title, reason: "\(error)")
        }
    }

    /// A past session to import (the demo, a migration), scored and read by the same rules as a
    /// session completed in the shell.
    public static func importable(survey: Survey, answers: [String: AnswerValue], imported: [ImportedAnswer],
                                  subjectID: Int64, authorID: Int64, phase: SessionPhase? = nil, periodKey: String?,
                                  startedAt: Date, completedAt: Date, calendar: Calendar = .current) throws -> CompletedSessionInput {
        let completed = try CompletedSession(survey: survey, phase: phase, answers: answers, completedAt: completedAt,
                                             calendar: calendar)
        return CompletedSessionInput(
            surveyID: survey.id, surveyHash: survey.contentHash, kind: survey.kind.rawValue,
            subjectID: subjectID, authorID: authorID, phase: phase, periodKey: periodKey,
            startedAt: startedAt, completedAt: completedAt, answers: imported, scored: completed.scored,
            effects: completed.effects)
    }
}

/// What completing a session stored: its scores as the one rule computed them, its effects,
/// and the answers they came from.
public struct CompletedSession {
    public let scored: ScoredSession
    public let effects: SessionEffects
    public let answers: [String: AnswerValue]

    /// Days after a passed post-training quiz that "Applying QUIZ on the job" comes up in the
    /// rep's one-on-one (Kirkpatrick level 3: behaviour, checked on the job).
    public static let trainingFollowUpDays = 30

    /// Applies the rules to a finished session's answers: scores, the meeting's effects, and
    /// after a passed `post` attempt the training follow-up on the rep's agenda.
    public init(survey: Survey, phase: SessionPhase?, answers: [String: AnswerValue], completedAt: Date,
                calendar: Calendar = .current) throws {
        scored = ScoredSession(survey: survey, answers: answers)
        var effects = try SessionEffects(survey: survey, answers: answers)
        if phase == .post, scored.quiz?.passed == true {
            let day = calendar.date(byAdding: .day, value: Self.trainingFollowUpDays, to: completedAt) ?? completedAt
            effects.followUps.append(.init(text: Self.followUpText(quiz: survey.title),
                                           notBefore: DateAnswer.iso(day, calendar: calendar)))
        }
        self.effects = effects
        self.answers = answers
    }

    /// The agenda topic a passed post-training quiz leaves.
    public static func followUpText(quiz title: String) -> String { "Applying \(title) on the job" }
}
