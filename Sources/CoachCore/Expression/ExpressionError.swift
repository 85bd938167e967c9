/// Why an expression does not parse, and where: `offset` is 0-based, in Unicode scalars
/// (the unit YAML columns count in), so a file position is the scalar's column plus `offset`.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// 1-based column within the expression.
    public var column: Int { offset + 1 }

    /// `expected ')' at column 9`.
    public var description: String { "\(message) at column \(column)" }
}
