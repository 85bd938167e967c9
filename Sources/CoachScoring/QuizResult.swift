import CoachCore

/// The mark of one quiz question.
public struct QuestionMark: Sendable, Equatable {
    /// The question's id.
    public var questionID: String
    /// Points earned, `0...maxMark` (partial credit for `multi`).
    public var mark: Double
    /// The question's `points`.
    public var maxMark: Double
    /// True only for a full mark.
    public var correct: Bool
    /// False when the question was not answered (its mark is then 0).
    public var answered: Bool

    /// Creates a mark.
    public init(questionID: String, mark: Double, maxMark: Double, correct: Bool, answered: Bool = true) {
        self.questionID = questionID
        self.mark = mark
        self.maxMark = maxMark
        self.correct = correct
        self.answered = answered
    }
}

/// A graded quiz attempt.
public struct QuizResult: Sendable, Equatable {
    /// One mark per question with an `answer` key, in the survey's order.
    public var marks: [QuestionMark]
    /// Sum of the marks.
    public var points: Double
    /// Sum of the questions' `points`.
    public var maxPoints: Double
    /// `100 × points / maxPoints`, 0–100; nil when no question carries points.
    public var percent: Double?
    /// The quiz's pass mark in percent; nil when the quiz sets none.
    public var passMark: Double?
    /// `percent ≥ pass` (inclusive); nil when there is no pass mark or no percent.
    public var passed: Bool?

    /// Creates a result.
    public init(marks: [QuestionMark], points: Double, maxPoints: Double, percent: Double?,
                passMark: Double?, passed: Bool?) {
        self.marks = marks
        self.points = points
        self.maxPoints = maxPoints
        self.percent = percent
        self.passMark = passMark
        self.passed = passed
    }

    /// The stored scores, in this order: `points`, `max_points`, `percent`, `passed` (1 or 0).
    ///
    /// All four are always present; `percent` and `passed` have a nil value (no score) when they
    /// are undefined (no points to earn, or no pass mark).
    public var asScores: [ScoreResult] {
        [
            ScoreResult(scoreID: "points", value: points),
            ScoreResult(scoreID: "max_points", value: maxPoints),
            ScoreResult(scoreID: "percent", value: percent),
            ScoreResult(scoreID: "passed", value: passed.map { $0 ? 1 : 0 }),
        ]
    }
}
