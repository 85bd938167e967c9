import Foundation

/// Turns one typed line into the answer to a simple question (every type but the meeting types),
/// or the reason it cannot be one.
public struct AnswerReading {
    public let question: Question
    public let today: Date
    public let calendar: Calendar

    public init(question: Question, today: Date = Date(), calendar: Calendar = .current) {
        self.question = question
        self.today = today
        self.calendar = calendar
    }

    public func read(_ text: String) -> Result<AnswerValue, AnswerProblem> {
        switch question.type {
        case .choice:
            return ChoiceKeys(question.choices).choice(for: text).map { .choice($0.value) }
        case .multi:
            return ChoiceKeys(question.choices).choices(for: text).map { .choices($0.map(\.value)) }
        case .scale:
            return readScale(text)
        case .number:
            return readNumber(text)
        case .yesno:
            switch text.lowercased() {
            case "y", "yes", "true": return .success(.bool(true))
            case "n", "no", "false": return .success(.bool(false))
            default: return .failure(AnswerProblem("Please answer y or n."))
            }
        case .text:
            return .success(.text(text))
        case .date:
            return DateAnswer.parse(text, today: today, calendar: calendar).map { .date($0) }
        case .actions, .reviewActions, .agenda, .kpi:
            return .failure(AnswerProblem("This question is answered step by step."))
        }
    }

    private func readScale(_ text: String) -> Result<AnswerValue, AnswerProblem> {
        let low = Int(question.min ?? 1), high = Int(question.max ?? 5)
        if let value = Int(text), (low...high).contains(value) { return .success(.number(Double(value))) }
        if let labelled = question.labels.first(where: { $0.value.lowercased() == text.lowercased() }) {
            return .success(.number(Double(labelled.key)))
        }
        return .failure(AnswerProblem("Type a whole number from \(low) to \(high)."))
    }

    private func readNumber(_ text: String) -> Result<AnswerValue, AnswerProblem> {
        var typed = text
        if let unit = question.unit, typed.lowercased().hasSuffix(unit.lowercased()) {
            typed = String(typed.dropLast(unit.count)).trimmingCharacters(in: .whitespaces)
        }
        guard let value = NumberText.parse(typed) else {
            return .failure(AnswerProblem("\(AnswerProblem.quoted(text)) is not a number; type digits, e.g. 42, 3.5 or 9,500."))
        }
        if let low = question.min, value < low { return .failure(AnswerProblem("Type a number of at least \(formatNumber(low)).")) }
        if let high = question.max, value > high { return .failure(AnswerProblem("Type a number of at most \(formatNumber(high)).")) }
        return .success(.number(value))
    }
}
