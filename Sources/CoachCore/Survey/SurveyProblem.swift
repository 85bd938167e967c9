/// One thing wrong with a survey file, with its position (1-based line and column).
public struct SurveyProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the form editors and `survey lint` show.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Every problem found in one survey file, in file order.
public struct SurveyProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [SurveyProblem]

    public init(_ problems: [SurveyProblem]) {
        self.problems = problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
