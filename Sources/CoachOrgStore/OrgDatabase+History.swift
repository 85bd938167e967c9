import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// A person's record on the organisation store: their scores, sessions and quiz results, as far
/// as the database lets the login read them (the policy on `session`, the view `visible_score`).
extension OrgDatabase {
    public func scorePoints(viewer viewerName: String, subject subjectName: String, since: Date?) throws -> [ScorePoint] {
        let subject = try existingPerson(subjectName)
        return try connection.query("""
            SELECT v.survey_id, v.score_id, v.session_id, v.completed_at, v.value, v.band, v.survey_hash
            FROM coach.visible_score v
            WHERE v.subject_id = \(subject.id ?? -1) AND v.state = 'completed' AND v.value IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM coach.session n WHERE n.supersedes_id = v.session_id AND n.state = 'completed')
              AND v.completed_at >= coalesce(\(since)::timestamptz, '-infinity')
            ORDER BY v.completed_at, v.session_id
            """).map { row in
            let (survey, score, session, date, value, band, hash) =
                try row.decode((String, String, Int64, Date, Double, String?, String).self)
            return ScorePoint(surveyID: survey, scoreID: score, sessionID: session, date: date, value: value, band: band,
                              surveyHash: hash)
        }
    }

    public func timeline(viewer viewerName: String, subject subjectName: String) throws -> [TimelineEntry] {
        let subject = try existingPerson(subjectName), viewer = try me()
        let rows = try connection.query("""
            SELECT s.id, s.completed_at, s.survey_id, s.kind, a.name, s.phase, s.backfilled_at
            FROM coach.session s JOIN coach.person a ON a.id = s.author_id
            WHERE s.subject_id = \(subject.id ?? -1) AND s.state = 'completed' ORDER BY s.completed_at DESC, s.id DESC
            """).map { try $0.decode((Int64, Date, String, String, String, String?, Date?).self) }
        var scores: [Int64: [TimelineEntry.ScoreValue]] = [:]
        if !rows.isEmpty {
            for row in try connection.query("""
                SELECT session_id, score_id, value, band FROM coach.visible_score WHERE session_id = ANY(\(rows.map(\.0)))
                ORDER BY session_id, position, score_id
                """) {
                let (session, score, value, band) = try row.decode((Int64, String, Double?, String?).self)
                scores[session, default: []].append(TimelineEntry.ScoreValue(score: score, value: value, band: band))
            }
        }
        var entries = rows.map { id, completed, survey, kind, author, phase, backfilled in
            var entry = TimelineEntry(date: completed, kind: "session", sessionID: id, survey: survey, sessionKind: kind, author: author,
                                      phase: phase, scores: scores[id] ?? [])
            entry.backfilledAt = backfilled
            return entry
        }
        if subject.id == viewer.id || subject.managerID == viewer.id {
            let created = try Dictionary(connection.query("""
                SELECT id, created_at FROM coach.action_item WHERE subject_id = \(subject.id ?? -1)
                """).map { try $0.decode((Int64, Date).self) }, uniquingKeysWith: { first, _ in first })
            entries += try actionItems(viewer: viewer.name, subject: subject.name, openOnly: false).map { item in
                TimelineEntry(date: created[item.id] ?? Date(timeIntervalSince1970: 0), kind: "action", actionID: item.id,
                              text: item.text, status: item.status, owner: item.owner, due: item.due)
            }
        }
        return entries.sorted { $0.date > $1.date }
    }

    public func quizPercents(of personName: String, quizID: String, excluding phase: SessionPhase? = nil) throws -> [Double] {
        let person = try existingPerson(personName)
        return try connection.query("""
            SELECT v.value FROM coach.visible_score v JOIN coach.session s ON s.id = v.session_id
            WHERE v.subject_id = \(person.id ?? -1) AND v.survey_id = \(quizID) AND v.score_id = 'percent'
              AND v.state = 'completed' AND v.value IS NOT NULL AND (s.phase IS NULL OR s.phase IS DISTINCT FROM \(phase?.rawValue))
            ORDER BY v.completed_at, v.session_id
            """).map { try $0.decode(Double.self) }
    }

    /// HR every attempt, a manager their reps'; reps are refused (a report covers other people).
    public func quizAttempts(viewer viewerName: String, quizID: String) throws -> [QuizAttemptRecord] {
        let viewer = try me()
        guard viewer.role != .rep else {
            throw StoreError.notAllowed("quiz reports are for HR and managers; 'trends' shows your own results")
        }
        let scope = viewer.role == .hr ? "true" : "p.manager_id = coach.me()"
        let attempts = try connection.query("""
            SELECT s.id, p.name, t.name, s.phase, s.completed_at,
                   (SELECT value FROM coach.visible_score WHERE session_id = s.id AND score_id = 'percent'),
                   (SELECT value FROM coach.visible_score WHERE session_id = s.id AND score_id = 'passed')
            FROM coach.session s JOIN coach.person p ON p.id = s.subject_id LEFT JOIN coach.team t ON t.id = p.team_id
            WHERE s.survey_id = \(quizID) AND s.kind = 'quiz' AND s.state = 'completed' AND \(unescaped: scope)
            ORDER BY s.completed_at, s.id
            """).map { try $0.decode((Int64, String, String?, String?, Date, Double?, Double?).self) }
        var marks: [Int64: [String: (mark: Double, maxMark: Double)]] = [:]
        if !attempts.isEmpty {
            for row in try connection.query("""
                SELECT session_id, question_id, mark, max_mark FROM coach.question_mark WHERE session_id = ANY(\(attempts.map(\.0)))
                """) {
                let (session, question, mark, maxMark) = try row.decode((Int64, String, Double, Double).self)
                marks[session, default: [:]][question] = (mark, maxMark)
            }
        }
        return attempts.map { id, person, team, phase, completed, percent, passed in
            QuizAttemptRecord(sessionID: id, person: person, team: team, phase: phase, completed: completed, percent: percent,
                              passed: passed.map { $0 >= 1 }, marks: marks[id] ?? [:])
        }
    }
}
