import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// The rules against races between coach processes, as the local store has them, for people on
/// many machines: one live check-in per person, survey and period; one open attempt per quiz and
/// person, within its attempt limit; each open session held by one connection at a time.
///
/// A session is held by a server connection (`claimed_by` is `token|backend pid|backend start`):
/// when coach ends, crashes or loses its network, its server process ends too, and the session
/// may be resumed from anywhere. The token lets this process take its own session back after
/// a reconnect.
///
/// A write that meets a lost connection is tried once more on a new connection
/// (`reconnecting`): storing an answer again stores the same answer, and a completion that
/// turns out to have committed is not done twice.
extension OrgDatabase {
    /// Who runs which survey about whom: the local store's rules, which the policy on
    /// `coach.session` enforces again inside the database.
    public func sessionSubject(kind: SurveyKind, authorName: String, subjectName: String?) throws -> (author: Person, subject: Person) {
        let author = try me()
        let subject = try subjectName.map(existingPerson) ?? author
        try AppDatabase.checkSessionRule(kind: kind, author: author, subject: subject)
        return (author, subject)
    }

    /// This connection's claim text, asked of the server once per connection.
    func claimText() throws -> String {
        if let connectionClaim, connectionClaim.generation == connection.generation { return connectionClaim.text }
        let row = try connection.query("""
            SELECT pg_backend_pid(), (SELECT (extract(epoch FROM backend_start) * 1000000)::bigint
                                      FROM pg_stat_activity WHERE pid = pg_backend_pid())
            """).first
        guard let (pid, started) = try row?.decode((Int32, Int64?).self) else {
            throw StoreError.database("the server did not say which process serves this connection")
        }
        let claim = "\(claimToken)|\(pid)|\(started ?? 0)"
        connectionClaim = (connection.generation, claim)
        return claim
    }

    /// Who holds a session open, when a live connection other than this process's does:
    /// "another coach connected as LOGIN (server process N)".
    func otherClaimant(of claim: String?) throws -> String? {
        guard let claim else { return nil }
        let parts = claim.split(separator: "|").map(String.init)
        guard parts.count == 3, parts[0] != claimToken, let pid = Int32(parts[1]), let started = Int64(parts[2]) else { return nil }
        let alive = try connection.query("""
            SELECT usename FROM pg_stat_activity
            WHERE pid = \(pid) AND (extract(epoch FROM backend_start) * 1000000)::bigint = \(started)
            """).first
        guard let alive else { return nil }
        let login = (try? alive.decode(String?.self)) ?? nil
        return "another coach connected as \(login ?? connection.address.user) (server process \(pid))"
    }

    /// The open session `id`, held by this connection from now on; `sessionTaken` while another
    /// live connection holds it.
    @discardableResult
    func claimOpenSession(_ id: Int64) throws -> Session {
        let open = try openSession(id)
        if let other = try otherClaimant(of: open.claim) { throw StoreError.sessionTaken(id: id, by: other) }
        let mine = try claimText()
        if open.claim != mine {
            try connection.query("UPDATE coach.session SET claimed_by = \(mine) WHERE id = \(id)")
        }
        return open.session
    }

    /// The session and its claim, or `sessionNotFound` / `sessionClosed` unless it is open. A
    /// session the login may not see is, to them, no session at all.
    func openSession(_ id: Int64) throws -> (session: Session, claim: String?) {
        guard let found = try connection.query("\(unescaped: Self.sessionColumns) WHERE id = \(id)").first
            .map(Self.claimedSession) else { throw StoreError.sessionNotFound(id) }
        guard found.session.state == .inProgress || found.session.state == .paused else {
            throw StoreError.sessionClosed(id: id, state: found.session.state)
        }
        return found
    }

