import CoachCore
import CoachStore
import Foundation
import PostgresNIO

extension OrgDatabase {
    /// See `GoalStore.importActuals`: in one transaction, as the login, so `kpi_write` and
    /// `kpi_import_change` decide (HR, or the person's manager); coach asks first for the local
    /// store's words.
    public func importActuals(_ actuals: [ImportedActual], dryRun: Bool, by actorName: String, at now: Date) throws
        -> [ImportedActualChange] {
        let me = try me()
        var people: [String: Person] = [:]
        for actual in actuals where people[actual.person.lowercased()] == nil {
            let subject = try existingPerson(actual.person)
            guard me.role == .hr || (subject.managerID != nil && subject.managerID == me.id) else {
                throw StoreError.notAllowed("only HR or \(subject.name)'s manager can record their KPI actuals")
            }
            people[actual.person.lowercased()] = subject
        }
        let body = { () throws -> [ImportedActualChange] in
            var changes: [ImportedActualChange] = []
            for actual in actuals {
                guard let subject = people[actual.person.lowercased()], let id = subject.id else { continue }
                let old = try self.connection.query("""
                    SELECT actual FROM coach.kpi_actual WHERE person_id = \(id) AND kpi = \(actual.kpi)
                      AND period = \(actual.period.description) AND session_id IS NULL
                    """).first?.decode(Double.self)
                let change = ImportedActualChange(person: subject.name, kpi: actual.kpi, period: actual.period.description,
                                                  old: old, new: actual.actual)
                changes.append(change)
                guard change.changed, !dryRun else { continue }
                try self.connection.query("""
                    INSERT INTO coach.kpi_actual (person_id, kpi, period, actual, session_id, recorded_at)
                    VALUES (\(id), \(actual.kpi), \(actual.period.description), \(actual.actual), NULL, \(now))
                    ON CONFLICT (person_id, kpi, period) WHERE session_id IS NULL
                    DO UPDATE SET actual = excluded.actual, recorded_at = excluded.recorded_at
                    """)
            }
            return changes
        }
        return try refusalsAsStoreErrors { dryRun ? try body() : try connection.transaction(body) }
    }
}
