import CoachCore
import CoachScoring
import Foundation
import GRDB

extension AppDatabase {
    /// Completed sessions whose stored score rows differ from what the scoring rule gives for
    /// their stored answers and survey version (value, band, alert or private band): a store written by an
    /// older or faulty path. Sessions whose version is not recorded or no longer loads are skipped.
    static func rescoreProblems(_ db: Database) throws -> String? {
        let differing = try differingScores(db).map(\.sessionID)
        guard !differing.isEmpty else { return nil }
        return "\(differing.count) completed session\(differing.count == 1 ? "" : "s") whose stored scores differ from their answers: "
            + differing.prefix(10).map { "#\($0)" }.joined(separator: ", ") + (differing.count > 10 ? ", ..." : "")
            + "; 'check --repair' stores them as the answers score"
    }

    /// Replaces the score rows of every completed session whose stored scores differ from its
    /// answers with the rows the scoring rule gives (`check --repair`), and rebuilds the weekly
    /// aggregates they feed. Answers are never changed. Returns how many sessions were rescored.
    public func rescoreDifferingSessions() throws -> Int {
        try write { db in
            let rescored = try Self.rescore(db)
            if rescored > 0 { try WeeklyScores.rebuild(db, calendar: calendar) }
            return rescored
        }
    }

    /// `check --repair` in one transaction: rescores what differs (as `rescoreDifferingSessions`),
    /// then rebuilds the weekly aggregates once, placing sessions in weeks by this process's time
    /// zone. Returns how many sessions were rescored.
    public func repair() throws -> Int {
        try write { db in
            let rescored = try Self.rescore(db)
            try WeeklyScores.rebuild(db, calendar: calendar)
            return rescored
        }
    }

    /// Replaces the score rows of the sessions that differ; how many were rescored.
    private static func rescore(_ db: Database) throws -> Int {
        var rescored = 0
        for session in try differingScores(db) {
            guard let rows = session.expected else { continue }
            try db.execute(sql: "DELETE FROM score WHERE session_id = ?", arguments: [session.sessionID])
            for row in rows {
                try Score(sessionID: session.sessionID, scoreID: row.scoreID, value: row.value,
                          band: row.band, alert: row.alert, bandPrivate: row.bandPrivate).insert(db)
            }
            rescored += 1
        }
        return rescored
    }

    /// A session whose stored scores differ: what the rule gives, or nil when it cannot be
    /// rescored (an unreadable answer or quiz layout).
    struct DifferingScores {
        let sessionID: Int64
        let expected: [ScoreRow]?
    }

    /// Walks every completed session once, in id order, comparing stored and recomputed scores.
    static func differingScores(_ db: Database) throws -> [DifferingScores] {
        // Each version once, with the questions its scores read: other answers (a one-on-one's
        // notes and decisions, free text) cannot change a score and are not decoded.
        var surveys: [String: (survey: Survey, scored: Set<String>)?] = [:]
        func survey(_ hash: String) throws -> (survey: Survey, scored: Set<String>)? {
            if let known = surveys[hash] { return known }
            var loaded: (survey: Survey, scored: Set<String>)?
            if let content = try String.fetchOne(db, sql: "SELECT content FROM survey_version WHERE hash = ?", arguments: [hash]),
               case let .success(survey) = SurveyLoader.load(yaml: content, file: hash) {
                let scored = survey.kind == .quiz ? Set(survey.questions.map(\.id))
                    : Set(survey.scores.flatMap { $0.items + ($0.alertIfAny?.items ?? []) })
                loaded = (survey, scored)
            }
            surveys[hash] = loaded
            return loaded
        }
        let scoresOf = try db.makeStatement(sql: "SELECT score_id, value, band, alert, band_private FROM score WHERE session_id = ?")
        var differing: [DifferingScores] = []
        var current: (id: Int64, hash: String, layout: String?, readable: Bool)?
        var answers: [String: AnswerValue] = [:]
        func finish() throws {
            guard let session = current, let version = try survey(session.hash) else { return }
            // An unreadable answer or quiz layout cannot be rescored: reported as differing.
            guard session.readable, let survey = try? QuizLayout.shown(version.survey, storedLayout: session.layout) else {
                differing.append(DifferingScores(sessionID: session.id, expected: nil))
                return
            }
            let expected = ScoredSession(survey: survey, answers: answers).scoreRows
            let stored = try Row.fetchAll(scoresOf, arguments: [session.id]).map {
                ScoreRow(scoreID: $0[0], value: $0[1], band: $0[2], alert: $0[3], bandPrivate: $0[4])
            }
            if !sameRows(expected, stored) { differing.append(DifferingScores(sessionID: session.id, expected: expected)) }
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT s.id, s.survey_hash, s.quiz_layout, a.question_id, a.value
            FROM session s LEFT JOIN answer a ON a.session_id = s.id
            WHERE s.state = 'completed' ORDER BY s.id
            """)
        var scored: Set<String> = []
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if current?.id != id {
                try finish()
                current = (id, row[1], row[2], true)
                answers = [:]
                scored = try survey(row[1])?.scored ?? []
            }
            if let questionID: String = row[3], scored.contains(questionID), let text: String = row[4] {
                if let value = AnswerValue(jsonText: text) { answers[questionID] = value } else { current?.readable = false }
            }
        }
        try finish()
        return differing
    }

    /// The same rows in any order, values equal to 1e-9 of their size.
    private static func sameRows(_ expected: [ScoreRow], _ stored: [ScoreRow]) -> Bool {
        guard expected.count == stored.count else { return false }
        let byID = Dictionary(stored.map { ($0.scoreID, $0) }, uniquingKeysWith: { first, _ in first })
        return expected.allSatisfy { row in
            guard let other = byID[row.scoreID], other.band == row.band, other.alert == row.alert,
                  other.bandPrivate == row.bandPrivate else { return false }
            switch (row.value, other.value) {
            case (nil, nil): return true
            case let (a?, b?): return abs(a - b) <= 1e-9 * max(1, abs(a))
            default: return false
            }
        }
    }
}