    /// The local store's `checkStart`: refuses a second open check-in for the period or a second
    /// open quiz attempt (`sessionOpen`), a period already done unless amending it
    /// (`periodTaken`), and an attempt beyond the limit; returns the session the new one amends.
    func checkStart(surveyID: String, kind: String, subjectID: Int64, periodKey: String?, supersedes: Int64?,
                    amendingDone: Bool, attemptLimit: Int?) throws -> Int64? {
        var amends = supersedes
        if let periodKey, ["check-in", "self-assessment"].contains(kind) {
            // The period's sessions in one query (the partial unique index finds them), then
            // along the chain of amendments, each amending the one before.
            var amending: [Int64: [(id: Int64, state: String, claim: String?)]] = [:]  // by the id amended, newest first
            for row in try connection.query("""
                SELECT id, state, claimed_by, coalesce(supersedes_id, 0) FROM coach.session
                WHERE subject_id = \(subjectID) AND survey_id = \(surveyID) AND period_key = \(periodKey)
                  AND kind IN ('check-in', 'self-assessment') AND state <> 'abandoned' ORDER BY id DESC
                """) {
                let (id, state, claim, amended) = try row.decode((Int64, String, String?, Int64).self)
                amending[amended, default: []].append((id, state, claim))
            }
            while true {
                let rows = amending[amends ?? 0] ?? []
                if let open = rows.first(where: { $0.state != SessionState.completed.rawValue }) {
                    throw StoreError.sessionOpen(id: open.id, survey: surveyID, claimedBy: try otherClaimant(of: open.claim))
                }
                guard let done = rows.first else { break }
                guard amendingDone else { throw StoreError.periodTaken(survey: surveyID, period: periodKey, id: done.id) }
                amends = done.id
            }
        }
        // One open quiz attempt per person, and one open one-on-one per rep (as on the local store).
        guard kind == "quiz" || kind == "one-on-one" else { return amends }
        if let open = try connection.query("""
            SELECT id, claimed_by FROM coach.session WHERE subject_id = \(subjectID) AND survey_id = \(surveyID)
              AND kind = \(kind) AND state IN ('in_progress', 'paused') ORDER BY id DESC LIMIT 1
            """).first.map({ try $0.decode((Int64, String?).self) }) {
            throw StoreError.sessionOpen(id: open.0, survey: surveyID, claimedBy: try otherClaimant(of: open.1))
        }
        guard kind == "quiz" else { return amends }
        if let attemptLimit, try completedAttempts(surveyID: surveyID, subjectID: subjectID, except: nil) >= attemptLimit {
            throw StoreError.attemptLimitReached(survey: surveyID, allowed: attemptLimit)
        }
        return amends
    }

    /// Refuses to complete a quiz attempt beyond the limit it started with.
    func checkAttemptLimit(_ session: Session) throws {
        guard session.kind == "quiz", let id = session.id, let limit = session.attemptLimit,
              try completedAttempts(surveyID: session.surveyID, subjectID: session.subjectID, except: id) >= limit
        else { return }
        throw StoreError.attemptLimitReached(survey: session.surveyID, allowed: limit)
    }

    private func completedAttempts(surveyID: String, subjectID: Int64, except id: Int64?) throws -> Int {
        try connection.query("""
            SELECT count(*)::int FROM coach.session WHERE subject_id = \(subjectID) AND survey_id = \(surveyID)
              AND kind = 'quiz' AND state = 'completed' AND id <> \(id ?? -1)
            """).first?.decode(Int.self) ?? 0
    }

    /// Runs a session write, and once more on a new connection when the connection was lost
    /// while it ran (the server restarted, the network dropped): the write either committed or
    /// did not, and doing it again gives the same result. When the server stays away,
    /// `cannotReconnect` says so; every answer acknowledged before is kept.
    func reconnecting<T>(_ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch OrgStoreError.connectionLost {
            try connection.reconnect()
            return try write()
        }
    }

    /// A session write in one transaction, with the database's refusals in the local store's
    /// words, tried once more on a new connection when the connection was lost (`reconnecting`).
    func sessionWrite<T>(_ body: () throws -> T) throws -> T {
        try reconnecting { try refusalsAsStoreErrors { try connection.transaction(body) } }
    }
}
