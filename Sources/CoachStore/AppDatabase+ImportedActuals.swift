import CoachCore
import Foundation
import GRDB

extension AppDatabase {
    /// See `GoalStore.importActuals`. Every actual is checked before any is written, in one
    /// transaction: a person the actor may not write for refuses the whole import.
    public func importActuals(_ actuals: [ImportedActual], dryRun: Bool, by actorName: String, at now: Date) throws
        -> [ImportedActualChange] {
        let body = { (db: Database) throws -> [ImportedActualChange] in
            let actor = try Self.actor(actorName, db)
            var people: [String: Person] = [:]
            var changes: [ImportedActualChange] = []
            for actual in actuals {
                let key = actual.person.lowercased()
                let subject = try people[key] ?? Self.existingPerson(actual.person, db)
                people[key] = subject
                guard actor.role == .hr || (subject.managerID != nil && subject.managerID == actor.id) else {
                    throw StoreError.notAllowed("only HR or \(subject.name)'s manager can record their KPI actuals")
                }
                let old = try Double.fetchOne(db, sql: """
                    SELECT actual FROM kpi_actual WHERE person_id = ? AND kpi = ? AND period = ? AND session_id IS NULL
                    """, arguments: [subject.id, actual.kpi, actual.period.description])
                let change = ImportedActualChange(person: subject.name, kpi: actual.kpi, period: actual.period.description,
                                                  old: old, new: actual.actual)
                changes.append(change)
                guard change.changed, !dryRun else { continue }
                try db.execute(sql: """
                    INSERT INTO kpi_actual (person_id, kpi, period, actual, session_id, recorded_at)
                    VALUES (?, ?, ?, ?, NULL, ?)
                    ON CONFLICT (person_id, kpi, period) WHERE session_id IS NULL
                    DO UPDATE SET actual = excluded.actual, recorded_at = excluded.recorded_at
                    """, arguments: [subject.id, actual.kpi, actual.period.description, actual.actual, now])
            }
            return changes
        }
        return dryRun ? try read(body) : try write(body)
    }
}
