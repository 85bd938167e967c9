import CoachCore
import Foundation
import GRDB

/// Assignments on the local store, by the rules of `AssignmentRules`.
extension AppDatabase {
    /// Assigns `request` as `actorName` may: one row per assignee, an existing row of the same
    /// assigner, assignee, survey and phase updated instead of duplicated.
    public func assign(_ request: AssignmentRequest, by actorName: String, at now: Date) throws -> AssignmentOutcome {
        try write { db in
            let actor = try Self.existingPerson(actorName, db)
            let candidates = try Row.fetchAll(db, sql: """
                SELECT p.*, t.name AS team_name FROM person p LEFT JOIN team t ON t.id = p.team_id
                """).map { AssignmentRules.Candidate(person: try Person(row: $0), team: $0["team_name"]) }
            let teams = try String.fetchAll(db, sql: "SELECT name FROM team ORDER BY name")
            let (people, addressed) = try AssignmentRules.assignees(request, actor: actor, people: candidates, teams: teams)
            var outcome = AssignmentOutcome(addressed: addressed, added: [], updated: [])
            for person in people {
                if let id = try Int64.fetchOne(db, sql: """
                    SELECT id FROM assignment WHERE assigned_by_id = ? AND person_id = ? AND survey_id = ?
                      AND coalesce(phase, '') = ?
                    """, arguments: [actor.id, person.id, request.surveyID, request.phase?.rawValue ?? ""]) {
                    try db.execute(sql: "UPDATE assignment SET due = ?, addressed = ?, assigned_at = ? WHERE id = ?",
                                   arguments: [request.due, addressed, now, id])
                    outcome.updated.append(person.name)
                } else {
                    try db.execute(sql: """
                        INSERT INTO assignment (survey_id, kind, phase, person_id, assigned_by_id, assigned_at, due, addressed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [request.surveyID, request.kind.rawValue, request.phase?.rawValue, person.id, actor.id,
                                         now, request.due, addressed])
                    outcome.added.append(person.name)
                }
            }
            return outcome
        }
    }

    /// The assignment rows `viewerName` may see: their own, and those they assigned, with a
    /// wellbeing check-in's small groups told only as counts (`minGroup` may only raise the
    /// organisation's minimum).
    public func assignmentRows(viewer viewerName: String, minGroup: Int) throws -> [AssignmentRow] {
        try read { db in
            let viewer = try Self.existingPerson(viewerName, db)
            let minimum = try Self.orgSettings(db).effectiveMinGroup(requested: minGroup)
            return try Row.fetchAll(db, sql: AssignmentRules.progressSQL(viewer: "\(viewer.id ?? -1)", minimum: "\(minimum)"))
                .map { row in
                    AssignmentRow(id: row["id"], entry: row["entry"], surveyID: row["survey_id"], kind: row["kind"],
                                  phase: row["phase"], due: row["due"], addressed: row["addressed"],
                                  assignedBy: row["assigned_by"], assignedAt: row["assigned_at"], person: row["person"],
                                  team: row["team"], done: row["done"])
                }
        }
    }

    /// Withdraws assignment `id` (every row of it: the same survey, phase, due date and
    /// addressing), or only `personName`'s row of it; its assigner alone may.
    public func unassign(id: Int64, person personName: String?, by actorName: String) throws -> AssignmentRemoval {
        try write { db in
            let actor = try Self.existingPerson(actorName, db)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT survey_id, phase, due, addressed FROM assignment WHERE id = ? AND assigned_by_id = ?
                """, arguments: [id, actor.id]) else { throw AssignmentError.unknownAssignment(id) }
            let surveyID: String = row["survey_id"], phase: String? = row["phase"]
            let due: String = row["due"], addressed: String = row["addressed"]
            var members = try Row.fetchAll(db, sql: """
                SELECT a.id, p.name FROM assignment a JOIN person p ON p.id = a.person_id
                WHERE a.assigned_by_id = ? AND a.survey_id = ? AND coalesce(a.phase, '') = ? AND a.due = ? AND a.addressed = ?
                ORDER BY p.name
                """, arguments: [actor.id, surveyID, phase ?? "", due, addressed]).map { (id: $0[0] as Int64, name: $0[1] as String) }
            if let personName {
                let person = try Self.existingPerson(personName, db)
                members = members.filter { $0.name == person.name }
                guard !members.isEmpty else { throw AssignmentError.notAssigned(id, person: person.name) }
            }
            for member in members {
                try db.execute(sql: "DELETE FROM assignment WHERE id = ?", arguments: [member.id])
            }
            let people = members.map(\.name)
            return AssignmentRemoval(surveyID: surveyID, phase: phase, people: people)
        }
    }
}
