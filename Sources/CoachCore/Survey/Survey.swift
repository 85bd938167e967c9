/// A validated survey file: a one-on-one template, a quiz, a check-in, a self-assessment.
public struct Survey: Sendable, Equatable {
    /// The file format version (always 1 for a loaded survey).
    public var format: Int
    /// `[a-z0-9-]+`, unique across the surveys folder.
    public var id: String
    public var title: String
    public var kind: SurveyKind
    /// Who answers it.
    public var audience: Role
    public var cadence: Cadence?
    public var intro: String?
    /// The sections in order; a file with a flat `questions:` list has none.
    public var sections: [SurveySection]
    /// Every question in asking order, sections flattened.
    public var questions: [Question]
    public var scores: [ScoreDefinition]
    public var tests: [SurveyTestVector]
    /// Quiz settings; nil unless `kind` is `quiz`.
    public var quiz: QuizSettings?
    /// SHA-256 of the file's bytes, 64 lowercase hex digits.
    public var contentHash: String
    /// Where the survey was read from (a path, or `embedded:<name>`).
    public var source: String

    /// The question with `id`, if any.
    public func question(id: String) -> Question? { questions.first { $0.id == id } }

    /// The score with `id`, if any.
    public func score(id: String) -> ScoreDefinition? { scores.first { $0.id == id } }
}

/// What a survey is for.
public enum SurveyKind: String, CaseIterable, Sendable, Codable {
    case oneOnOne = "one-on-one"
    case quiz
    case checkIn = "check-in"
    case selfAssessment = "self-assessment"
    case feedback
    /// A performance review of a period (`performance-review` by the manager, `self-review` by
    /// the rep): seen by the rep, their manager and HR.
    case review
    /// A team's retrospective (`retro --team T`): each question is a list the team fills, one
    /// item per line; run by the team's manager, never with `run`.
    case retro
}

/// How often a survey is due.
public enum Cadence: String, CaseIterable, Sendable, Codable {
    case weekly, fortnightly, monthly, once
}

/// A titled group of questions.
public struct SurveySection: Sendable, Equatable {
    public var title: String
    public var intro: String?
    /// The ids of its questions, in order.
    public var questionIDs: [String]
}

/// Quiz-wide settings (`pass`, `shuffle`, `draw`, `attempts`, `grading`, `feedback`).
public struct QuizSettings: Sendable, Equatable {
    /// Pass mark in percent (0–100); nil: no pass/fail.
    public var pass: Double?
    public var shuffle: Shuffle = .none
    /// Questions drawn at random from the pool; nil: all.
    public var draw: Int?
    /// Attempts allowed; nil: unlimited.
    public var attempts: Int?
    public var grading: Grading = .highest
    public var feedback: Feedback = .end

    public init(pass: Double? = nil, shuffle: Shuffle = .none, draw: Int? = nil, attempts: Int? = nil,
                grading: Grading = .highest, feedback: Feedback = .end) {
        self.pass = pass
        self.shuffle = shuffle
        self.draw = draw
        self.attempts = attempts
        self.grading = grading
        self.feedback = feedback
    }

    public enum Shuffle: String, CaseIterable, Sendable { case questions, choices, both, none }
    public enum Grading: String, CaseIterable, Sendable { case highest, first, last, average }
    public enum Feedback: String, CaseIterable, Sendable { case immediate, end }
}

/// A test vector: answers and the scores they must produce.
public struct SurveyTestVector: Sendable, Equatable {
    public var name: String
    public var answers: [String: AnswerValue]
    /// Keys: a score id, `<score>.band`, `alert`, or for quizzes `points`, `max_points`, `percent`, `passed`.
    public var expect: [String: ExpectedValue]
    /// The line of the test in the file, for failure reports.
    public var line: Int
}

/// An expected value in a test vector.
public enum ExpectedValue: Hashable, Sendable {
    case null
    case number(Double)
    case string(String)
    case bool(Bool)
}
