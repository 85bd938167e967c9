/// The mark one attempt earned on one question.
public struct ItemMark: Sendable, Equatable, Codable {
    /// Points earned, normally `0...maxMark`.
    public var mark: Double
    /// The question's points.
    public var maxMark: Double

    /// Creates a mark.
    public init(mark: Double, maxMark: Double) {
        self.mark = mark
        self.maxMark = maxMark
    }
}

/// One person's first attempt at a quiz, as item analysis reads it.
///
/// `marks` holds the questions the attempt was shown (an unanswered question is shown and has a
/// mark of 0); a question missing from `marks` was not shown, e.g. not drawn from the pool.
public struct QuizAttemptMarks: Sendable, Equatable, Codable {
    /// Marks by question id.
    public var marks: [String: ItemMark]
    /// The attempt's percent (0–100); nil when the quiz has no points to earn.
    public var percent: Double?

    /// Creates an attempt's marks.
    public init(marks: [String: ItemMark], percent: Double?) {
        self.marks = marks
        self.percent = percent
    }

    /// The marks of a graded attempt.
    public init(result: QuizResult) {
        var marks: [String: ItemMark] = [:]
        for mark in result.marks { marks[mark.questionID] = ItemMark(mark: mark.mark, maxMark: mark.maxMark) }
        self.init(marks: marks, percent: result.percent)
    }
}

/// Why a question deserves a second look. Its raw value is the JSON string.
///
/// The cases are declared in precedence order: when several apply, `QuestionStatistics.flag`
/// is the first of them.
public enum QuestionFlag: String, Sendable, Equatable, Codable, CaseIterable {
    /// Discrimination D < 0 (so efficiency E < 0 too): people who did well on the rest of the
    /// test did worse on this question, the signature of a wrong answer key. Checked first because
    /// a wrong key is the most urgent fix and also makes a question look too hard.
    case likelyMiskeyed = "likely_miskeyed"
    /// Facility F > 95: almost everyone gets it right.
    case tooEasy = "too_easy"
    /// Facility F < 5: almost nobody gets it right.
    case tooHard = "too_hard"
    /// 0 ≤ E < 15: the question separates strong from weak candidates poorly (Moodle's
    /// "dubious question" test). Last, because a too easy or too hard question has a low E as a
    /// consequence of its facility, and the facility flag says more.
    case lowEfficiency = "low_efficiency"
}

/// Moodle's statistics of one question over the first attempts that were shown it.
///
/// Every statistic is nil where it is undefined; the doc comment of each says when.
public struct QuestionStatistics: Sendable, Equatable {
    /// The question's id.
    public var id: String
    /// How many of the attempts were shown the question (all of them unless questions are drawn).
    public var attempts: Int
    /// The question's max mark (the largest `maxMark` among the attempts), 0 when never shown.
    public var maxMark: Double
    /// F = 100 × mean(x) / max, 0–100. Nil when no attempt was shown it or its max mark is 0.
    public var facility: Double?
    /// SD = sqrt(Σ(x − x̄)² / (s − 1)) / max, a fraction of the max mark.
    /// Nil for fewer than 2 attempts or a max mark of 0.
    public var sd: Double?
    /// D = 100 × cov(x, rest) / sqrt(var(x) × var(rest)), −100…100, rest = the attempt's total
    /// minus this question. Nil for fewer than 2 attempts or when x or rest has zero variance.
    public var discrimination: Double?
    /// E = 100 × cov(x, rest) / cov_max, cov_max = cov(sorted x, sorted rest).
    /// Nil for fewer than 2 attempts or when cov_max is 0 (x or rest constant).
    public var efficiency: Double?
    /// Every flag that applies, in precedence order; empty below `ItemAnalysis.flagMinimumAttempts`.
    public var flags: [QuestionFlag]

    /// The flag reported (JSON `flag`): the first that applies, or nil.
    public var flag: QuestionFlag? { flags.first }

    /// Creates statistics.
    public init(id: String, attempts: Int, maxMark: Double, facility: Double?, sd: Double?,
                discrimination: Double?, efficiency: Double?, flags: [QuestionFlag]) {
        self.id = id
        self.attempts = attempts
        self.maxMark = maxMark
        self.facility = facility
        self.sd = sd
        self.discrimination = discrimination
        self.efficiency = efficiency
        self.flags = flags
    }
}

/// The mean normalised gain of a pre/post training test (see `TrainingGain`).
public struct GainSummary: Sendable, Equatable, Encodable {
    /// How many people the mean covers: both attempts and a pre score below 100.
    public var people: Int
    /// The mean of `perPerson`; nil when it is empty.
    public var mean: Double?
    /// g = (post − pre) / (100 − pre) by person id.
    public var perPerson: [String: Double]
    /// People with both attempts whose gain is undefined (pre = 100, or a value outside 0–100),
    /// sorted; they are not in `people` nor in the mean.
    public var undefined: [String]

    /// Creates a summary.
    public init(people: Int, mean: Double?, perPerson: [String: Double], undefined: [String] = []) {
        self.people = people
        self.mean = mean
        self.perPerson = perPerson
        self.undefined = undefined
    }

    /// The fixed JSON shape: `{"people": 12, "mean": 0.41}` (mean null when undefined).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(people, forKey: .people)
        try container.encode(mean, forKey: .mean)
    }

    private enum CodingKeys: String, CodingKey { case people, mean }
}

