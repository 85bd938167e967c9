import Foundation

/// How a question looks in the terminal: progress, text, choices with their keys, scale labels,
/// and a hint of what to type.
public enum QuestionText {
    public static func render(_ question: Question, progress: String, current: AnswerValue?) -> String {
        var lines = ["[\(progress)] \(question.text)"]
        switch question.type {
        case .choice, .multi:
            let keys = ChoiceKeys(question.choices)
            let width = keys.keys.map(\.count).max() ?? 1
            for (key, choice) in zip(keys.keys, keys.choices) {
                lines.append("  " + key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + choice.label)
            }
        default:
            break
        }
        var hint = self.hint(for: question)
        if let current {
            hint += "; Enter keeps \(display(current, for: question))"
        } else if !question.required {
            hint += "; optional, Enter skips"
        }
        lines.append("  (\(hint))")
        return lines.joined(separator: "\n")
    }

    /// What to type, in a few words.
    static func hint(for question: Question) -> String {
        switch question.type {
        case .choice: return "type a key or the start of a label"
        case .multi: return "one or more keys, e.g. a,c"
        case .scale:
            let low = Int(question.min ?? 1), high = Int(question.max ?? 5)
            var text = "\(low)–\(high)"
            let labels = question.labels.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            if !labels.isEmpty { text += ": " + labels.joined(separator: " … ") }
            return text
        case .number:
            var text = "a number"
            switch (question.min, question.max) {
            case let (low?, high?): text += " from \(formatNumber(low)) to \(formatNumber(high))"
            case let (low?, nil): text += " of at least \(formatNumber(low))"
            case let (nil, high?): text += " of at most \(formatNumber(high))"
            default: break
            }
            if let unit = question.unit { text += " (\(unit))" }
            return text
        case .yesno: return "y/n"
        case .text: return question.multiline ? "several lines; a line with a single '.' ends" : "text"
        case .date: return "YYYY-MM-DD, today, +7d or a weekday"
        case .actions, .reviewActions, .agenda, .kpi: return "step by step"
        }
    }

    /// The `:help` text: the question's own help, then what to type and the session commands.
    public static func help(for question: Question) -> String {
        var lines: [String] = []
        if let help = question.help { lines.append(help.trimmingCharacters(in: .whitespacesAndNewlines)) }
        lines.append("Answer: \(hint(for: question)).")
        lines.append(question.required ? "This question needs an answer." : "This question is optional: Enter or :skip skips it.")
        lines.append(":back returns to the previous question; :pause (or Ctrl-C) stops for now, and 'resume' continues later.")
        return lines.joined(separator: "\n")
    }

    /// An answer as a person reads it: a choice's label, `yes`, the date, the text.
    public static func display(_ answer: AnswerValue, for question: Question?) -> String {
        switch answer {
        case let .number(value): return formatNumber(value)
        case let .text(text): return text
        case let .bool(value): return value ? "yes" : "no"
        case let .date(day): return day
        case let .choice(value):
            guard let label = question?.choices.first(where: { $0.value == value })?.label else { return value.description }
            return value.number == nil ? label : "\(value) \(label)"
        case let .choices(values):
            return values.map { value in question?.choices.first { $0.value == value }?.label ?? value.description }
                .joined(separator: ", ")
        case .structured: return "(recorded)"
        }
    }
}
