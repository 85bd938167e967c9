import CoachCore
import Foundation

/// A person to import. Names follow the same rules as `addPerson`; the team is created if new
/// (a manager joining a team without one becomes its manager).
public struct ImportedPerson: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var team: String?
    /// The manager's id (an already imported or existing manager).
    public var managerID: Int64?
    public var shareWellbeing: Bool?
    public var createdAt: Date

    public init(name: String, role: Role, team: String?, managerID: Int64?, shareWellbeing: Bool?, createdAt: Date) {
        self.name = name
        self.role = role
        self.team = team
        self.managerID = managerID
        self.shareWellbeing = shareWellbeing
        self.createdAt = createdAt
    }
}

/// A goal to import (the same row `setGoal` writes).
public struct ImportedGoal: Sendable, Equatable {
    public var personID: Int64
    public var kpi: String
    public var period: Period
    public var target: Double
    public var setByID: Int64
    public var setAt: Date

    public init(personID: Int64, kpi: String, period: Period, target: Double, setByID: Int64, setAt: Date) {
        self.personID = personID
        self.kpi = kpi
        self.period = period
        self.target = target
        self.setByID = setByID
        self.setAt = setAt
    }
}

/// One stored answer of an imported session (`valueJSON` as `AnswerValue.jsonText` writes it).
public struct ImportedAnswer: Sendable, Equatable {
    public var questionID: String
    public var valueJSON: String
    public var isPrivate: Bool
    public var position: Int
    public var answeredAt: Date

    public init(questionID: String, valueJSON: String, isPrivate: Bool, position: Int, answeredAt: Date) {
        self.questionID = questionID
        self.valueJSON = valueJSON
        self.isPrivate = isPrivate
        self.position = position
        self.answeredAt = answeredAt
    }
}

/// A session that was run and completed in the past: what `startSession`, `saveAnswer` and
/// `completeSession` would have written, in one value.
public struct CompletedSessionInput: Sendable, Equatable {
    public var surveyID: String
    /// A `survey_version` already recorded.
    public var surveyHash: String
    public var kind: String
    public var subjectID: Int64
    public var authorID: Int64
    public var phase: SessionPhase?
    public var periodKey: String?
    public var startedAt: Date
    public var completedAt: Date
    public var answers: [ImportedAnswer]
    public var scores: [ScoreRow]
    public var marks: [MarkRow]
    public var effects: SessionEffects

    public init(surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
                phase: SessionPhase? = nil, periodKey: String? = nil, startedAt: Date, completedAt: Date,
                answers: [ImportedAnswer], scores: [ScoreRow], marks: [MarkRow] = [],
                effects: SessionEffects = SessionEffects()) {
        self.surveyID = surveyID
        self.surveyHash = surveyHash
        self.kind = kind
        self.subjectID = subjectID
        self.authorID = authorID
        self.phase = phase
        self.periodKey = periodKey
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.answers = answers
        self.scores = scores
        self.marks = marks
        self.effects = effects
    }
}

/// What importing a session created: its id, and the ids of the action and agenda items its
/// effects added, in the order the effects listed them.
public struct ImportedSession: Sendable, Equatable {
    public var id: Int64
    public var newActionIDs: [Int64]
    public var newAgendaIDs: [Int64]
}
