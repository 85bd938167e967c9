import Foundation
import GRDB

/// The store's rules against races between coach processes: one live check-in per person,
/// survey and period; one open attempt per quiz and person, within the quiz's attempt limit;
/// and each open session claimed by one process, the only one that stores its answers.
extension AppDatabase {
    /// Claims session `id` for this process (a `resume`): refused while another running coach
    /// process has it open; a claim left by a process that has ended is taken over.
    public func claimSession(id: Int64, at now: Date = Date()) throws {
        try write { db in
            try claimOpenSession(id, db)
            try db.execute(sql: "UPDATE session SET state = ?, updated_at = ? WHERE id = ?",
                           arguments: [SessionState.inProgress, now, id])
        }
    }

    /// The open session `id`, claimed for this process if it was free or its claimant has ended;
    /// `sessionTaken` while another running process holds it.
    @discardableResult
    func claimOpenSession(_ id: Int64, _ db: Database) throws -> Session {
        let session = try Self.openSession(id, db)
        if let other = otherClaimant(of: session) { throw StoreError.sessionTaken(id: id, by: other.description) }
        if session.claimedBy != claim.text {
            try db.execute(sql: "UPDATE session SET claimed_by = ? WHERE id = ?", arguments: [claim.text, id])
        }
        return session
    }

    /// Lets go of session `id` if this process holds it (paused or completed).
    func releaseClaim(_ id: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE session SET claimed_by = NULL WHERE id = ? AND claimed_by = ?",
                       arguments: [id, claim.text])
    }

    /// Who holds `session` open, when a running process other than this one does.
    func otherClaimant(of session: Session) -> SessionClaim? {
        guard let holder = session.claimedBy, holder != claim.text, let other = SessionClaim(text: holder), other.isAlive
        else { return nil }
        return other
    }

    /// Who holds session `id` open, when a running process other than this one does.
    func otherClaimant(of id: Int64, _ db: Database) throws -> SessionClaim? {
        try Session.fetchOne(db, key: id).flatMap(otherClaimant(of:))
    }

    /// Refuses to start a session that would race one already there: an open session for the
    /// same person, survey and period (or the quiz's open attempt, or the rep's open one-on-one)
    /// is `sessionOpen`, a completed
    /// one for the period that this one does not amend is `periodTaken` (or, when
    /// `amendingDone`, amended: the newest amendment of the period's session), and a quiz attempt
    /// beyond `attemptLimit` is `attemptLimitReached`. The unique index `session_one_per_period`
    /// backs the first two. Returns the session the new one amends.
    func checkStart(surveyID: String, kind: String, subjectID: Int64, periodKey: String?, supersedes: Int64?,
                    amendingDone: Bool, attemptLimit: Int?, _ db: Database) throws -> Int64? {
        var amends = supersedes
        if let periodKey, ["check-in", "self-assessment"].contains(kind) {
            while true {  // along the chain of amendments, each amending the one before
                let rows = try Row.fetchAll(db, sql: """
                    SELECT id, state FROM session WHERE subject_id = ? AND survey_id = ? AND period_key = ?
                      AND IFNULL(supersedes_id, 0) = ? AND state <> 'abandoned' ORDER BY id DESC
                    """, arguments: [subjectID, surveyID, periodKey, amends ?? 0])
                if let open = rows.first(where: { ($0[1] as String) != SessionState.completed.rawValue }) {
                    throw StoreError.sessionOpen(id: open[0], survey: surveyID, claimedBy: try otherClaimant(of: open[0], db)?.description)
                }
                guard let done = rows.first else { break }
                guard amendingDone else { throw StoreError.periodTaken(survey: surveyID, period: periodKey, id: done[0]) }
                amends = done[0]
            }
        }
        // One open quiz attempt per person, and one open one-on-one per rep: a second start
        // continues it rather than leaving two paused side by side.
        guard kind == "quiz" || kind == "one-on-one" else { return amends }
        if let open = try Int64.fetchOne(db, sql: """
            SELECT id FROM session WHERE subject_id = ? AND survey_id = ? AND kind = ?
              AND state IN ('in_progress', 'paused') ORDER BY id DESC LIMIT 1
            """, arguments: [subjectID, surveyID, kind]) {
            throw StoreError.sessionOpen(id: open, survey: surveyID, claimedBy: try otherClaimant(of: open, db)?.description)
        }
        guard kind == "quiz" else { return amends }
        if let attemptLimit, try completedAttempts(surveyID: surveyID, subjectID: subjectID, except: nil, db) >= attemptLimit {
            throw StoreError.attemptLimitReached(survey: surveyID, allowed: attemptLimit)
        }
        return amends
    }

    /// Refuses to complete a quiz attempt beyond the limit it started with.
    func checkAttemptLimit(_ session: Session, _ db: Database) throws {
        guard session.kind == "quiz", let id = session.id, let limit = session.attemptLimit,
              try completedAttempts(surveyID: session.surveyID, subjectID: session.subjectID, except: id, db) >= limit
        else { return }
        throw StoreError.attemptLimitReached(survey: session.surveyID, allowed: limit)
    }

    private func completedAttempts(surveyID: String, subjectID: Int64, except id: Int64?, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM session WHERE subject_id = ? AND survey_id = ? AND kind = 'quiz'
              AND state = 'completed' AND id <> ?
            """, arguments: [subjectID, surveyID, id ?? -1]) ?? 0
    }

    /// The session, or `sessionNotFound` / `sessionClosed` unless it is in progress or paused.
    @discardableResult
    static func openSession(_ id: Int64, _ db: Database) throws -> Session {
        guard let session = try Session.fetchOne(db, key: id) else { throw StoreError.sessionNotFound(id) }
        guard session.state == .inProgress || session.state == .paused else {
            throw StoreError.sessionClosed(id: id, state: session.state)
        }
        return session
    }
}
