import CoachScoring
import Foundation
import GRDB

/// Keeps `week_score` and `team_week_score` (see `Schema.v2`) equal to what the sessions say:
/// each respondent's latest value of each score per ISO week, and per team the count and sum of
/// those values. Team trends then read a few hundred rows instead of every session in the window.
///
/// A week is the ISO week of `completed_at` in the calendar of the process that writes it (a
/// rep's own time zone, for their check-ins). Only non-null scores of completed sessions count;
/// one-on-ones and sessions superseded by a completed amendment do not.
enum WeeklyScores {
    /// Refreshes the weeks a just-completed session touches: the week it completed in and, for an
    /// amendment, the week of the session it supersedes (whose values no longer count).
    static func sessionCompleted(_ id: Int64, _ db: Database, calendar: Calendar) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.subject_id, s.survey_id, s.kind, s.completed_at, o.completed_at
            FROM session s LEFT JOIN session o ON o.id = s.supersedes_id AND o.state = 'completed'
            WHERE s.id = ? AND s.state = 'completed'
            """, arguments: [id]) else { return }
        let subjectID: Int64 = row[0], surveyID: String = row[1], kind: String = row[2]
        guard kind != excludedKind else { return }
        var weeks: [(week: ISOWeek, start: Date, end: Date)] = []
        for date in [row[3] as Date?, row[4] as Date?].compactMap({ $0 }) {
            guard let span = ISOWeek.span(of: date, calendar: calendar), !weeks.contains(where: { $0.week == span.week })
            else { continue }
            weeks.append(span)
        }
        for span in weeks { try refresh(subjectID: subjectID, surveyID: surveyID, span: span, db) }
    }

    /// Rebuilds both tables from the sessions of `subjects` (everyone when nil): a store from
    /// before v2, or after a bulk import.
    static func rebuild(_ db: Database, calendar: Calendar, subjects: Set<Int64>? = nil) throws {
        let only = subjects.map { "s.subject_id IN (\($0.map(String.init).joined(separator: ",")))" } ?? "1"
        var teams = "1"
        if let subjects {
            let list = subjects.map(String.init).joined(separator: ",")
            let ids = try Int64.fetchAll(db, sql: "SELECT DISTINCT COALESCE(team_id, 0) FROM person WHERE id IN (\(list))")
            teams = "team_id IN (\(ids.map(String.init).joined(separator: ",")))"
            try db.execute(sql: "DELETE FROM week_score WHERE subject_id IN (\(list))")
        } else {
            try db.execute(sql: "DELETE FROM week_score")
        }
        var latest: [Key: Value] = [:]
        var span: (week: ISOWeek, start: Date, end: Date)?
        let rows = try Row.fetchCursor(db, sql: """
            SELECT s.subject_id, s.survey_id, sc.score_id, s.completed_at, s.id, s.kind, COALESCE(p.team_id, 0), sc.value
            FROM session s JOIN score sc ON sc.session_id = s.id JOIN person p ON p.id = s.subject_id
            WHERE \(only) AND \(countedSessions) ORDER BY s.completed_at, s.id
            """)
        while let row = try rows.next() {
            let date: Date = row[3]
            // Rows come in time order: a week's bounds are worked out once, not per row.
            if span.map({ date < $0.start || date >= $0.end }) ?? true { span = ISOWeek.span(of: date, calendar: calendar) }
            guard let week = span?.week.description else { continue }
            latest[Key(subjectID: row[0], week: week, surveyID: row[1], scoreID: row[2])] =
                Value(sessionID: row[4], kind: row[5], teamID: row[6], value: row[7])
        }
        let insert = try db.makeStatement(sql: insertSQL)
        for (key, value) in latest {
            try insert.execute(arguments: [key.subjectID, key.week, key.surveyID, key.scoreID, value.teamID, value.kind,
                                           value.sessionID, value.value])
        }
        try db.execute(sql: """
            DELETE FROM team_week_score WHERE \(teams);
            INSERT INTO team_week_score (week, survey_id, score_id, team_id, kind, respondents, total)
            SELECT week, survey_id, score_id, team_id, MAX(kind), COUNT(*), SUM(value) FROM week_score WHERE \(teams)
            GROUP BY week, survey_id, score_id, team_id
            """)
    }

    // MARK: - One respondent's week

    private static let excludedKind = "one-on-one"

    /// The conditions on `session s` (joined `score sc`) for values that count.
    private static let countedSessions = """
        s.state = 'completed' AND s.kind != '\(excludedKind)' AND sc.value IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
        """

    private static let insertSQL = """
        INSERT INTO week_score (subject_id, week, survey_id, score_id, team_id, kind, session_id, value)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    private struct Key: Hashable {
        var subjectID: Int64
        var week: String
        var surveyID: String
        var scoreID: String
    }

    private struct TeamScore: Hashable {
        var scoreID: String
        var teamID: Int64
    }

    private struct Value {
        var sessionID: Int64
        var kind: String
        var teamID: Int64
        var value: Double
    }

    /// Replaces one respondent's rows of one survey and week, then recomputes the team rows of
    /// every score that changed.
    private static func refresh(subjectID: Int64, surveyID: String, span: (week: ISOWeek, start: Date, end: Date),
                                _ db: Database) throws {
        let week = span.week.description
        var latest: [String: Row] = [:]  // score id → its latest value's row (later rows win)
        for row in try Row.fetchAll(db, sql: """
            SELECT sc.score_id, s.id, s.kind, COALESCE(p.team_id, 0), sc.value
            FROM session s JOIN score sc ON sc.session_id = s.id JOIN person p ON p.id = s.subject_id
            WHERE s.subject_id = ? AND s.survey_id = ? AND s.completed_at >= ? AND s.completed_at < ? AND \(countedSessions)
            ORDER BY s.completed_at, s.id
            """, arguments: [subjectID, surveyID, span.start, span.end]) {
            latest[row[0]] = row
        }
        let old = try Row.fetchAll(db, sql: """
            SELECT score_id, team_id FROM week_score WHERE subject_id = ? AND week = ? AND survey_id = ?
            """, arguments: [subjectID, week, surveyID])
        try db.execute(sql: "DELETE FROM week_score WHERE subject_id = ? AND week = ? AND survey_id = ?",
                       arguments: [subjectID, week, surveyID])
        var touched = Set(old.map { TeamScore(scoreID: $0[0], teamID: $0[1]) })
        for (scoreID, row) in latest {
            let teamID: Int64 = row[3]
            try db.execute(sql: insertSQL, arguments: [subjectID, week, surveyID, scoreID, teamID, row[2], row[1], row[4]])
            touched.insert(TeamScore(scoreID: scoreID, teamID: teamID))
        }
        for pair in touched {
            try db.execute(sql: """
                DELETE FROM team_week_score WHERE week = ? AND survey_id = ? AND score_id = ? AND team_id = ?;
                INSERT INTO team_week_score (week, survey_id, score_id, team_id, kind, respondents, total)
                SELECT week, survey_id, score_id, team_id, MAX(kind), COUNT(*), SUM(value) FROM week_score
                WHERE survey_id = ? AND score_id = ? AND week = ? AND team_id = ?
                GROUP BY week, survey_id, score_id, team_id
                """, arguments: [week, surveyID, pair.scoreID, pair.teamID, surveyID, pair.scoreID, week, pair.teamID])
        }
    }
}
