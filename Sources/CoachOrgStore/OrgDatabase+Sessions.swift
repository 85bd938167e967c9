import CoachCore
import CoachScoring
import CoachStore
import Foundation
import PostgresNIO

/// Sessions on the organisation store, as on the local one: each answer committed in its own
/// transaction before the next question is asked; scores, marks and effects committed together
/// when the session completes. The policies on `session`, `answer` and `score` let only a
/// session's author write to it, and only while it is open.
extension OrgDatabase {
    public func recordSurveyVersion(surveyID: String, hash: String, content: String, at now: Date) throws {
        try connection.query("""
            INSERT INTO coach.survey_version (hash, survey_id, content, first_seen_at)
            VALUES (\(hash), \(surveyID), \(content), \(now)) ON CONFLICT (hash) DO NOTHING
            """)
    }

    public func surveyContent(hash: String) throws -> String? {
        try connection.query("SELECT content FROM coach.survey_version WHERE hash = \(hash)").first?.decode(String.self)
    }

    public func startSession(surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
                             phase: SessionPhase?, periodKey: String?, supersedes: Int64?, amendingDone: Bool,
                             quizLayout: String?, attemptLimit: Int?, draft: Bool, backfilledAt: Date? = nil,
                             at now: Date) throws -> Int64 {
        try reconnecting {
            try start(surveyID: surveyID, surveyHash: surveyHash, kind: kind, subjectID: subjectID, authorID: authorID,
                      phase: phase, periodKey: periodKey, supersedes: supersedes, amendingDone: amendingDone,
                      quizLayout: quizLayout, attemptLimit: attemptLimit, draft: draft, backfilledAt: backfilledAt, at: now)
        }
    }

    private func start(surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
                       phase: SessionPhase?, periodKey: String?, supersedes: Int64?, amendingDone: Bool,
                       quizLayout: String?, attemptLimit: Int?, draft: Bool, backfilledAt: Date?, at now: Date) throws -> Int64 {
        let claim = try claimText()
        return try refusalsAsStoreErrors {
            try connection.transaction {
                // Two starts for one person at once (two machines) wait for each other here.
                try connection.query("SELECT pg_advisory_xact_lock(\(subjectID))")
                let amends = try checkStart(surveyID: surveyID, kind: kind, subjectID: subjectID, periodKey: periodKey,
                                            supersedes: supersedes, amendingDone: amendingDone, attemptLimit: attemptLimit)
                try connection.query("""
                    INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                      state, phase, supersedes_id, quiz_layout, period_key, attempt_limit, draft, claimed_by, backfilled_at)
                    VALUES (\(surveyID), \(surveyHash), \(kind), \(subjectID), \(authorID), \(now), \(now), 'in_progress',
                      \(phase?.rawValue), \(amends), \(quizLayout), \(periodKey), \(attemptLimit), \(draft), \(claim),
                      \(backfilledAt))
                    """)
                // Not `RETURNING`: the read policy cannot see a row its own statement inserts.
                let rows = try connection.query("SELECT currval(pg_get_serial_sequence('coach.session', 'id'))")
                guard let id = try rows.first?.decode(Int64?.self) else {
                    throw StoreError.database("the session just started cannot be read back")
                }
                return id
            }
        }
    }

    public func claimSession(id: Int64, at now: Date) throws {
        try sessionWrite {
            try claimOpenSession(id)
            try connection.query("UPDATE coach.session SET state = 'in_progress', updated_at = \(now) WHERE id = \(id)")
        }
    }

