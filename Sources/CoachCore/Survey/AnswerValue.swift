import Foundation

/// A stored answer to one question.
///
/// Codable to a stable JSON form, `{"type":"<case>","value":<value>}`, because answers are stored
/// as JSON text: `{"type":"number","value":4}`, `{"type":"choices","value":["a","c"]}`.
public enum AnswerValue: Hashable, Sendable, Codable {
    /// `number` and `scale` answers.
    case number(Double)
    /// `text` answers.
    case text(String)
    /// `yesno` answers.
    case bool(Bool)
    /// `choice` answers.
    case choice(ChoiceValue)
    /// `multi` answers, in the order given.
    case choices([ChoiceValue])
    /// `date` answers, ISO `YYYY-MM-DD`.
    case date(String)
    /// The meeting types (`actions`, `review-actions`, `agenda`, `kpi`): a JSON document.
    case structured(JSONValue)

    private enum CodingKeys: String, CodingKey { case type, value }
    private enum Kind: String, Codable {
        case number, text, bool, choice, choices, date, structured
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .number: self = .number(try container.decode(Double.self, forKey: .value))
        case .text: self = .text(try container.decode(String.self, forKey: .value))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: .value))
        case .choice: self = .choice(try container.decode(ChoiceValue.self, forKey: .value))
        case .choices: self = .choices(try container.decode([ChoiceValue].self, forKey: .value))
        case .date: self = .date(try container.decode(String.self, forKey: .value))
        case .structured: self = .structured(try container.decode(JSONValue.self, forKey: .value))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .number(let v): try container.encode(Kind.number, forKey: .type); try container.encode(v, forKey: .value)
        case .text(let v): try container.encode(Kind.text, forKey: .type); try container.encode(v, forKey: .value)
        case .bool(let v): try container.encode(Kind.bool, forKey: .type); try container.encode(v, forKey: .value)
        case .choice(let v): try container.encode(Kind.choice, forKey: .type); try container.encode(v, forKey: .value)
        case .choices(let v): try container.encode(Kind.choices, forKey: .type); try container.encode(v, forKey: .value)
        case .date(let v): try container.encode(Kind.date, forKey: .type); try container.encode(v, forKey: .value)
        case .structured(let v): try container.encode(Kind.structured, forKey: .type); try container.encode(v, forKey: .value)
        }
    }

    /// The stable JSON text (sorted keys); nil only for non-finite numbers.
    public var jsonText: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// What an open session stores for a question skipped on purpose (`:skip`, Enter on an
    /// optional question): not an answer, only a mark that `resume` does not ask it again.
    public static let skipMarkJSON = #"{"type":"skipped"}"#

    /// Whether stored answer text is a skip mark rather than an answer.
    public static func isSkipMark(_ jsonText: String) -> Bool { jsonText == skipMarkJSON }

    /// Decodes the JSON text written by `jsonText`; nil for anything else.
    public init?(jsonText: String) {
        if let simple = Self.numberAnswer(jsonText) {
            self = simple
            return
        }
        guard let value = try? JSONDecoder().decode(AnswerValue.self, from: Data(jsonText.utf8)) else {
            return nil
        }
        self = value
    }

    /// The most common stored forms, `{"type":"choice","value":3}` and `{"type":"number","value":2.5}`,
    /// read without a JSON decoder (rescoring a large store reads millions of them). Anything
    /// else, or a number not in JSON's plain form, is left to the decoder.
    private static func numberAnswer(_ text: String) -> AnswerValue? {
        let choice = #"{"type":"choice","value":"#, number = #"{"type":"number","value":"#
        let isChoice = text.hasPrefix(choice)
        guard isChoice || text.hasPrefix(number), text.hasSuffix("}") else { return nil }
        let digits = text.utf8.dropFirst(isChoice ? choice.utf8.count : number.utf8.count).dropLast()
        guard let first = digits.first, first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".")
                  || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }),
              let value = Double(String(decoding: digits, as: UTF8.self)), value.isFinite else { return nil }
        return isChoice ? .choice(.number(value)) : .number(value)
    }
}

/// A JSON document, for the structured answers of meeting question types.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .number(let n): try container.encode(n)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}
