import CoachScoring
import Foundation
import GRDB

/// Sessions for the survey engine: every answer is stored in its own transaction as it is
/// given; scores are stored once, when the session completes.
extension AppDatabase {
    /// Remembers the exact survey content a session starts with (no-op if the hash is known).
    public func recordSurveyVersion(surveyID: String, hash: String, content: String,
                                    at now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO survey_version (hash, survey_id, content, first_seen_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING
                """, arguments: [hash, surveyID, content, now])
        }
    }

    /// The survey content recorded under `hash`, if any.
    public func surveyContent(hash: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT content FROM survey_version WHERE hash = ?",
                                arguments: [hash])
        }
    }

    /// Starts an in-progress session, claimed by this process, and returns its id. The survey
    /// version must be recorded first (`recordSurveyVersion`). Refused when it would race a
    /// session already there (`checkStart`): the same check-in period, the quiz's open attempt,
    /// or a quiz attempt beyond `attemptLimit`. With `amendingDone`, a check-in whose period is
    /// done already amends the newest session of the period instead (see `Session.supersedesID`).
    /// A back-filled session (`--on DATE`) starts `at` its day and keeps `backfilledAt`.
    public func startSession(surveyID: String, surveyHash: String, kind: String,
                             subjectID: Int64, authorID: Int64, phase: SessionPhase? = nil,
                             periodKey: String? = nil, supersedes: Int64? = nil, amendingDone: Bool = false,
                             quizLayout: String? = nil, attemptLimit: Int? = nil, draft: Bool = false,
                             backfilledAt: Date? = nil, at now: Date = Date()) throws -> Int64 {
        try write { db in
            let amends = try checkStart(surveyID: surveyID, kind: kind, subjectID: subjectID, periodKey: periodKey,
                                        supersedes: supersedes, amendingDone: amendingDone, attemptLimit: attemptLimit, db)
            var session = Session(
                id: nil, surveyID: surveyID, surveyHash: surveyHash, kind: kind,
                subjectID: subjectID, authorID: authorID, startedAt: now, updatedAt: now,
                completedAt: nil, state: .inProgress, phase: phase, supersedesID: amends,
                quizLayout: quizLayout, periodKey: periodKey, attemptLimit: attemptLimit, draft: draft,
                backfilledAt: backfilledAt, claimedBy: claim.text)
            try session.insert(db)
            return db.lastInsertedRowID
        }
    }

    /// Stores (or replaces, after `:back`) the answer to `questionID`, in its own transaction.
    /// A paused session becomes in progress again. Only the process that has the session open
    /// stores its answers (`sessionTaken` otherwise).
    public func saveAnswer(sessionID: Int64, questionID: String, valueJSON: String,
                           isPrivate: Bool, position: Int, at now: Date = Date()) throws {
        try write { db in
            try claimOpenSession(sessionID, db)
            try db.execute(sql: """
                INSERT INTO answer (session_id, question_id, value, is_private, position, answered_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (session_id, question_id) DO UPDATE SET
                    value = excluded.value, is_private = excluded.is_private,
                    position = excluded.position, answered_at = excluded.answered_at
                """, arguments: [sessionID, questionID, valueJSON, isPrivate, position, now])
            try Self.touch(sessionID, state: .inProgress, at: now, db)
        }
    }

    /// Removes the answer to `questionID` (`:back` then `:skip`).
    public func deleteAnswer(sessionID: Int64, questionID: String, at now: Date = Date()) throws {
        try write { db in
            try claimOpenSession(sessionID, db)
            try Answer.filter(Answer.Columns.sessionID == sessionID && Answer.Columns.questionID == questionID)
                .deleteAll(db)
            try Self.touch(sessionID, state: .inProgress, at: now, db)
        }
    }

    /// The session's answers, in the order asked.
    public func answers(sessionID: Int64) throws -> [Answer] {
        try read { db in
            try Answer.filter(Answer.Columns.sessionID == sessionID)
                .order(Answer.Columns.position, Column("id"))
                .fetchAll(db)
        }
    }

    /// Marks an open session paused and lets go of this process's claim on it; every answer
    /// given so far is already stored. A session another running process holds is left alone.
    public func pauseSession(id: Int64, at now: Date = Date()) throws {
        try write { db in
            guard otherClaimant(of: try Self.openSession(id, db)) == nil else { return }
            try Self.touch(id, state: .paused, at: now, db)
            try releaseClaim(id, db)
        }
    }

    /// Abandons open session `id` for good: it keeps its answers but is never resumed, scored
    /// or counted, and a new one may start in its place. Its author alone may, and not while
    /// another running coach process has it open.
    public func abandonSession(id: Int64, authorID: Int64, at now: Date) throws {
        try write { db in
            let session = try Self.openSession(id, db)
            guard session.authorID == authorID else { throw StoreError.notYourSession(id) }
            if let other = otherClaimant(of: session) { throw StoreError.sessionTaken(id: id, by: other.description) }
            try db.execute(sql: "UPDATE session SET state = ?, updated_at = ?, claimed_by = NULL WHERE id = ?",
                           arguments: [SessionState.abandoned, now, id])
        }
    }

    /// Completes a session in one transaction: applies its effects (one-on-one decisions, new
    /// action and agenda items, KPI actuals), stores its scores (and quiz marks) as the one
    /// scoring rule computed them, updates the weekly aggregates, sets `completed_at` and the
    /// state. Refuses a session already completed or abandoned.
    public func completeSession(id: Int64, scored: ScoredSession, effects: SessionEffects = SessionEffects(),
                                at now: Date = Date()) throws {
        try completeSession(id: id, scores: scored.scoreRows, marks: scored.markRows, effects: effects, at: now)
    }

    /// `completeSession` with rows as given: for tests that plant scores.
    func completeSession(id: Int64, scores: [ScoreRow], marks: [MarkRow] = [],
                         effects: SessionEffects = SessionEffects(), at now: Date = Date()) throws {
        try write { db in
            let session = try claimOpenSession(id, db)
            try checkAttemptLimit(session, db)
            // A draft (a survey the organisation has not published) touches nobody else's data.
            if !session.draft {
                try Self.apply(effects, session: session, at: now, db)
            }
            for row in scores {
                try Score(sessionID: id, scoreID: row.scoreID, value: row.value,
                          band: row.band, alert: row.alert, bandPrivate: row.bandPrivate).upsert(db)
            }
            for row in marks {
                try QuestionMark(sessionID: id, questionID: row.questionID, mark: row.mark,
                                 maxMark: row.maxMark).upsert(db)
            }
            try db.execute(sql: """
                UPDATE session SET state = ?, completed_at = ?, updated_at = ?, claimed_by = NULL WHERE id = ?
                """, arguments: [SessionState.completed, now, now, id])
            try WeeklyScores.sessionCompleted(id, db, calendar: calendar)
        }
    }

    /// Freezes every week that has ended everywhere at `now` (`TeamWeeks`), as team trends do
    /// on their next read.
    public func freezeEndedWeeks(now: Date) throws {
        guard let lastEnded = TeamWeeks.lastEnded(now: now, calendar: calendar) else { return }
        try write { db in try TeamWeeks.freeze(through: lastEnded, db) }
    }

    /// The author's latest interrupted (in-progress or paused) session that no other running
    /// coach process has open, if any; `sessionTaken` when every such session is open elsewhere.
    public func resumableSession(authorID: Int64) throws -> Session? {
        let open = try openSessions(authorID: authorID)
        if let free = open.first(where: { otherClaimant(of: $0) == nil }) { return free }
        if let latest = open.first, let id = latest.id, let other = otherClaimant(of: latest) {
            throw StoreError.sessionTaken(id: id, by: other.description)
        }
        return nil
    }

    /// The author's in-progress and paused sessions, newest first.
    public func openSessions(authorID: Int64) throws -> [Session] {
        try read { db in
            try Session
                .filter(Session.Columns.authorID == authorID)
                .filter([SessionState.inProgress, .paused].contains(Session.Columns.state))
                .order(Session.Columns.updatedAt.desc, Session.Columns.id.desc)
                .fetchAll(db)
        }
    }

    /// The session with this id, if any.
    public func session(id: Int64) throws -> Session? {
        try read { db in try Session.fetchOne(db, key: id) }
    }

    /// The scores stored with a completed session, by score id.
    public func scores(sessionID: Int64) throws -> [Score] {
        try read { db in
            try Score.filter(Score.Columns.sessionID == sessionID).order(Score.Columns.scoreID).fetchAll(db)
        }
    }

    // MARK: - Helpers

    private static func touch(_ id: Int64, state: SessionState, at now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE session SET state = ?, updated_at = ? WHERE id = ?",
                       arguments: [state, now, id])
    }
}
