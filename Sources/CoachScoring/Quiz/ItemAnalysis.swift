/// Moodle's quiz item analysis (docs/scoring.md, "Quiz item analysis"), as a pure function.
///
/// Input: each person's FIRST attempt (the caller picks them). For question i with marks x over
/// the s attempts that were shown it, and rest = the attempt's total (its marks on the questions
/// analysed) minus x:
///
/// - facility F = 100 × mean(x) / max_i
/// - SD = sqrt(Σ(x − x̄)² / (s − 1)) / max_i, a fraction of the max mark
/// - discrimination D = 100 × cov(x, rest) / sqrt(var(x) × var(rest))
/// - discriminative efficiency E = 100 × cov(x, rest) / cov_max, cov_max = cov(sorted x, sorted rest)
///
/// Whole test, p questions, totals t with variance k2:
/// CIC = 100 × p/(p − 1) × (1 − Σ var(x_i) / k2) on raw marks, ER = 100 × sqrt(1 − CIC/100),
/// SE = ER × SD(percent) / 100. Variances and covariances divide by (s − 1).
///
/// Undefined statistics are nil (see `QuestionStatistics` and `QuizReport`); nothing traps, for
/// any input: no attempts, one attempt, zero variance, a question nobody was shown, max mark 0,
/// non-finite numbers (a non-finite mark is treated as not shown, a non-finite percent as none).
///
/// Flags need at least `flagMinimumAttempts` attempts on the question (all attempts, unless
/// questions are drawn from a pool). See `QuestionFlag` for the conditions and precedence.
public enum ItemAnalysis {
    /// Attempts needed before the statistics that need a sample are reported: SD, discrimination,
    /// efficiency, CIC, error ratio, standard error (see `QuizReport.withholdingSmallSamples`).
    /// The same number flags need: a correlation from fewer people swings widely (its standard
    /// error with no real relation is about 1/√(n − 1): 0.71 from 3, 0.33 from 10).
    public static let minimumAttempts = 10
    /// Flags are raised only from this many attempts at a question.
    public static let flagMinimumAttempts = minimumAttempts
    /// E below this (in percent) is low efficiency (Moodle's "dubious question").
    public static let lowEfficiencyBelow = 15.0
    /// F above this is too easy.
    public static let tooEasyAbove = 95.0
    /// F below this is too hard.
    public static let tooHardBelow = 5.0

    /// Analyses first attempts.
    ///
    /// - Parameters:
    ///   - attempts: one attempt per person, their first.
    ///   - questionIDs: the questions to analyse, in report order (duplicates count once); marks
    ///     for other ids are ignored, also in the totals.
    ///   - passMark: the pass mark in percent; nil: no pass rate.
    public static func analyse(attempts: [QuizAttemptMarks], questionIDs: [String], passMark: Double?) -> QuizReport {
        var ids: [String] = []
        for id in questionIDs where !ids.contains(id) { ids.append(id) }

        // Clean marks: only analysed questions with finite numbers; max mark below 0 counts as 0.
        let clean: [[String: ItemMark]] = attempts.map { attempt in
            var marks: [String: ItemMark] = [:]
            for id in ids {
                guard let mark = attempt.marks[id], mark.mark.isFinite, mark.maxMark.isFinite else { continue }
                marks[id] = ItemMark(mark: mark.mark, maxMark: Swift.max(0, mark.maxMark))
            }
            return marks
        }
        let totals = clean.map { $0.values.reduce(0) { $0 + $1.mark } }
        let questions = ids.map { question($0, marks: clean, totals: totals) }

        let percents = attempts.compactMap { $0.percent.flatMap { $0.isFinite ? $0 : nil } }
        let meanPercent = SampleStatistics.mean(percents)
        let sdPercent = SampleStatistics.standardDeviation(percents)

        var passRate: Double?
        if let passMark, passMark.isFinite, !percents.isEmpty {
            // The same inclusive allowance as QuizGrader's `passed`.
            let passed = percents.filter { $0 + 1e-9 >= passMark }.count
            passRate = Double(passed) / Double(percents.count)
        }

        let cic = coefficientOfInternalConsistency(ids: ids, marks: clean, totals: totals)
        let errorRatio = cic.map { 100 * Swift.max(0, 1 - $0 / 100).squareRoot() }
        var standardError: Double?
        if let errorRatio, let sdPercent { standardError = errorRatio * sdPercent / 100 }

        return QuizReport(attempts: attempts.count, meanPercent: meanPercent, sdPercent: sdPercent, cic: cic,
                          errorRatio: errorRatio, standardError: standardError, passRate: passRate,
                          questions: questions)
    }

