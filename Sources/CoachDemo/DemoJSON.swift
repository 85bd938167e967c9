import CoachCore
import Foundation

/// Writes an answer's JSON text exactly as `AnswerValue.jsonText` does (sorted keys, slashes not
/// escaped, whole numbers without a fraction), without a `JSONEncoder` per answer: the demo stores
/// millions of answers, and an encoder per answer would dominate its run time. A test checks that
/// every answer the demo stores round-trips to the same text through `jsonText`.
enum DemoJSON {
    static func text(_ value: AnswerValue) -> String {
        var out = "{\"type\":\""
        switch value {
        case .number(let n): out += "number\",\"value\":"; number(n, into: &out)
        case .text(let s): out += "text\",\"value\":"; string(s, into: &out)
        case .bool(let b): out += "bool\",\"value\":" + (b ? "true" : "false")
        case .choice(let c): out += "choice\",\"value\":"; choice(c, into: &out)
        case .choices(let cs):
            out += "choices\",\"value\":["
            for (i, c) in cs.enumerated() {
                if i > 0 { out += "," }
                choice(c, into: &out)
            }
            out += "]"
        case .date(let s): out += "date\",\"value\":"; string(s, into: &out)
        case .structured(let json): out += "structured\",\"value\":"; self.json(json, into: &out)
        }
        out += "}"
        return out
    }

    private static func choice(_ value: ChoiceValue, into out: inout String) {
        switch value {
        case .number(let n): number(n, into: &out)
        case .string(let s): string(s, into: &out)
        }
    }

    private static func json(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): number(n, into: &out)
        case .string(let s): string(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                json(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                string(key, into: &out)
                out += ":"
                json(members[key]!, into: &out)
            }
            out += "}"
        }
    }

    /// Whole numbers as integers (`3000`), others in Swift's shortest form (`15.5`); the demo only
    /// writes finite numbers of modest size, where JSONEncoder writes the same.
    private static func number(_ n: Double, into out: inout String) {
        if n == n.rounded(), abs(n) < 1e15, let whole = Int(exactly: n) {
            out += String(whole)
        } else {
            out += "\(n)"
        }
    }

    private static func string(_ s: String, into out: inout String) {
        out += "\""
        defer { out += "\"" }
        // Nothing to escape (the usual case): the text as it is, appended at once.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += s
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
