import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// Assignments on the organisation store. The policies on `coach.assignment` decide what the
/// login reads, writes and removes, and `coach.assignment_progress` what it learns of who has
/// done what; coach asks first (`AssignmentRules`) only to say why in the local store's words.
extension OrgDatabase: AssignmentStore {
    public func assign(_ request: AssignmentRequest, by actorName: String, at now: Date) throws -> AssignmentOutcome {
        try connection.transaction {
            let me = try me()
            let candidates = try connection.query("""
                SELECT p.id, p.name, p.role, p.team_id, p.manager_id, p.share_wellbeing, p.created_at, t.name
                FROM coach.person p LEFT JOIN coach.team t ON t.id = p.team_id
                """).map { row in
                let (id, name, role, team, manager, share, created, teamName) =
                    try row.decode((Int64, String, String, Int64?, Int64?, Bool?, Date, String?).self)
                return AssignmentRules.Candidate(
                    person: Person(id: id, name: name, role: Role(rawValue: role) ?? .rep, teamID: team, managerID: manager,
                                   shareWellbeing: share, createdAt: created),
                    team: teamName)
            }
            let teams = try connection.query("SELECT name FROM coach.team ORDER BY name").map { try $0.decode(String.self) }
            let (people, addressed) = try AssignmentRules.assignees(request, actor: me, people: candidates, teams: teams)
            var outcome = AssignmentOutcome(addressed: addressed, added: [], updated: [])
            let phase = request.phase?.rawValue
            for person in people {
                let personID = person.id ?? -1
                let existing = try connection.query("""
                    SELECT id FROM coach.assignment WHERE assigned_by_id = coach.me() AND person_id = \(personID)
                      AND survey_id = \(request.surveyID) AND coalesce(phase, '') = \(phase ?? "")
                    """).first?.decode(Int64.self)
                try refusalsAsStoreErrors {
                    if let existing {
                        try connection.query("""
                            UPDATE coach.assignment SET due = \(request.due), addressed = \(addressed), assigned_at = \(now)
                            WHERE id = \(existing)
                            """)
                    } else {
                        try connection.query("""
                            INSERT INTO coach.assignment (survey_id, kind, phase, person_id, assigned_by_id, due, addressed)
                            VALUES (\(request.surveyID), \(request.kind.rawValue), \(phase), \(personID), coach.me(),
                                    \(request.due), \(addressed))
                            """)
                    }
                }
                if existing != nil { outcome.updated.append(person.name) } else { outcome.added.append(person.name) }
            }
            return outcome
        }
    }

    public func assignmentRows(viewer viewerName: String, minGroup: Int) throws -> [AssignmentRow] {
        try connection.query("SELECT * FROM coach.assignment_progress(\(minGroup)::integer)").map { row in
            let (id, entry, survey, kind, phase, due, addressed, assignedBy, assignedAt, person, team, done) =
                try row.decode((Int64?, Int64, String, String, String?, String, String, String, Date, String?, String?, Bool).self)
            return AssignmentRow(id: id, entry: entry, surveyID: survey, kind: kind, phase: phase, due: due, addressed: addressed,
                                 assignedBy: assignedBy, assignedAt: assignedAt, person: person, team: team, done: done)
        }
    }

    public func unassign(id: Int64, person personName: String?, by actorName: String) throws -> AssignmentRemoval {
        try connection.transaction {
            // An assignment the login did not make is, to them, no assignment at all.
            guard let row = try connection.query("""
                SELECT survey_id, phase, due, addressed FROM coach.assignment WHERE id = \(id) AND assigned_by_id = coach.me()
                """).first else { throw AssignmentError.unknownAssignment(id) }
            let (surveyID, phase, due, addressed) = try row.decode((String, String?, String, String).self)
            let members = try connection.query("""
                SELECT a.id, p.name FROM coach.assignment a JOIN coach.person p ON p.id = a.person_id
                WHERE a.assigned_by_id = coach.me() AND a.survey_id = \(surveyID) AND coalesce(a.phase, '') = \(phase ?? "")
                  AND a.due = \(due) AND a.addressed = \(addressed)
                ORDER BY p.name
                """).map { try $0.decode((Int64, String).self) }
            var chosen = members
            if let personName {
                let person = try existingPerson(personName)
                chosen = members.filter { $0.1 == person.name }
                guard !chosen.isEmpty else { throw AssignmentError.notAssigned(id, person: person.name) }
            }
            try refusalsAsStoreErrors {
                try connection.query("DELETE FROM coach.assignment WHERE id = ANY (\(chosen.map(\.0)))")
            }
            return AssignmentRemoval(surveyID: surveyID, phase: phase, people: chosen.map(\.1))
        }
    }
}
