/// The value of an expression while it is evaluated.
public enum ExpressionValue: Hashable, Sendable {
    case null
    case number(Double)
    case string(String)
    case bool(Bool)
    /// A multi answer's values.
    case list([ChoiceValue])

    /// Truthiness for `when`, `and`, `or`, `not`: only `true` is true; null and everything else is false.
    public var isTrue: Bool { self == .bool(true) }
}

extension Expression {
    /// Evaluates with `answers` (an id absent from it is unanswered, i.e. null) and `current`, the
    /// answer `.` stands for. Never traps: type mismatches and division by zero give null.
    ///
    /// Comparisons with null are false (`!=` too); arithmetic with null is null; `and`, `or`,
    /// `not` treat null as false. Values of different types are unequal and unordered.
    public func evaluate(answers: [String: AnswerValue], current: AnswerValue? = nil) -> ExpressionValue {
        func lookup(_ reference: AnswerReference) -> AnswerValue? {
            switch reference {
            case .current: return current
            case .question(let id): return answers[id]
            }
        }
        switch self {
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .null: return .null
        case .answer(let reference): return ExpressionValue(answer: lookup(reference))
        case .negate(let operand):
            if case .number(let n) = operand.evaluate(answers: answers, current: current) { return .number(-n) }
            return .null
        case .not(let operand):
            return .bool(!operand.evaluate(answers: answers, current: current).isTrue)
        case .and(let l, let r):
            return .bool(l.evaluate(answers: answers, current: current).isTrue
                         && r.evaluate(answers: answers, current: current).isTrue)
        case .or(let l, let r):
            return .bool(l.evaluate(answers: answers, current: current).isTrue
                         || r.evaluate(answers: answers, current: current).isTrue)
        case .arithmetic(let op, let l, let r):
            guard case .number(let a) = l.evaluate(answers: answers, current: current),
                  case .number(let b) = r.evaluate(answers: answers, current: current) else { return .null }
            let result: Double
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                guard b != 0 else { return .null }
                result = a / b
            }
            return result.isFinite ? .number(result) : .null
        case .comparison(let op, let l, let r):
            return .bool(Expression.compare(op, l.evaluate(answers: answers, current: current),
                                            r.evaluate(answers: answers, current: current)))
        case .answered(let reference):
            return .bool(lookup(reference) != nil)
        case .count(let reference):
            switch lookup(reference) {
            case nil: return .number(0)
            case .choices(let values)?: return .number(Double(values.count))
            case .structured(.array(let items))?: return .number(Double(items.count))
            case .structured(.object(let fields))?: return .number(Double(fields.count))
            case .text(let text)? where text.isEmpty: return .number(0)
            default: return .number(1)
            }
        case .selected(let reference, let valueExpression):
            let wanted = valueExpression.evaluate(answers: answers, current: current)
            switch lookup(reference) {
            case .choices(let values)?: return .bool(values.contains { ExpressionValue(choice: $0) == wanted })
            case .choice(let value)?: return .bool(ExpressionValue(choice: value) == wanted)
            default: return .bool(false)
            }
        }
    }

    /// `evaluate(...)` is `true` (for `when` and `constraint`).
    public func isTrue(answers: [String: AnswerValue], current: AnswerValue? = nil) -> Bool {
        evaluate(answers: answers, current: current).isTrue
    }

    private static func compare(_ op: ComparisonOperator, _ a: ExpressionValue, _ b: ExpressionValue) -> Bool {
        if a == .null || b == .null { return false }
        switch (a, b) {
        case (.number(let x), .number(let y)): return ordered(op, x, y)
        case (.string(let x), .string(let y)): return ordered(op, x, y)
        default:
            switch op {
            case .equal: return a == b
            case .notEqual: return a != b
            default: return false
            }
        }
    }

    private static func ordered<T: Comparable>(_ op: ComparisonOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        case .greaterEqual: return x >= y
        }
    }
}

extension ExpressionValue {
    /// The expression value of a stored answer; nil (unanswered) is null.
    public init(answer: AnswerValue?) {
        switch answer {
        case nil: self = .null
        case .number(let n)?: self = .number(n)
        case .text(let s)?: self = .string(s)
        case .bool(let b)?: self = .bool(b)
        case .choice(let c)?: self = ExpressionValue(choice: c)
        case .choices(let values)?: self = .list(values)
        case .date(let d)?: self = .string(d)
        case .structured(let json)?:
            switch json {
            case .null: self = .null
            case .bool(let b): self = .bool(b)
            case .number(let n): self = .number(n)
            case .string(let s): self = .string(s)
            case .array, .object: self = .null
            }
        }
    }

    init(choice: ChoiceValue) {
        switch choice {
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        }
    }
}
