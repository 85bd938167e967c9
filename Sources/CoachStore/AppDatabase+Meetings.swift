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
