import CoachCore
import Foundation

/// Whom an assignment is addressed to (`assign SURVEY --person P | --team T | --all`).
public enum AssignmentScope: Equatable, Sendable {
    case person(String)
    case team(String)
    /// A manager's reps, or for HR everyone the survey's audience fits.
    case all
}

/// A survey or quiz to assign, as the catalog describes it, with whom and by when.
public struct AssignmentRequest: Equatable, Sendable {
    public var surveyID: String
    public var kind: SurveyKind
    /// Who answers the survey: every assignee must have this role.
    public var audience: Role
    /// For a quiz only: the pre- or post-training attempt.
    public var phase: SessionPhase?
    public var scope: AssignmentScope
    /// `YYYY-MM-DD`, today or later (the console checks it against the user's today).
    public var due: String

    public init(surveyID: String, kind: SurveyKind, audience: Role, phase: SessionPhase?, scope: AssignmentScope, due: String) {
        self.surveyID = surveyID
        self.kind = kind
        self.audience = audience
        self.phase = phase
        self.scope = scope
        self.due = due
    }
}

/// What `assign` stored: one row per assignee, new or updated.
public struct AssignmentOutcome: Equatable, Sendable {
    /// How the assignment was addressed (`Ana`, `team North`, `everyone`, `Marco's reps`).
    public var addressed: String
    /// Assignees given a new assignment.
    public var added: [String]
    /// Assignees who had it from the same assigner already: due date and addressing updated.
    public var updated: [String]

    public init(addressed: String, added: [String], updated: [String]) {
        self.addressed = addressed
        self.added = added
        self.updated = updated
    }
}

/// What `unassign` removed.
public struct AssignmentRemoval: Equatable, Sendable {
    public var surveyID: String
    public var phase: String?
    public var people: [String]

    public init(surveyID: String, phase: String?, people: [String]) {
        self.surveyID = surveyID
        self.phase = phase
        self.people = people
    }
}

/// One assignment row as a viewer may see it (`AssignmentRules.progressSQL`): the assignee's own
/// rows, and the rows the viewer assigned. For a wellbeing check-in in a team whose assigned
/// group is smaller than the minimum group, `id` and `person` are nil: only the team and whether
/// it is done are told.
public struct AssignmentRow: Equatable, Sendable {
    /// The row's id; nil when the person is not named.
    public var id: Int64?
    /// The assignment it belongs to as `assignments` lists it: the smallest id among the rows of
    /// the same assigner, survey, phase, due date and addressing.
    public var entry: Int64
    public var surveyID: String
    public var kind: String
    public var phase: String?
    public var due: String
    public var addressed: String
    public var assignedBy: String
    public var assignedAt: Date
    /// The assignee; nil when not named.
    public var person: String?
    public var team: String?
    /// A completed session of the survey (and phase) about the assignee, completed after the
    /// assignment was made.
    public var done: Bool

    public init(id: Int64?, entry: Int64, surveyID: String, kind: String, phase: String?, due: String, addressed: String,
                assignedBy: String, assignedAt: Date, person: String?, team: String?, done: Bool) {
        self.id = id
        self.entry = entry
        self.surveyID = surveyID
        self.kind = kind
        self.phase = phase
        self.due = due
        self.addressed = addressed
        self.assignedBy = assignedBy
        self.assignedAt = assignedAt
        self.person = person
        self.team = team
        self.done = done
    }
}

/// Why an assignment was refused, in words that say what to do.
public enum AssignmentError: Error, Equatable, LocalizedError, CustomStringConvertible {
    /// No one the scope names fits the survey's audience (or is the manager's rep).
    case nobodyToAssign(survey: String, addressed: String, audience: Role)
    /// The named person's role is not the survey's audience.
    case wrongAudience(survey: String, person: String, role: Role, audience: Role)
    /// A one-on-one is held, not assigned.
    case notAssignable(survey: String, kind: String)
    /// `--phase` given for a survey that is not a quiz.
    case phaseNotAQuiz(survey: String, kind: String)
    /// No assignment with that number among the viewer's own.
    case unknownAssignment(Int64)
    /// `--person` names someone the assignment does not include.
    case notAssigned(Int64, person: String)

    public var description: String {
        switch self {
        case let .nobodyToAssign(survey, addressed, audience):
            return "no one to assign \(survey) to in \(addressed): it is answered by \(Self.plural(audience)), "
                + "and none there is one you may assign to"
        case let .wrongAudience(survey, person, role, audience):
            return "\(survey) is answered by \(Self.plural(audience)), and \(person) is \(role == .hr ? "HR" : "a \(role.rawValue)")"
        case let .notAssignable(survey, kind):
            let held = kind == SurveyKind.retro.rawValue ? "a team's meeting ('retro --team TEAM')"
                : "held by a manager with a rep ('one-on-one PERSON')"
            return "\(survey) is a \(kind) survey, \(held); it cannot be assigned"
        case let .phaseNotAQuiz(survey, kind):
            return "\(survey) is a \(kind) survey; --phase pre|post is for a quiz"
        case let .unknownAssignment(id):
            return "no assignment #\(id) of yours; 'assignments' lists what you assigned"
        case let .notAssigned(id, person):
            return "assignment #\(id) does not include \(person); 'assignments' shows who it includes"
        }
    }

    public var errorDescription: String? { description }

    private static func plural(_ role: Role) -> String {
        switch role {
        case .rep: return "reps"
        case .manager: return "managers"
        case .hr: return "HR"
        }
    }
}