/// Item analysis and whole-test statistics of a quiz (`report quiz`).
///
/// Encodes to the `report quiz --json` object: undefined statistics are JSON `null`, `quiz` and
/// `gain` are left out while nil (the caller sets them). Values are not rounded. `min_attempts`
/// and `n_too_small` (on the report and on each question) say which statistics were withheld
/// for want of attempts (see `withholdingSmallSamples`).
public struct QuizReport: Sendable, Equatable, Encodable {
    /// The quiz id; set by the caller.
    public var quiz: String?
    /// How many first attempts the statistics are computed on (one per person).
    public var attempts: Int
    /// Mean of the attempts' percents; nil without an attempt that has a percent.
    public var meanPercent: Double?
    /// Sample SD (s − 1) of the percents; nil for fewer than 2.
    public var sdPercent: Double?
    /// Coefficient of internal consistency (Cronbach's α × 100), ≤ 100, may be negative.
    /// Nil unless every attempt was shown every question, there are at least 3 attempts (as in
    /// Moodle) and 2 questions, and the attempts' totals vary.
    public var cic: Double?
    /// ER = 100 × sqrt(1 − CIC/100); defined whenever CIC is (above 100 for a negative CIC).
    public var errorRatio: Double?
    /// SE = ER × SD(percent) / 100, in percentage points; nil when ER or SD is.
    public var standardError: Double?
    /// Share (0–1) of the attempts with a percent at or above the pass mark; nil without a pass
    /// mark or without an attempt that has a percent.
    public var passRate: Double?
    /// One entry per question id, in the order given.
    public var questions: [QuestionStatistics]
    /// Pre/post training gain; set by the caller.
    public var gain: GainSummary?
    /// Attempts below which the statistics that need a sample are withheld; 0 while nothing is.
    public var minimumAttempts: Int = 0

    /// Whether the test's CIC, error ratio and standard error are withheld for want of attempts.
    public var testTooSmall: Bool { attempts < minimumAttempts }

    /// Whether a question's SD, discrimination and efficiency are withheld for want of attempts.
    public func tooSmall(_ question: QuestionStatistics) -> Bool { question.attempts < minimumAttempts }

    /// The report with the statistics that need a sample set to nil where fewer than `minimum`
    /// attempts stand behind them: each question's SD, discrimination and efficiency (counting
    /// the attempts shown that question), and the test's CIC, error ratio and standard error.
    /// Facility, the mean and SD of the percents and the pass rate describe the attempts there
    /// are and stay. Flags already need as many attempts (`ItemAnalysis.flagMinimumAttempts`).
    public func withholdingSmallSamples(minimum: Int = ItemAnalysis.minimumAttempts) -> QuizReport {
        var report = self
        report.minimumAttempts = minimum
        if report.testTooSmall {
            report.cic = nil
            report.errorRatio = nil
            report.standardError = nil
        }
        report.questions = questions.map { question in
            guard report.tooSmall(question) else { return question }
            var withheld = question
            withheld.sd = nil
            withheld.discrimination = nil
            withheld.efficiency = nil
            withheld.flags = []
            return withheld
        }
        return report
    }

    /// Creates a report.
    public init(quiz: String? = nil, attempts: Int, meanPercent: Double?, sdPercent: Double?, cic: Double?,
                errorRatio: Double?, standardError: Double?, passRate: Double?,
                questions: [QuestionStatistics], gain: GainSummary? = nil) {
        self.quiz = quiz
        self.attempts = attempts
        self.meanPercent = meanPercent
        self.sdPercent = sdPercent
        self.cic = cic
        self.errorRatio = errorRatio
        self.standardError = standardError
        self.passRate = passRate
        self.questions = questions
        self.gain = gain
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(quiz, forKey: .quiz)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(meanPercent, forKey: .meanPercent)
        try container.encode(sdPercent, forKey: .sdPercent)
        try container.encode(cic, forKey: .cic)
        try container.encode(errorRatio, forKey: .errorRatio)
        try container.encode(standardError, forKey: .standardError)
        try container.encode(passRate, forKey: .passRate)
        try container.encode(questions.map { QuestionJSON(stats: $0, tooSmall: tooSmall($0)) }, forKey: .questions)
        try container.encodeIfPresent(gain, forKey: .gain)
        try container.encode(minimumAttempts, forKey: .minimumAttempts)
        try container.encode(testTooSmall, forKey: .tooSmall)
    }

    private enum CodingKeys: String, CodingKey {
        case quiz, attempts, questions, gain, cic
        case minimumAttempts = "min_attempts"
        case tooSmall = "n_too_small"
        case meanPercent = "mean_percent"
        case sdPercent = "sd_percent"
        case errorRatio = "error_ratio"
        case standardError = "standard_error"
        case passRate = "pass_rate"
    }

    /// A question as `report quiz --json` shows it.
    private struct QuestionJSON: Encodable {
        let stats: QuestionStatistics
        let tooSmall: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(stats.id, forKey: .id)
            try container.encode(stats.facility, forKey: .facility)
            try container.encode(stats.sd, forKey: .sd)
            try container.encode(stats.discrimination, forKey: .discrimination)
            try container.encode(stats.efficiency, forKey: .efficiency)
            try container.encode(stats.flag?.rawValue, forKey: .flag)
            try container.encode(tooSmall, forKey: .tooSmall)
        }

        enum Keys: String, CodingKey {
            case id, facility, sd, discrimination, efficiency, flag
            case tooSmall = "n_too_small"
        }
    }
}
