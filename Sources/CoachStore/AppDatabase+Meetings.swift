import CoachCore
import Foundation
import GRDB

/// What a one-on-one's meeting questions read about their subject.
extension AppDatabase {
    /// Open action items about `subjectID`, oldest first.
    public func openActionItems(subjectID: Int64) throws -> [OpenActionItem] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, a.text, o.name AS owner, a.due, a.created_at, a.carried_count
                FROM action_item a JOIN person o ON o.id = a.owner_id
                WHERE a.subject_id = ? AND a.status = 'open'
                ORDER BY a.created_at, a.id
                """, arguments: [subjectID]).map { row in
                let created: Date = row["created_at"]
                return OpenActionItem(id: row["id"], text: row["text"], owner: row["owner"], due: row["due"],
                                      created: DateAnswer.iso(created), carried: row["carried_count"])
            }
        }
    }

    /// Open agenda items of `personID` that may be discussed on `day` (`YYYY-MM-DD`), oldest first.
    public func openAgendaItems(personID: Int64, on day: String) throws -> [AgendaEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, text, created_at FROM agenda_item
                WHERE person_id = ? AND status = 'open' AND (not_before IS NULL OR not_before <= ?)
                ORDER BY created_at, id
                """, arguments: [personID, day]).map { row in
                let created: Date = row["created_at"]
                return AgendaEntry(id: row["id"], text: row["text"], created: DateAnswer.iso(created))
            }
        }
    }

    /// The target of `personID` for `kpi` in `period`, if one was set.
    public func target(personID: Int64, kpi: String, period: Period) throws -> Double? {
        try read { db in
            try Double.fetchOne(db, sql: "SELECT target FROM goal WHERE person_id = ? AND kpi = ? AND period = ?",
                                arguments: [personID, kpi, period.description])
        }
    }
}

extension AppDatabase {
    /// The latest KPI actual per KPI of `personID` in `period`: the one recorded last, by a
    /// one-on-one or an import (`kpi import`).
    public func kpiActuals(personID: Int64, period: Period) throws -> [String: Double] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT kpi, actual FROM kpi_actual WHERE person_id = ? AND period = ? ORDER BY recorded_at, id
                """, arguments: [personID, period.description])
            return Dictionary(rows.map { ($0[0] as String, $0[1] as Double) }, uniquingKeysWith: { $1 })
        }
    }

    /// Attainment (actual ÷ target × 100) of `personID`'s KPIs in each of the last `months` periods
    /// up to `period`, newest first, for the KPI review's comparison with earlier months.
    public func attainmentHistory(personID: Int64, upTo period: Period, months: Int) throws -> [(period: String, kpi: String, attainment: Double)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT g.period, g.kpi, a.actual * 100.0 / g.target FROM goal g
                JOIN kpi_actual a ON a.person_id = g.person_id AND a.kpi = g.kpi AND a.period = g.period
                WHERE g.person_id = ? AND g.period <= ? AND g.target > 0
                  AND a.id = (SELECT id FROM kpi_actual x WHERE x.person_id = g.person_id AND x.kpi = g.kpi AND x.period = g.period
                              ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)
                ORDER BY g.period DESC, g.kpi LIMIT ?
                """, arguments: [personID, period.description, months * 8]).map { (period: $0[0], kpi: $0[1], attainment: $0[2]) }
        }
    }
}
