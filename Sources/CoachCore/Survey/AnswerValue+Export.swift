import Foundation

extension AnswerValue {
    /// The stored `type`: `number`, `text`, `bool`, `choice`, `choices`, `date` or `structured`.
    public var typeName: String {
        switch self {
        case .number: "number"
        case .text: "text"
        case .bool: "bool"
        case .choice: "choice"
        case .choices: "choices"
        case .date: "date"
        case .structured: "structured"
        }
    }

    /// The answer as a JSON value of its own kind (a number, a string, a bool, an array, or the
    /// structured document), for exports that carry real JSON rather than JSON inside a string.
    public var jsonValue: JSONValue {
        switch self {
        case .number(let n): .number(n)
        case .text(let s), .date(let s): .string(s)
        case .bool(let b): .bool(b)
        case .choice(let c): c.jsonValue
        case .choices(let cs): .array(cs.map(\.jsonValue))
        case .structured(let json): json
        }
    }

    /// The answer as one plain-text cell: a number as `4` (full precision), text and dates as
    /// they are, a bool as `true`/`false`, anything else (choices, structured) as compact JSON.
    public var plainText: String {
        switch self {
        case .number(let n): exactNumber(n)
        case .text(let s), .date(let s): s
        case .bool(let b): b ? "true" : "false"
        case .choice(.number(let n)): exactNumber(n)
        case .choice(.string(let s)): s
        case .choices, .structured: jsonValue.compactText
        }
    }
}

extension ChoiceValue {
    /// The choice as a bare JSON number or string.
    var jsonValue: JSONValue {
        switch self {
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        }
    }
}

extension JSONValue {
    /// Compact JSON text with sorted keys (`{"a":1}`); `null` if it cannot be encoded.
    public var compactText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
