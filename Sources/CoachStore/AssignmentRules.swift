import CoachCore
import Foundation

/// The rules of assignments, written once for both engines (docs/privacy.md, "Assignments"):
///
/// - HR assigns to anyone; a manager to their own reps only (`--team` their own team, `--all`
///   all their reps); a rep assigns nothing. Every assignee's role is the survey's audience; a
///   one-on-one is never assigned, `--phase` is for a quiz only.
/// - One row per assignee. Assigning the same survey (and phase) again to someone who has it from
///   the same assigner updates that row (due date, addressing, and it counts from now) instead
///   of adding another.
/// - Done: a completed session of that survey, kind and phase about the assignee, completed after
///   the assignment was made (who ran it does not matter: HR's `quiz --for` counts for the subject).
/// - Who sees a row: the assignee (their own) and the assigner (their own). Whether an assignee has
///   done a wellbeing check-in (kind `check-in`) is told to the assigner by name only where the
///   assignment's group in that assignee's team is at least the minimum group; otherwise only as
///   that team's count, without the id or the name of each row.
public enum AssignmentRules {
    /// A person who may be assigned something, with their team's name.
    public struct Candidate: Sendable {
        public var person: Person
        public var team: String?

        public init(person: Person, team: String?) {
            self.person = person
            self.team = team
        }
    }

    /// The people `request` addresses when `actor` assigns it, sorted by name, and how it was
    /// addressed; refused when the actor may not assign it to them.
    public static func assignees(_ request: AssignmentRequest, actor: Person, people: [Candidate], teams: [String]) throws
        -> (people: [Person], addressed: String) {
        guard actor.role != .rep else {
            throw StoreError.notAllowed("a rep assigns nothing; your manager or HR assigns surveys to you")
        }
        if request.kind == .oneOnOne || request.kind == .retro { throw AssignmentError.notAssignable(survey: request.surveyID, kind: request.kind.rawValue) }
        if request.phase != nil, request.kind != .quiz {
            throw AssignmentError.phaseNotAQuiz(survey: request.surveyID, kind: request.kind.rawValue)
        }
        _ = try ItemRules.validatedDue(request.due)
        let isHR = actor.role == .hr
        let mine = { (candidate: Candidate) in isHR || candidate.person.managerID == actor.id }
        let chosen: [Candidate]
        let addressed: String
        switch request.scope {
        case let .person(name):
            let key = NameKey.normalized(name.trimmingCharacters(in: .whitespacesAndNewlines)).lowercased()
            guard let found = people.first(where: { $0.person.name.lowercased() == key }) else {
                throw StoreError.unknownPerson(name, suggestion: suggestion(for: name, among: people.map(\.person.name)))
            }
            guard mine(found) else {
                throw StoreError.notAllowed("a manager assigns to their own reps only, and \(found.person.name) is not one of yours")
            }
            guard found.person.role == request.audience else {
                throw AssignmentError.wrongAudience(survey: request.surveyID, person: found.person.name, role: found.person.role,
                                                    audience: request.audience)
            }
            chosen = [found]
            addressed = found.person.name
        case let .team(name):
            let key = NameKey.normalized(name.trimmingCharacters(in: .whitespacesAndNewlines)).lowercased()
            guard let team = teams.first(where: { $0.lowercased() == key }) else {
                throw StoreError.unknownTeam(name, suggestion: suggestion(for: name, among: teams))
            }
            let actorTeam = people.first { $0.person.id == actor.id }?.team
            if !isHR, actorTeam?.lowercased() != key {
                throw StoreError.notAllowed("a manager assigns to their own team only (\(actorTeam ?? "none")), not \(team)")
            }
            chosen = people.filter { $0.team?.lowercased() == key && mine($0) && $0.person.role == request.audience }
            addressed = "team \(team)"
        case .all:
            chosen = people.filter { mine($0) && $0.person.role == request.audience && $0.person.id != actor.id }
            addressed = isHR ? "everyone" : "\(actor.name)'s reps"
        }
        guard !chosen.isEmpty else {
            throw AssignmentError.nobodyToAssign(survey: request.surveyID, addressed: addressed, audience: request.audience)
        }
        return (chosen.map(\.person).sorted { $0.name.lowercased() < $1.name.lowercased() }, addressed)
    }

    /// The assignment rows `viewer` (an SQL expression for the viewer's person id) may see, with
    /// `minimum` (an SQL expression) as the minimum group, in the columns of `AssignmentRow`:
    /// `id, entry, survey_id, kind, phase, due, addressed, assigned_by, assigned_at, person, team, done`.
    /// `schema` prefixes the tables (`coach.` on the organisation store). Both engines run this
    /// query: the local store directly, the organisation store inside `coach.assignment_progress`.
    /// Rows whose person is not named are ordered by whether they are done, never by name.
    public static func progressSQL(viewer: String, minimum: String, schema: String = "") -> String {
        """
        SELECT CASE WHEN x.hidden THEN NULL ELSE x.id END AS id, x.entry, x.survey_id, x.kind, x.phase, x.due, x.addressed,
               x.assigned_by, x.assigned_at, CASE WHEN x.hidden THEN NULL ELSE x.person END AS person, x.team, x.done
        FROM (
          SELECT m.*, (m.kind = 'check-in' AND m.person_id <> \(viewer) AND m.group_size < \(minimum)) AS hidden
          FROM (
            SELECT a.id, a.survey_id, a.kind, a.phase, a.due, a.addressed, a.assigned_at, a.person_id,
                   b.name AS assigned_by, p.name AS person, t.name AS team,
                   MIN(a.id) OVER (PARTITION BY a.assigned_by_id, a.survey_id, a.phase, a.due, a.addressed) AS entry,
                   COUNT(*) OVER (PARTITION BY a.assigned_by_id, a.survey_id, a.phase, a.due, a.addressed, p.team_id)
                     AS group_size,
                   EXISTS (SELECT 1 FROM \(schema)session s
                           WHERE s.subject_id = a.person_id AND s.survey_id = a.survey_id AND s.kind = a.kind
                             AND s.state = 'completed' AND s.draft = false AND s.completed_at >= a.assigned_at
                             AND (a.phase IS NULL OR s.phase = a.phase)) AS done
            FROM \(schema)assignment a JOIN \(schema)person p ON p.id = a.person_id
              JOIN \(schema)person b ON b.id = a.assigned_by_id LEFT JOIN \(schema)team t ON t.id = p.team_id
            WHERE a.assigned_by_id = \(viewer) OR a.person_id = \(viewer)
          ) m
        ) x
        ORDER BY x.entry, x.team, x.hidden, CASE WHEN x.hidden THEN NULL ELSE x.person END, x.done
        """
    }
}
