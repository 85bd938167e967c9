/// What a function or a bare name refers to: a question's answer or the current answer (`.`).
public enum AnswerReference: Hashable, Sendable {
    case current
    case question(String)
}

/// A parsed `when`/`constraint` expression (its abstract syntax tree).
///
/// Parse with `Expression.parse(_:)`; evaluate with `evaluate(answers:current:)`.
public indirect enum Expression: Hashable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null
    /// A question id or `.`: that answer, or null when unanswered.
    case answer(AnswerReference)
    case negate(Expression)
    case not(Expression)
    case arithmetic(ArithmeticOperator, Expression, Expression)
    case comparison(ComparisonOperator, Expression, Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    /// `selected(id, value)`: the multi (or choice) answer includes `value`.
    case selected(AnswerReference, Expression)
    /// `answered(id)`.
    case answered(AnswerReference)
    /// `count(id)`: how many values a multi answer holds (1 for other answers, 0 unanswered).
    case count(AnswerReference)

    public enum ArithmeticOperator: String, Hashable, Sendable { case add = "+", subtract = "-", multiply = "*", divide = "/" }
    public enum ComparisonOperator: String, Hashable, Sendable {
        case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    }

    /// The question ids the expression reads, in order of first appearance.
    public var identifiers: [String] {
        var seen: [String] = []
        collect(into: &seen)
        return seen
    }

    private func collect(into seen: inout [String]) {
        func note(_ reference: AnswerReference) {
            if case .question(let id) = reference, !seen.contains(id) { seen.append(id) }
        }
        switch self {
        case .number, .string, .bool, .null: break
        case .answer(let r), .answered(let r), .count(let r): note(r)
        case .negate(let e), .not(let e): e.collect(into: &seen)
        case .arithmetic(_, let l, let r), .comparison(_, let l, let r), .and(let l, let r), .or(let l, let r):
            l.collect(into: &seen)
            r.collect(into: &seen)
        case .selected(let r, let e):
            note(r)
            e.collect(into: &seen)
        }
    }

    /// Parses expression text; the error carries the offset of the problem.
    public static func parse(_ text: String) -> Result<Expression, ExpressionError> {
        ExpressionParser.parse(text).map(\.expression)
    }
}

/// A parsed expression together with where each question id appears in its text.
public struct ParsedExpression: Sendable, Equatable {
    /// The source text as written in the survey file.
    public let source: String
    public let expression: Expression
    /// Each question id occurrence with its 0-based offset (Unicode scalars) in `source`.
    public let references: [(id: String, offset: Int)]

    public static func == (lhs: ParsedExpression, rhs: ParsedExpression) -> Bool {
        lhs.source == rhs.source && lhs.expression == rhs.expression
    }
}
