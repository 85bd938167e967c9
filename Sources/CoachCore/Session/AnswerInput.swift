import Foundation

/// Checks applied to every typed line before it is read as an answer.
public enum AnswerInput {
    /// The longest answer accepted, in characters (a pasted essay is refused, not truncated).
    static let maximumLength = 10_000

    /// Why a raw line cannot be an answer at all, or nil when it can.
    public static func problem(with line: String) -> String? {
        if line.unicodeScalars.contains("\u{FFFD}") {
            return "That line is not valid UTF-8; please type it again."
        }
        if let problem = PlainText.problem(in: line, allowTab: true) {
            return "That line contains \(problem); please type plain text."
        }
        let count = line.count
        if count > maximumLength {
            return "That answer is too long (\(count) characters; at most \(maximumLength))."
        }
        return nil
    }
}
