import CoachCore
import Foundation
import GRDB

extension AppDatabase {
    /// Sets (or replaces) `person`'s target for `kpi` in `period`. HR or the person's manager may.
    @discardableResult
    public func setGoal(person: String, kpi: String, target: Double, period: Period,
                        by actor: String, at now: Date = Date()) throws -> Goal {
        let kpi = try Goal.validatedKPI(kpi, target: target)
        return try write { db in
            let actor = try Self.actor(actor, db)
            let subject = try Self.existingPerson(person, db)
            guard actor.role == .hr || (subject.managerID != nil && subject.managerID == actor.id) else {
                throw StoreError.notAllowed("only HR or \(subject.name)'s manager can set their goals")
            }
            try db.execute(sql: """
                INSERT INTO goal (person_id, kpi, period, target, set_by_id, set_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id, kpi, period) DO UPDATE SET
                    target = excluded.target, set_by_id = excluded.set_by_id, set_at = excluded.set_at
                """, arguments: [subject.id, kpi, period.description, target, actor.id, now])
            guard let goal = try Goal
                .filter(Goal.Columns.personID == subject.id && Goal.Columns.kpi == kpi
                        && Goal.Columns.period == period.description)
                .fetchOne(db) else { throw StoreError.database("the goal just set cannot be read back") }
            return goal
        }
    }

    /// `person`'s goals, latest period first, then by KPI. With a `viewer`, only the person, their
    /// manager and HR see them; anyone else gets `notAllowed`.
    public func goals(for person: String, viewer: String? = nil) throws -> [Goal] {
        try read { db in
            let subject = try Self.existingPerson(person.trimmingCharacters(in: .whitespacesAndNewlines), db)
            if let viewer, !(try Self.mayViewGoals(of: subject, viewer: viewer, db)) {
                throw StoreError.notAllowed("targets are seen by the person, their manager and HR")
            }
            return try Self.goals(personID: subject.id, db)
        }
    }

    /// Whether `viewerName` may see `subject`'s targets: themselves, their manager, HR.
    static func mayViewGoals(of subject: Person, viewer viewerName: String, _ db: Database) throws -> Bool {
        let viewer = try existingPerson(viewerName, db)
        return viewer.id == subject.id || viewer.role == .hr || subject.managerID == viewer.id
    }

    static func goals(personID: Int64?, _ db: Database) throws -> [Goal] {
        try Goal.filter(Goal.Columns.personID == personID)
            .order(Goal.Columns.period.desc, Goal.Columns.kpi)
            .fetchAll(db)
    }
}

extension Goal {
    /// `kpi` trimmed, when it and `target` can be stored: a KPI id has no spaces or control
    /// characters, a target is a finite number.
    public static func validatedKPI(_ kpi: String, target: Double) throws -> String {
        let kpi = kpi.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !kpi.isEmpty, !kpi.unicodeScalars.contains(where: {
            CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0)
        }) else { throw StoreError.invalidKPI(kpi) }
        guard target.isFinite else { throw StoreError.invalidTarget(target) }
        return kpi
    }
}