    /// The statistics of question `id` over the attempts that were shown it.
    static func question(_ id: String, marks: [[String: ItemMark]], totals: [Double]) -> QuestionStatistics {
        var x: [Double] = []
        var rest: [Double] = []
        var maxMark = 0.0
        for (index, attempt) in marks.enumerated() {
            guard let mark = attempt[id] else { continue }
            x.append(mark.mark)
            rest.append(totals[index] - mark.mark)
            maxMark = Swift.max(maxMark, mark.maxMark)
        }
        let s = x.count
        var facility: Double?
        var sd: Double?
        if maxMark > 0 {
            facility = SampleStatistics.mean(x).flatMap { finite(100 * $0 / maxMark) }
            sd = SampleStatistics.standardDeviation(x).flatMap { finite($0 / maxMark) }
        }
        var discrimination: Double?
        var efficiency: Double?
        if var cov = SampleStatistics.covariance(x, rest),
           let varX = SampleStatistics.variance(x), let varRest = SampleStatistics.variance(rest) {
            // A covariance that is 0 but for rounding (|r| < 1e-12) is 0, so that it cannot
            // raise `likely_miskeyed` by its sign alone.
            if abs(cov) <= 1e-12 * (varX * varRest).squareRoot() { cov = 0 }
            if varX > 0, varRest > 0 {
                discrimination = finite(100 * cov / (varX * varRest).squareRoot())
            }
            if let covMax = SampleStatistics.covariance(x.sorted(), rest.sorted()), covMax > 0 {
                efficiency = finite(100 * cov / covMax)
            }
        }
        let flags = s >= flagMinimumAttempts
            ? flagsFor(facility: facility, discrimination: discrimination, efficiency: efficiency) : []
        return QuestionStatistics(id: id, attempts: s, maxMark: maxMark, facility: facility, sd: sd,
                                  discrimination: discrimination, efficiency: efficiency, flags: flags)
    }

    /// The flags that apply, in `QuestionFlag` precedence order (no minimum-attempts check).
    public static func flagsFor(facility: Double?, discrimination: Double?, efficiency: Double?) -> [QuestionFlag] {
        var flags: [QuestionFlag] = []
        let negative = (discrimination.map { $0 < 0 } ?? false) || (efficiency.map { $0 < 0 } ?? false)
        if negative { flags.append(.likelyMiskeyed) }
        if let facility, facility > tooEasyAbove { flags.append(.tooEasy) }
        if let facility, facility < tooHardBelow { flags.append(.tooHard) }
        if !negative, let efficiency, efficiency < lowEfficiencyBelow { flags.append(.lowEfficiency) }
        return flags
    }

    /// CIC over raw marks; nil unless every attempt was shown every question, s ≥ 3 (Moodle computes
    /// it only then), p ≥ 2 and the totals vary.
    static func coefficientOfInternalConsistency(ids: [String], marks: [[String: ItemMark]],
                                                 totals: [Double]) -> Double? {
        let p = ids.count
        guard p >= 2, marks.count >= 3, marks.allSatisfy({ $0.count == p }) else { return nil }
        guard let k2 = SampleStatistics.variance(totals), k2 > 0 else { return nil }
        var sumOfVariances = 0.0
        for id in ids {
            guard let variance = SampleStatistics.variance(marks.map { $0[id]?.mark ?? 0 }) else { return nil }
            sumOfVariances += variance
        }
        let cic = 100 * Double(p) / Double(p - 1) * (1 - sumOfVariances / k2)
        guard cic.isFinite else { return nil }
        return Swift.min(100, cic)  // α ≤ 1 in exact arithmetic; keep rounding from crossing it.
    }

    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
}
