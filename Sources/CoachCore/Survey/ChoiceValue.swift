/// The value of a choice: a number (scored) or a string (an id).
///
/// Encodes as a bare JSON number or string.
public enum ChoiceValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Double)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }

    /// The number, for a numeric value.
    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// `5` for whole numbers, `2.5` otherwise; strings as they are.
    public var description: String {
        switch self {
        case .number(let n): return formatNumber(n)
        case .string(let s): return s
        }
    }
}
