import Foundation
import GRDB

/// Completed sessions to import together, with the `week_score` rows they make worked out ahead
/// (on any thread), so the writer only binds them: for a big import the weekly rows cost as
/// much as the sessions when the writer gathers them itself.
///
/// The rows are those `WeeklyScores.rebuild` would write for these sessions alone: per subject,
/// survey, score and ISO week (in `calendar`), the value of the latest session (by completion,
/// then import order), one-on-ones and null values left out. The importer writes them only for
/// subjects who have no weekly rows yet, and rebuilds the others from all their sessions.
public struct PreparedHistory: Sendable {
    let sessions: [PreparedSession]
    /// Per row (in the table's key order): subject_id, week, survey_id, score_id, team_id (0 here,
    /// set on import), kind, the index of the session in `sessions` (its id on import), value.
    let weekRows: BulkValues
    /// Per row, what the importer fills in and adds to the team sums.
    let rows: [Row]
    /// Per subject, the range of its rows.
    let subjects: [(id: Int64, rows: Range<Int>)]

    static let width = 8, teamColumn = 4, sessionColumn = 6

    struct Row {
        /// The team cell the row adds to (its team, 0 here, is the subject's on import).
        var cell: TeamCell
        /// The index of the row's session in `sessions`.
        var session: Int
        var value: Double
    }

    public init(_ sessions: [PreparedSession], calendar: Calendar) {
        self.sessions = sessions
        struct Key: Hashable, Comparable {
            var subjectID: Int64, week: String, surveyID: String, scoreID: String
            static func < (a: Key, b: Key) -> Bool {
                (a.subjectID, a.week, a.surveyID, a.scoreID) < (b.subjectID, b.week, b.surveyID, b.scoreID)
            }
        }
        var latest: [Key: (date: Date, index: Int, value: Double)] = [:]
        var weeks = WeeklyScores.WeekFinder(calendar: calendar)
        for (index, prepared) in sessions.enumerated() where prepared.session.kind != WeeklyScores.excludedKind {
            guard let week = weeks.week(of: prepared.completedAt) else { continue }
            for score in prepared.weeklyScores {
                let key = Key(subjectID: prepared.session.subjectID, week: week, surveyID: prepared.session.surveyID,
                              scoreID: score.id)
                // Of two completed at the same time, the later import wins (as in `rebuild`).
                if let held = latest[key], held.date > prepared.completedAt { continue }
                latest[key] = (prepared.completedAt, index, score.value)
            }
        }
        var values = BulkValues(values: latest.count * Self.width, bytes: latest.count * 40)
        var rows: [Row] = []
        rows.reserveCapacity(latest.count)
        var subjects: [(id: Int64, rows: Range<Int>)] = []
        for (position, (key, held)) in latest.sorted(by: { $0.key < $1.key }).enumerated() {
            if subjects.last?.id == key.subjectID {
                subjects[subjects.count - 1].rows = subjects[subjects.count - 1].rows.lowerBound..<position + 1
            } else {
                subjects.append((key.subjectID, position..<position + 1))
            }
            values.append(key.subjectID)
            values.append(key.week)
            values.append(key.surveyID)
            values.append(key.scoreID)
            values.append(0)
            values.append(sessions[held.index].session.kind)
            values.append(held.index)
            values.append(held.value)
            rows.append(Row(cell: TeamCell(week: key.week, surveyID: key.surveyID, scoreID: key.scoreID, teamID: 0),
                            session: held.index, value: held.value))
        }
        (weekRows, self.rows, self.subjects) = (values, rows, subjects)
    }
}

/// One `team_week_score` row's key, and the sums the import adds to it.
struct TeamCell: Hashable {
    var week: String
    var surveyID: String
    var scoreID: String
    var teamID: Int64

    struct Sum {
        var respondents = 0
        var total = 0.0
        var kind = ""
    }
}

extension BulkImporter {
    /// Imports the sessions of `history` in order (as `importSession` does each), then their
    /// weekly rows: written as prepared for subjects without weekly rows so far, and for the
    /// others rebuilt from all their sessions when the import ends.
    @discardableResult
    public func importHistory(_ history: PreparedHistory) throws -> [ImportedSession] {
        let imported = try history.sessions.map { try importSession($0, rebuildsWeeks: false) }
        for subject in history.subjects {
            let hasRows = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM week_score WHERE subject_id = ?)
                """), arguments: [subject.id]) ?? false
            if hasRows || rebuildSubjects.contains(subject.id) {
                rebuildSubjects.insert(subject.id)
                continue
            }
            let teamID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(team_id, 0) FROM person WHERE id = ?"),
                                            arguments: [subject.id]) ?? 0
            var values = history.weekRows
            for index in subject.rows {
                let row = history.rows[index], start = index * PreparedHistory.width
                values.replace(at: start + PreparedHistory.teamColumn, with: teamID)
                values.replace(at: start + PreparedHistory.sessionColumn, with: imported[row.session].id)
                var cell = row.cell
                cell.teamID = teamID
                var sum = teamSums[cell] ?? TeamCell.Sum()
                sum.respondents += 1
                sum.total += row.value
                sum.kind = max(sum.kind, history.sessions[row.session].session.kind)
                teamSums[cell] = sum
            }
            for start in stride(from: subject.rows.lowerBound, to: subject.rows.upperBound, by: Self.rowsPerInsert) {
                let end = min(start + Self.rowsPerInsert, subject.rows.upperBound)
                try insertRows(WeeklyScores.insertColumns, table: .weekScore, width: PreparedHistory.width, rows: end - start, values: values,
                    range: start * PreparedHistory.width..<end * PreparedHistory.width)
            }
        }
        return imported
    }

    /// Rows per multi-row INSERT of weekly rows: for a million small rows, a statement each costs
    /// more than the rows themselves.
    static let rowsPerInsert = 100

    /// Adds the team sums gathered by `importHistory` to `team_week_score`, then rebuilds the
    /// weekly rows of the subjects that need it (which recomputes their teams' rows).
    func finishWeeks(calendar: Calendar) throws {
        var values = BulkValues(values: teamSums.count * 7, bytes: teamSums.count * 40)
        for (cell, sum) in teamSums {
            values.append(cell.week)
            values.append(cell.surveyID)
            values.append(cell.scoreID)
            values.append(cell.teamID)
            values.append(sum.kind)
            values.append(sum.respondents)
            values.append(sum.total)
        }
        let count = teamSums.count
        for start in stride(from: 0, to: count, by: Self.rowsPerInsert) {
            let end = min(start + Self.rowsPerInsert, count)
            try insertRows("""
                INSERT INTO team_week_score (week, survey_id, score_id, team_id, kind, respondents, total)
                """, table: .teamWeekScore, width: 7, rows: end - start, values: values, range: start * 7..<end * 7,
                suffix: """
                ON CONFLICT (week, survey_id, score_id, team_id) DO UPDATE SET
                    respondents = respondents + excluded.respondents, total = total + excluded.total
                """)
        }
        teamSums.removeAll()
        if !rebuildSubjects.isEmpty {
            try WeeklyScores.rebuild(db, calendar: calendar, subjects: rebuildSubjects)
            rebuildSubjects.removeAll()
        }
    }
}
