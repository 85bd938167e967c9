import CoachCore

/// A test vector whose expectation was not met.
public struct SurveyTestFailure: Sendable, Equatable, CustomStringConvertible {
    /// The survey's source (a path, or `embedded:<name>`).
    public var file: String
    /// The line of the test in the file.
    public var line: Int
    /// The test's `name`.
    public var testName: String
    /// The expected key: a score id, `<score>.band`, `alert`, `points`, `max_points`, `percent`, `passed`.
    public var key: String
    /// The value the test expects.
    public var expected: ExpectedValue
    /// What the scoring produced; `.null` for no score, no band, or a key the survey cannot produce.
    public var actual: ExpectedValue

    /// Creates a failure.
    public init(file: String, line: Int, testName: String, key: String, expected: ExpectedValue, actual: ExpectedValue) {
        self.file = file
        self.line = line
        self.testName = testName
        self.key = key
        self.expected = expected
        self.actual = actual
    }

    /// `surveys/who-5.yaml:88: test 'all best': wellbeing expected 100, got 96`.
    public var description: String {
        "\(file):\(line): test '\(testName)': \(key) expected \(show(expected)), got \(show(actual))"
    }

    private func show(_ value: ExpectedValue) -> String {
        switch value {
        case .null: return key.hasSuffix(".band") ? "no band" : "no score"
        case .number(let n): return ScoreFormat.display(n, decimals: 4)
        case .string(let s): return "'\(s)'"
        case .bool(let b): return b ? "true" : "false"
        }
    }
}

/// Runs a survey's `tests:` vectors against the scorer and the quiz grader.
///
/// Numbers match within 0.01 (so `58.33` pins a CBI mean of 58.333…); `null` expects no score
/// (or no band); `alert` is the session-level alert (any score's `alert_if_any`); `passed` matches
/// `true`/`false` or `1`/`0`. Quiz keys are graded for a survey of kind `quiz` or with quiz settings.
public enum SurveyTestRunner {
    /// The tolerance for numbers.
    public static let tolerance = 0.01

    /// Every failed expectation of every test of `survey`, in test order, then key order
    /// (scores in the survey's order, their bands, `alert`, then the quiz keys).
    public static func run(survey: Survey) -> [SurveyTestFailure] {
        survey.tests.flatMap { run($0, of: survey) }
    }

    /// The failed expectations of one test.
    public static func run(_ test: SurveyTestVector, of survey: Survey) -> [SurveyTestFailure] {
        let actual = actualValues(survey: survey, answers: test.answers)
        let order = keyOrder(survey)
        let keys = test.expect.keys.sorted { a, b in
            let ia = order[a] ?? Int.max, ib = order[b] ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
        return keys.compactMap { key in
            guard let expected = test.expect[key] else { return nil }
            let got = actual[key] ?? .null
            if matches(expected, got) { return nil }
            return SurveyTestFailure(file: survey.source, line: test.line, testName: test.name, key: key,
                                     expected: expected, actual: got)
        }
    }

    /// Every key a test of `survey` may expect, with its value for `answers`.
    public static func actualValues(survey: Survey, answers: [String: AnswerValue]) -> [String: ExpectedValue] {
        var values: [String: ExpectedValue] = [:]
        let results = SessionScorer.score(survey: survey, answers: answers)
        for result in results {
            values[result.scoreID] = result.value.map(ExpectedValue.number) ?? .null
            values["\(result.scoreID).band"] = result.bandID.map(ExpectedValue.string) ?? .null
        }
        values["alert"] = .bool(results.anyAlert)
        if survey.kind == .quiz || survey.quiz != nil {
            let quiz = QuizGrader.grade(survey: survey, answers: answers)
            values["points"] = .number(quiz.points)
            values["max_points"] = .number(quiz.maxPoints)
            values["percent"] = quiz.percent.map(ExpectedValue.number) ?? .null
            values["passed"] = quiz.passed.map(ExpectedValue.bool) ?? .null
        }
        return values
    }

    /// True when `actual` meets `expected`.
    public static func matches(_ expected: ExpectedValue, _ actual: ExpectedValue) -> Bool {
        switch (expected, actual) {
        case (.null, .null): return true
        case (.number(let e), .number(let a)):
            return e.isFinite && a.isFinite && abs(e - a) <= tolerance + 1e-9 * Swift.max(1, abs(e))
        case (.bool(let e), .bool(let a)): return e == a
        case (.number(let e), .bool(let a)): return e == (a ? 1 : 0)
        case (.string(let e), .string(let a)): return e == a
        default: return false
        }
    }

    private static func keyOrder(_ survey: Survey) -> [String: Int] {
        let keys = survey.scores.flatMap { [$0.id, "\($0.id).band"] } + ["alert", "points", "max_points", "percent", "passed"]
        var order: [String: Int] = [:]
        for (index, key) in keys.enumerated() where order[key] == nil { order[key] = index }
        return order
    }
}
