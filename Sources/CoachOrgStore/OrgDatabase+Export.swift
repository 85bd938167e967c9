import CoachCore
import CoachStore
import Foundation
import PostgresNIO

extension OrgDatabase {
    /// Everything the login may read, for `export`: every row is one the database's policies
    /// let them see (the same rules the local store applies in its queries).
    public func exportData(viewer viewerName: String) throws -> ExportData {
        let viewer = try me()
        let people = try connection.query("""
            SELECT p.name, p.role, t.name, m.name, p.email FROM coach.person p LEFT JOIN coach.team t ON t.id = p.team_id
            LEFT JOIN coach.person m ON m.id = p.manager_id ORDER BY lower(p.name), p.name
            """).map { row in
            let (name, role, team, manager, email) = try row.decode((String, String, String?, String?, String?).self)
            return ExportData.PersonRow(name: name, role: role, team: team, manager: manager, email: email)
        }
        let goals = try connection.query("""
            SELECT p.name, g.kpi, g.period, g.target FROM coach.goal g JOIN coach.person p ON p.id = g.person_id
            ORDER BY p.name, g.period, g.kpi
            """).map { row in
            let (person, kpi, period, target) = try row.decode((String, String, String, Double).self)
            return ExportData.GoalRow(person: person, kpi: kpi, period: period, target: target)
        }
        let rows = try sessionRows(id: nil)
        return ExportData(exportedBy: viewer.name, people: people, goals: goals, sessions: rows,
                          actionItems: try actionItems(viewer: viewer.name, subject: nil, openOnly: false))
    }

    /// Session `id` with the scores and answers the login may read, or nil when the database
    /// shows them no such session (`show ID`).
    public func sessionRecord(viewer viewerName: String, id: Int64) throws -> ExportData.SessionRow? {
        try sessionRows(id: id).first
    }

    /// Session `id` (every session, without one) as far as the login may see it, with the scores
    /// and answers the policies let them read, oldest first.
    private func sessionRows(id: Int64?) throws -> [ExportData.SessionRow] {
        let query: PostgresQuery = """
            SELECT s.id, s.survey_id, s.kind, p.name, a.name, s.started_at, s.completed_at, s.state, s.phase, s.backfilled_at
            FROM coach.session s JOIN coach.person p ON p.id = s.subject_id JOIN coach.person a ON a.id = s.author_id
            WHERE \(id)::bigint IS NULL OR s.id = \(id) ORDER BY s.started_at, s.id
            """
        let sessions = try connection.query(query)
            .map { try $0.decode((Int64, String, String, String, String, Date, Date?, String, String?, Date?).self) }
        let ids = sessions.map(\.0)
        var scores: [Int64: [ExportData.ScoreRow]] = [:], answers: [Int64: [ExportData.AnswerRow]] = [:]
        if !ids.isEmpty {
            for row in try connection.query("""
                SELECT session_id, score_id, value, band, alert FROM coach.visible_score WHERE session_id = ANY(\(ids))
                ORDER BY session_id, position, score_id
                """) {
                let (session, score, value, band, alert) = try row.decode((Int64, String, Double?, String?, Bool).self)
                scores[session, default: []].append(ExportData.ScoreRow(score: score, value: value, band: band, alert: alert))
            }
            for row in try connection.query("""
                SELECT session_id, question_id, value, is_private FROM coach.answer WHERE session_id = ANY(\(ids))
                ORDER BY session_id, position, id
                """) {
                let (session, question, value, isPrivate) = try row.decode((Int64, String, String, Bool).self)
                if AnswerValue.isSkipMark(value) { continue }  // a skip mark of an open session is no answer
                answers[session, default: []].append(ExportData.AnswerRow(question: question, value: value, isPrivate: isPrivate))
            }
        }
        return sessions.map { id, survey, kind, subject, author, started, completed, state, phase, backfilled in
            var session = ExportData.SessionRow(id: id, survey: survey, kind: kind, subject: subject, author: author,
                                                started: started, completed: completed, state: state, phase: phase,
                                                scores: scores[id] ?? [], answers: answers[id] ?? [])
            session.backfilled = backfilled
            return session
        }
    }
}