    public func saveAnswer(sessionID: Int64, questionID: String, valueJSON: String, isPrivate: Bool, position: Int,
                           at now: Date) throws {
        let store = {
            try self.connection.query("""
                SELECT coach.save_answer(\(sessionID), \(try self.claimText()), \(questionID), \(valueJSON), \(isPrivate),
                                         \(position)::integer, \(now))
                """).first?.decode(Bool.self) == true
        }
        // The usual case in one call, one round trip and one commit: the session is open and
        // held by this connection (or by no one). Anything else takes the path below, which
        // says why it cannot (taken elsewhere, closed, not found) or takes over a stale claim.
        guard try !reconnecting({ try refusalsAsStoreErrors(store) }) else { return }
        try sessionWrite {
            try claimOpenSession(sessionID)
            guard try store() else { throw StoreError.database("the answer to \(questionID) could not be stored") }
        }
    }

    public func deleteAnswer(sessionID: Int64, questionID: String, at now: Date) throws {
        try sessionWrite {
            try claimOpenSession(sessionID)
            try connection.query("DELETE FROM coach.answer WHERE session_id = \(sessionID) AND question_id = \(questionID)")
            try touch(sessionID, state: .inProgress, at: now)
        }
    }

    public func answers(sessionID: Int64) throws -> [Answer] {
        try connection.query("""
            SELECT id, session_id, question_id, value, is_private, position, answered_at FROM coach.answer
            WHERE session_id = \(sessionID) ORDER BY position, id
            """).map { row in
            let (id, session, question, value, isPrivate, position, answered) =
                try row.decode((Int64, Int64, String, String, Bool, Int, Date).self)
            return Answer(id: id, sessionID: session, questionID: question, value: value, isPrivate: isPrivate,
                          position: position, answeredAt: answered)
        }
    }

    public func pauseSession(id: Int64, at now: Date) throws {
        try sessionWrite {
            let open = try openSession(id)
            guard try otherClaimant(of: open.claim) == nil else { return }
            try connection.query("""
                UPDATE coach.session SET state = 'paused', updated_at = \(now), claimed_by = NULL WHERE id = \(id)
                """)
        }
    }

    public func abandonSession(id: Int64, authorID: Int64, at now: Date) throws {
        try sessionWrite {
            let open = try openSession(id)
            guard open.session.authorID == authorID else { throw StoreError.notYourSession(id) }
            if let other = try otherClaimant(of: open.claim) { throw StoreError.sessionTaken(id: id, by: other) }
            try connection.query("""
                UPDATE coach.session SET state = 'abandoned', updated_at = \(now), claimed_by = NULL WHERE id = \(id)
                """)
        }
    }

    public func completeSession(id: Int64, scored: ScoredSession, effects: SessionEffects, at now: Date) throws {
        do {
            try complete(id: id, scored: scored, effects: effects, at: now)
        } catch OrgStoreError.connectionLost {
            try connection.reconnect()
            // The commit may have reached the server before the connection broke: then it is done.
            if try session(id: id)?.state == .completed { return }
            try complete(id: id, scored: scored, effects: effects, at: now)
        }
    }

    private func complete(id: Int64, scored: ScoredSession, effects: SessionEffects, at now: Date) throws {
        try refusalsAsStoreErrors {
            try connection.transaction {
                let session = try claimOpenSession(id)
                try checkAttemptLimit(session)
                // A draft (a survey the organisation has not published) touches nobody else's data.
                if !session.draft { try apply(effects, session: session, at: now) }
                // An open session has no scores or marks yet: they are written once, here.
                for (position, score) in scored.scores.enumerated() {
                    try connection.query("""
                        INSERT INTO coach.score (session_id, score_id, value, band, alert, band_private, position)
                        VALUES (\(id), \(score.scoreID), \(score.value), \(score.band), \(score.alert), \(score.bandPrivate),
                                \(position))
                        """)
                }
                for mark in scored.marks {
                    try connection.query("""
                        INSERT INTO coach.question_mark (session_id, question_id, mark, max_mark)
                        VALUES (\(id), \(mark.questionID), \(mark.mark), \(mark.maxMark))
                        """)
                }
                try connection.query("""
                    UPDATE coach.session SET state = 'completed', completed_at = \(now), updated_at = \(now), claimed_by = NULL
                    WHERE id = \(id)
                    """)
            }
        }
    }

