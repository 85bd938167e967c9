/// One question of a survey.
public struct Question: Sendable, Equatable {
    /// `[a-z0-9_]+`, unique in the file.
    public var id: String
    public var text: String
    public var type: QuestionType
    /// The title of the section it belongs to; nil in a flat survey.
    public var section: String?
    /// Resolved choices (`choice` and `multi`), from a named list or inline.
    public var choices: [Choice]
    /// The named list the choices came from, if any.
    public var choiceList: String?
    public var required: Bool
    /// Skip logic: asked only when true.
    public var when: ParsedExpression?
    /// Validation of the answer (`.`).
    public var constraint: ParsedExpression?
    public var constraintMessage: String?
    public var help: String?
    /// Seen by its author alone.
    public var isPrivate: Bool
    /// `text`: read until a line with a single `.`.
    public var multiline: Bool
    /// `text` (a coach extension of format 1): the answer becomes an agenda item for the
    /// subject's next one-on-one.
    public var feedsAgenda: Bool
    /// `text` (a coach extension of format 1): the answer is customer feedback of this kind,
    /// which `feedback` lists; a multiline answer gives one piece per line.
    public var customerFeedback: CustomerFeedbackKind?
    /// `scale` (required) and `number` (optional) bounds.
    public var min: Double?
    public var max: Double?
    /// `scale` labels by value.
    public var labels: [Int: String]
    /// `number` unit.
    public var unit: String?
    /// `kpi` questions.
    public var kpis: [KPIDefinition]
    /// Quiz key; nil for unscored questions.
    public var answer: QuizAnswer?
    /// `number` quiz answers: inclusive tolerance.
    public var tolerance: Double?
    /// Quiz points (default 1).
    public var points: Double
    public var explain: String?
    public var category: String?

    public init(id: String, text: String, type: QuestionType) {
        self.id = id
        self.text = text
        self.type = type
        self.choices = []
        self.required = true
        self.isPrivate = false
        self.multiline = false
        self.feedsAgenda = false
        self.labels = [:]
        self.kpis = []
        self.points = 1
    }

    /// The lowest and highest value the answer can score, for score items; nil when not numeric or unbounded.
    public var numericRange: ClosedRange<Double>? {
        switch type {
        case .choice:
            let numbers = choices.compactMap(\.value.number)
            guard !numbers.isEmpty, numbers.count == choices.count,
                  let low = numbers.min(), let high = numbers.max() else { return nil }
            return low...high
        case .scale, .number:
            guard let low = min, let high = max, low <= high else { return nil }
            return low...high
        default:
            return nil
        }
    }
}

/// Whether a piece of customer feedback is a complaint (which `due` lists once it is older than
/// the organisation's response time) or anything else a customer said.
public enum CustomerFeedbackKind: String, Sendable, Codable, CaseIterable {
    case complaint, other
}

/// Every question type of format 1.
public enum QuestionType: String, CaseIterable, Sendable {
    case choice, multi, scale, number, yesno, text, date, actions
    case reviewActions = "review-actions"
    case agenda, kpi
}

/// One option of a choice list.
public struct Choice: Sendable, Equatable {
    public var value: ChoiceValue
    public var label: String

    public init(value: ChoiceValue, label: String) {
        self.value = value
        self.label = label
    }
}


/// The right answer of a quiz question.
public enum QuizAnswer: Sendable, Equatable {
    case choice(ChoiceValue)
    case choices([ChoiceValue])
    case number(Double)
    /// Accepted texts (compared case-insensitively by the grader).
    case texts([String])
    case bool(Bool)
}
