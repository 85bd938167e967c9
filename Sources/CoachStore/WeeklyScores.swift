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
            WHERE s.id = ? AND s.state = 'completed' AND s.draft = 0
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
        var teams: [Int64]?
        if let subjects {
            let list = subjects.map(String.init).joined(separator: ",")
            teams = try Int64.fetchAll(db, sql: "SELECT DISTINCT COALESCE(team_id, 0) FROM person WHERE id IN (\(list))")
            try db.execute(sql: "DELETE FROM week_score WHERE subject_id IN (\(list))")
        } else {
            try db.execute(sql: "DELETE FROM week_score")
        }
        // One subject and survey at a time, oldest first (the order of an index on session), so
        // each run's latest values per week and score are known when the run ends.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT s.subject_id, s.survey_id, sc.score_id, s.completed_at, s.id, s.kind, COALESCE(p.team_id, 0), sc.value
            FROM session s JOIN score sc ON sc.session_id = s.id JOIN person p ON p.id = s.subject_id
            WHERE \(only) AND \(try countedSessions(db)) ORDER BY s.subject_id, s.survey_id, s.completed_at, s.id
            """)
        var batch = RowBatch(db, sql: insertPrefix, width: 8)
        var weeks = WeekFinder(calendar: calendar)
        var run: (subjectID: Int64, surveyID: String)?
        var latest: [Key: Value] = [:]
        func endRun() throws {
            for (key, value) in latest.sorted(by: { $0.key < $1.key }) {
                try batch.add([key.subjectID, key.week, key.surveyID, key.scoreID, value.teamID, value.kind,
                               value.sessionID, value.value])
            }
            latest.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            let subjectID: Int64 = row[0], surveyID: String = row[1]
            if run.map({ $0.subjectID != subjectID || $0.surveyID != surveyID }) ?? true {
                try endRun()
                run = (subjectID, surveyID)
            }
            guard let week = weeks.week(of: row[3]) else { continue }
            latest[Key(subjectID: subjectID, week: week, surveyID: surveyID, scoreID: row[2])] =
                Value(sessionID: row[4], kind: row[5], teamID: row[6], value: row[7])
        }
        try endRun()
        try batch.flush()
        try sumTeams(teams, db)
    }

    /// Replaces the `team_week_score` rows of `teams` (every team when nil), narrowed by
    /// `cells` (a condition on `week`, `survey_id` and `score_id`), with the count and sum of
    /// their respondents' `week_score` rows. Respondents are found through their team's members
    /// (`person_on_team_id`, then the primary key's subject prefix): `week_score` has no index by
    /// team. Team 0 is the people in no team.
    private static func sumTeams(_ teams: [Int64]?, cells: SQL = "1", _ db: Database) throws {
        var teamRows: SQL = cells, weekRows: SQL = cells
        if let teams {
            let members: SQL = teams.contains(0)
                ? "SELECT id FROM person WHERE team_id IN \(teams) OR team_id IS NULL"
                : "SELECT id FROM person WHERE team_id IN \(teams)"
            teamRows = "team_id IN \(teams) AND \(cells)"
            weekRows = "subject_id IN (\(members)) AND \(teamRows)"
        }
        try db.execute(literal: """
            DELETE FROM team_week_score WHERE \(teamRows);
            INSERT INTO team_week_score (week, survey_id, score_id, team_id, kind, respondents, total)
            SELECT week, survey_id, score_id, team_id, MAX(kind), COUNT(*), SUM(value) FROM week_score WHERE \(weekRows)
            GROUP BY week, survey_id, score_id, team_id
            """)
    }

    /// What `check` finds wrong with the tables, or nil: rows whose session no longer counts or
    /// whose value differs from its score, and team rows that are not the sum of their rows.
    /// (Which week a session falls in depends on the writer's time zone, so that is not checked.)
    static func problems(_ db: Database) throws -> String? {
        let stale = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM week_score w JOIN session s ON s.id = w.session_id
            LEFT JOIN score sc ON sc.session_id = w.session_id AND sc.score_id = w.score_id
            WHERE sc.value IS NOT w.value OR s.state != 'completed' OR s.draft = 1 OR s.kind = '\(excludedKind)'
               OR s.subject_id != w.subject_id
               OR EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
            """) ?? 0
        // Each team row against the sum of its respondents' rows (totals to a rounding error,
        // as SQLite may add in another order), both ways round: sums without a team row, and team
        // rows without respondents. The sums are worked out once, in one pass over the rows.
        let teams = try Int.fetchOne(db, sql: """
            WITH g AS MATERIALIZED (
                SELECT week, survey_id, score_id, team_id, COUNT(*) AS n, SUM(value) AS sum FROM week_score
                GROUP BY 1, 2, 3, 4)
            SELECT (SELECT COUNT(*) FROM g LEFT JOIN team_week_score t USING (week, survey_id, score_id, team_id)
                    WHERE t.respondents IS NOT g.n OR ABS(t.total - g.sum) > 1e-6)
                 + (SELECT COUNT(*) FROM team_week_score t LEFT JOIN g USING (week, survey_id, score_id, team_id)
                    WHERE g.n IS NULL)
            """) ?? 0
        var problems: [String] = []
        if stale > 0 { problems.append("\(stale) respondent-week rows disagree with their sessions") }
        if teams > 0 { problems.append("\(teams) team-week rows are not the sum of their respondents") }
        return problems.isEmpty ? nil : problems.joined(separator: "; ") + " (run 'check --repair' to rebuild them)"
    }

    // MARK: - One respondent's week

    static let excludedKind = "one-on-one"

    /// The conditions on `session s` (joined `score sc`) for values that count.
    /// (Migrations before v8 rebuild these tables on a store without `session.draft`.)
    private static func countedSessions(_ db: Database) throws -> String {
        let drafts = try db.columns(in: "session").contains { $0.name == "draft" } ? " AND s.draft = 0" : ""
        return countedSessionsWithoutDrafts + drafts
    }

    private static let countedSessionsWithoutDrafts = """
        s.state = 'completed' AND s.kind != '\(excludedKind)' AND sc.value IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
        """

    /// The start of every insert into `week_score` (`PreparedHistory` writes the same columns).
    static let insertColumns = """
        INSERT INTO week_score (subject_id, week, survey_id, score_id, team_id, kind, session_id, value)
        """
    private static let insertPrefix = insertColumns + " VALUES"
    private static let insertSQL = insertPrefix + " (?, ?, ?, ?, ?, ?, ?, ?)"

    /// Rows inserted 100 to a statement: for a million small rows, a statement each costs more
    /// than the rows themselves.
    private struct RowBatch {
        static let size = 100
        let db: Database
        let sql: String, width: Int
        private var values: [(any DatabaseValueConvertible)?] = []

        init(_ db: Database, sql: String, width: Int) {
            (self.db, self.sql, self.width) = (db, sql, width)
            values.reserveCapacity(Self.size * width)
        }

        mutating func add(_ row: [(any DatabaseValueConvertible)?]) throws {
            values += row
            if values.count == Self.size * width { try flush() }
        }

        mutating func flush() throws {
            guard !values.isEmpty else { return }
            let one = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            let rows = Array(repeating: one, count: values.count / width).joined(separator: ", ")
            try db.cachedStatement(sql: sql + " " + rows).execute(arguments: StatementArguments(values))
            values.removeAll(keepingCapacity: true)
        }
    }

    private struct Key: Hashable, Comparable {
        var subjectID: Int64
        var week: String
        var surveyID: String
        var scoreID: String

        /// The primary key's order, so inserts append to the table's B-tree.
        static func < (a: Key, b: Key) -> Bool {
            (a.subjectID, a.week, a.surveyID, a.scoreID) < (b.subjectID, b.week, b.surveyID, b.scoreID)
        }
    }

    /// ISO week keys of dates, each week's bounds worked out once: dates repeat the same few
    /// hundred weeks, and a calendar computation costs more than the rest of a row's work.
    struct WeekFinder {
        let calendar: Calendar
        private var spans: [(start: Date, end: Date, key: String)] = []  // sorted by start

        init(calendar: Calendar) { self.calendar = calendar }

        mutating func week(of date: Date) -> String? {
            var low = 0, high = spans.count
            while low < high {
                let mid = (low + high) / 2
                if spans[mid].end <= date { low = mid + 1 } else { high = mid }
            }
            if low < spans.count, spans[low].start <= date { return spans[low].key }
            guard let span = ISOWeek.span(of: date, calendar: calendar) else { return nil }
            spans.insert((span.start, span.end, span.week.description), at: low)
            return span.week.description
        }
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
            WHERE s.subject_id = ? AND s.survey_id = ? AND s.completed_at >= ? AND s.completed_at < ? AND \(try countedSessions(db))
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
            try sumTeams([pair.teamID], cells: "week = \(week) AND survey_id = \(surveyID) AND score_id = \(pair.scoreID)", db)
        }
    }
}