    /// Freezes every ended week's team numbers on the server's clock (`coach.freeze_ended_weeks`;
    /// completing a back-filled session does so again, in the database, whoever completes it).
    public func freezeEndedWeeks(now: Date) throws {
        _ = try reconnecting { try connection.query("SELECT coach.freeze_ended_weeks()::text") }
    }

    public func openSessions(authorID: Int64) throws -> [Session] {
        try openClaimedSessions(authorID: authorID).map(\.session)
    }

    private func openClaimedSessions(authorID: Int64) throws -> [(session: Session, claim: String?)] {
        try connection.query("""
            \(unescaped: Self.sessionColumns) WHERE author_id = \(authorID) AND state IN ('in_progress', 'paused')
            ORDER BY updated_at DESC, id DESC
            """).map(Self.claimedSession)
    }

    public func resumableSession(authorID: Int64) throws -> Session? {
        let open = try openClaimedSessions(authorID: authorID)
        for candidate in open where try otherClaimant(of: candidate.claim) == nil { return candidate.session }
        if let latest = open.first, let id = latest.session.id, let other = try otherClaimant(of: latest.claim) {
            throw StoreError.sessionTaken(id: id, by: other)
        }
        return nil
    }

    public func session(id: Int64) throws -> Session? {
        try connection.query("\(unescaped: Self.sessionColumns) WHERE id = \(id)").first.map(Self.claimedSession)?.session
    }

    /// The stored scores of a session the login may see; a band at its support level and the
    /// alert flag only when the session is about them (`coach.visible_score`).
    public func scores(sessionID: Int64) throws -> [Score] {
        try connection.query("""
            SELECT session_id, score_id, value, band, alert, band_private FROM coach.visible_score
            WHERE session_id = \(sessionID) ORDER BY score_id
            """).map { row in
            let (session, score, value, band, alert, bandPrivate) = try row.decode((Int64, String, Double?, String?, Bool, Bool).self)
            return Score(sessionID: session, scoreID: score, value: value, band: band, alert: alert, bandPrivate: bandPrivate)
        }
    }

    private func touch(_ id: Int64, state: SessionState, at now: Date) throws {
        try connection.query("UPDATE coach.session SET state = \(state.rawValue), updated_at = \(now) WHERE id = \(id)")
    }

    // MARK: - Rows

    static let sessionColumns = """
        SELECT id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, completed_at, state,
               phase, supersedes_id, quiz_layout, period_key, attempt_limit, draft, claimed_by, backfilled_at FROM coach.session
        """

    /// A row of `sessionColumns`: the session and who holds it open.
    static func claimedSession(_ row: PostgresRow) throws -> (session: Session, claim: String?) {
        let cells = row.makeRandomAccess()
        func value<T: PostgresDecodable>(_ name: String, _ type: T.Type) throws -> T { try cells[name].decode(T.self) }
        let state = try value("state", String.self), phase = try value("phase", String?.self)
        var session = Session(
            id: try value("id", Int64.self), surveyID: try value("survey_id", String.self),
            surveyHash: try value("survey_hash", String.self), kind: try value("kind", String.self),
            subjectID: try value("subject_id", Int64.self), authorID: try value("author_id", Int64.self),
            startedAt: try value("started_at", Date.self), updatedAt: try value("updated_at", Date.self),
            completedAt: try value("completed_at", Date?.self), state: SessionState(rawValue: state) ?? .abandoned,
            phase: phase.flatMap(SessionPhase.init(rawValue:)), supersedesID: try value("supersedes_id", Int64?.self),
            quizLayout: try value("quiz_layout", String?.self), periodKey: try value("period_key", String?.self),
            attemptLimit: try value("attempt_limit", Int?.self), draft: try value("draft", Bool.self))
        session.backfilledAt = try value("backfilled_at", Date?.self)
        return (session, try value("claimed_by", String?.self))
    }
}
