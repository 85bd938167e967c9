import CoachCore
import CoachScoring
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
    var scores: [ScoreRow]
    var marks: [MarkRow]
    public var effects: SessionEffects

    /// A session scored by the one scoring rule (`ScoredSession`), as every import must be.
    public init(surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
                phase: SessionPhase? = nil, periodKey: String? = nil, startedAt: Date, completedAt: Date,
                answers: [ImportedAnswer], scored: ScoredSession, effects: SessionEffects = SessionEffects()) {
        self.init(surveyID: surveyID, surveyHash: surveyHash, kind: kind, subjectID: subjectID, authorID: authorID,
                  phase: phase, periodKey: periodKey, startedAt: startedAt, completedAt: completedAt,
                  answers: answers, scores: scored.scoreRows, marks: scored.markRows, effects: effects)
    }

    /// Rows as given: for tests that plant scores.
    init(surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
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

/// A completed session with the values of its session, answer, score and mark rows rendered
/// ahead. Rendering needs no database, so another thread can prepare sessions while the writer
/// writes; the answers themselves are not kept (freeing them is the preparing thread's work).
public struct PreparedSession: Sendable {
    /// The session row (its id is set on import).
    let session: Session
    let completedAt: Date
    let effects: SessionEffects
    let answers: Int, scores: Int, marks: Int
    /// The scores with a value, for the weekly rows (`PreparedHistory`).
    let weeklyScores: [(id: String, value: Double)]
    /// The session row's values, then per answer: question_id, value, is_private, position,
    /// answered_at; per score: score_id, value, band, alert, band_private; per mark: question_id, mark, max_mark
    /// (the session id of those rows is bound on import).
    let values: BulkValues

    static let sessionWidth = 13, answerWidth = 5, scoreWidth = 5, markWidth = 3

    public init(_ input: CompletedSessionInput) {
        session = Session(
            id: nil, surveyID: input.surveyID, surveyHash: input.surveyHash, kind: input.kind,
            subjectID: input.subjectID, authorID: input.authorID, startedAt: input.startedAt,
            updatedAt: input.completedAt, completedAt: input.completedAt, state: .completed,
            phase: input.phase, supersedesID: nil, quizLayout: nil, periodKey: input.periodKey)
        completedAt = input.completedAt
        effects = input.effects
        (answers, scores, marks) = (input.answers.count, input.scores.count, input.marks.count)
        weeklyScores = input.scores.compactMap { row in row.value.map { (row.scoreID, $0) } }
        var values = BulkValues(
            values: Self.sessionWidth + answers * Self.answerWidth + scores * Self.scoreWidth + marks * Self.markWidth,
            bytes: 160 + input.answers.reduce(0) { $0 + $1.questionID.utf8.count + $1.valueJSON.utf8.count + 23 }
                + scores * 24 + marks * 16)
        // The row `Session.insert` writes.
        values.append(session.surveyID)
        values.append(session.surveyHash)
        values.append(session.kind)
        values.append(session.subjectID)
        values.append(session.authorID)
        values.append(date: session.startedAt)
        values.append(date: session.updatedAt)
        values.append(date: completedAt)
        values.append(session.state)
        values.append(session.phase)
        values.append(session.supersedesID)
        values.append(session.quizLayout)
        values.append(session.periodKey)
        for answer in input.answers {
            values.append(answer.questionID)
            values.append(answer.valueJSON)
            values.append(answer.isPrivate)
            values.append(answer.position)
            values.append(date: answer.answeredAt)
        }
        for row in input.scores {
            values.append(row.scoreID)
            values.append(row.value)
            values.append(row.band)
            values.append(row.alert)
            values.append(row.bandPrivate)
        }
        for row in input.marks {
            values.append(row.questionID)
            values.append(row.mark)
            values.append(row.maxMark)
        }
        self.values = values
    }
}

/// Goals with the values of their rows rendered ahead (any thread), for `BulkImporter.setGoals`.
public struct PreparedGoals: Sendable {
    /// Per goal: person_id, kpi, period, target, set_by_id, set_at.
    let values: BulkValues
    /// The first target that is not a finite number: `setGoals` refuses it, as `setGoal` does.
    let invalidTarget: Double?

    static let width = 6

    public init(_ goals: [ImportedGoal]) {
        var values = BulkValues(values: goals.count * Self.width, bytes: goals.count * 48)
        for goal in goals {
            values.append(goal.personID)
            values.append(goal.kpi)
            values.append(period: goal.period)
            values.append(goal.target)
            values.append(goal.setByID)
            values.append(date: goal.setAt)
        }
        self.values = values
        invalidTarget = goals.first { !$0.target.isFinite }?.target
    }
}
