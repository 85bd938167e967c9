import Foundation
import Testing
@testable import CoachScoring

/// Builds an attempt from marks in question order.
func attempt(_ marks: [Double], max: [Double], percent: Double? = nil, ids: [String]? = nil) -> QuizAttemptMarks {
    let ids = ids ?? marks.indices.map { "q\($0 + 1)" }
    var dict: [String: ItemMark] = [:]
    for (index, mark) in marks.enumerated() { dict[ids[index]] = ItemMark(mark: mark, maxMark: max[index]) }
    let total = max.reduce(0, +)
    return QuizAttemptMarks(marks: dict, percent: percent ?? (total > 0 ? 100 * marks.reduce(0, +) / total : nil))
}

@Suite("Quiz item analysis")
struct QuizItemAnalysisTests {
    /// 5 attempts × 3 questions; q1 and q2 worth 1 point, q3 worth 2 (total 4).
    ///
    ///        q1 q2 q3 total percent
    ///   A1    1  1  2   4    100
    ///   A2    1  0  2   3     75
    ///   A3    0  1  1   2     50
    ///   A4    1  0  0   1     25
    ///   A5    0  0  1   1     25
    ///
    /// q1: x = 1 1 0 1 0, mean .6 → F = 60; Σdev² = 3(.4²) + 2(.6²) = 1.2 → var .3, SD = √.3 = .547723.
    ///     rest = 3 2 2 0 1, mean 1.6, devs 1.4 .4 .4 −1.6 −.6, Σdev² = 5.2 → var 1.3.
    ///     Σ products = .56 + .16 − .24 − .64 + .36 = .2 → cov .05; D = 100 × .05 / √(.3 × 1.3) = 8.006408.
    ///     sorted x 0 0 1 1 1, sorted rest 0 1 2 2 3: Σ products = .96 + .36 + .16 + .16 + .56 = 2.2
    ///     → cov_max .55; E = 100 × .05 / .55 = 9.090909.
    /// q2: x = 1 0 1 0 0, mean .4 → F = 40; Σdev² = 1.2 → var .3, SD = .547723.
    ///     rest = 3 3 1 1 1, mean 1.8, Σdev² = 2(1.2²) + 3(.8²) = 4.8 → var 1.2.
    ///     Σ products = .72 − .48 − .48 + .32 + .32 = .4 → cov .1; D = 100 × .1 / √(.3 × 1.2) = 16.666667.
    ///     sorted x 0 0 0 1 1, sorted rest 1 1 1 3 3: Σ = 3(.32) + 2(.72) = 2.4 → cov_max .6; E = 16.666667.
    /// q3: x = 2 2 1 0 1, mean 1.2 → F = 100 × 1.2 / 2 = 60; Σdev² = .64 + .64 + .04 + 1.44 + .04 = 2.8
    ///     → var .7, SD = √.7 / 2 = .418330.
    ///     rest = 2 1 1 1 0, mean 1, Σdev² = 2 → var .5. Σ products = .8 + .2 = 1 → cov .25;
    ///     D = 100 × .25 / √(.7 × .5) = 42.257713. sorted x 0 1 1 2 2, sorted rest 0 1 1 1 2:
    ///     Σ = 1.2 + .8 = 2 → cov_max .5; E = 50.
    /// Test: totals 4 3 2 1 1, mean 2.2, Σdev² = 6.8 → k2 = 1.7; Σ var(x_i) = .3 + .3 + .7 = 1.3;
    ///     CIC = 100 × 3/2 × (1 − 1.3/1.7) = 35.294118; ER = 100 × √(11/17) = 80.439967.
    ///     percents: mean 55, Σdev² = 2025 + 400 + 25 + 900 + 900 = 4250 → var 1062.5, SD = 32.596012;
    ///     SE = 80.439967 × 32.596012 / 100 = 26.220221. Pass 50: 100, 75, 50 pass → 3/5 = .6.
    ///     5 attempts < 10: no flags.
    static let handWorked: [QuizAttemptMarks] = [
        attempt([1, 1, 2], max: [1, 1, 2]),
        attempt([1, 0, 2], max: [1, 1, 2]),
        attempt([0, 1, 1], max: [1, 1, 2]),
        attempt([1, 0, 0], max: [1, 1, 2]),
        attempt([0, 0, 1], max: [1, 1, 2]),
    ]

    @Test func handWorkedExample() {
        let report = ItemAnalysis.analyse(attempts: Self.handWorked, questionIDs: ["q1", "q2", "q3"], passMark: 50)
        let close = { (value: Double?, expected: Double) in approx(value, expected, tolerance: 1e-6) }
        #expect(report.attempts == 5)
        #expect(close(report.meanPercent, 55))
        #expect(close(report.sdPercent, 32.596012))
        #expect(close(report.cic, 600.0 / 17))
        #expect(close(report.errorRatio, 100 * (11.0 / 17).squareRoot()))
        #expect(close(report.standardError, 26.220221))
        #expect(report.passRate == 0.6)
        #expect(report.questions.map(\.id) == ["q1", "q2", "q3"])
        let (q1, q2, q3) = (report.questions[0], report.questions[1], report.questions[2])
        #expect(close(q1.facility, 60) && close(q1.sd, 0.547723) && close(q1.discrimination, 8.006408)
                && close(q1.efficiency, 100.0 / 11))
        #expect(close(q2.facility, 40) && close(q2.sd, 0.547723) && close(q2.discrimination, 50.0 / 3)
                && close(q2.efficiency, 50.0 / 3))
        #expect(close(q3.facility, 60) && close(q3.sd, 0.418330) && close(q3.discrimination, 42.257713)
                && close(q3.efficiency, 50))
        #expect(q3.maxMark == 2 && q3.attempts == 5)
        #expect(report.questions.allSatisfy { $0.flags.isEmpty && $0.flag == nil })
    }

    /// q3 is miskeyed: the people who do best on q1 and q2 get it "wrong".
    static func miskeyedSet(count: Int) -> [QuizAttemptMarks] {
        let patterns: [[Double]] = [[1, 1, 0], [1, 1, 0], [1, 0, 0], [0, 1, 1], [0, 0, 1]]
        return (0..<count).map { attempt(patterns[$0 % patterns.count], max: [1, 1, 1]) }
    }

    @Test func flagsNeedTenAttempts() {
        let nine = ItemAnalysis.analyse(attempts: Self.miskeyedSet(count: 9), questionIDs: ["q1", "q2", "q3"], passMark: nil)
        #expect(nine.questions[2].discrimination.map { $0 < 0 } == true)
        #expect(nine.questions.allSatisfy { $0.flag == nil })
        let ten = ItemAnalysis.analyse(attempts: Self.miskeyedSet(count: 10), questionIDs: ["q1", "q2", "q3"], passMark: nil)
        #expect(ten.questions[2].flag == .likelyMiskeyed)
        #expect(ten.questions[2].attempts == 10)
    }

    @Test func flagPrecedence() {
        // Negative discrimination wins over too hard; too easy/hard win over low efficiency.
        #expect(ItemAnalysis.flagsFor(facility: 3, discrimination: -20, efficiency: -30) == [.likelyMiskeyed, .tooHard])
        #expect(ItemAnalysis.flagsFor(facility: 97, discrimination: 5, efficiency: 10) == [.tooEasy, .lowEfficiency])
        #expect(ItemAnalysis.flagsFor(facility: 50, discrimination: 5, efficiency: 10) == [.lowEfficiency])
        #expect(ItemAnalysis.flagsFor(facility: 50, discrimination: 30, efficiency: 15) == [])
        #expect(ItemAnalysis.flagsFor(facility: 100, discrimination: nil, efficiency: nil) == [.tooEasy])
        #expect(ItemAnalysis.flagsFor(facility: 0, discrimination: nil, efficiency: nil) == [.tooHard])
        #expect(ItemAnalysis.flagsFor(facility: nil, discrimination: nil, efficiency: nil) == [])
    }

    @Test func everyoneRightIsTooEasyWithUndefinedDiscrimination() {
        let attempts = (0..<12).map { attempt([1, Double($0 % 2), Double($0 % 3 == 0 ? 1 : 0)], max: [1, 1, 1]) }
        let report = ItemAnalysis.analyse(attempts: attempts, questionIDs: ["q1", "q2", "q3"], passMark: 70)
        let q1 = report.questions[0]
        #expect(q1.facility == 100 && q1.sd == 0)
        #expect(q1.discrimination == nil && q1.efficiency == nil)
        #expect(q1.flag == .tooEasy)
    }

    @Test func uncorrelatedQuestionIsLowEfficiencyNotMiskeyed() {
        // q4 is uncorrelated with the rest: cov(x, rest) = 0 in exact arithmetic, but summing
        // (x − x̄)(rest − r̄) in floating point leaves −5.6e-17 here. Its sign must not raise
        // likely_miskeyed: D = E = 0, so the flag is low efficiency.
        let rows: [[Double]] = [[0, 1, 0, 0], [1, 1, 1, 1], [1, 1, 0, 1], [0, 1, 1, 1], [1, 0, 1, 1], [1, 0, 1, 0],
                                [0, 1, 1, 0], [1, 1, 1, 1], [0, 0, 0, 1], [0, 0, 0, 1], [0, 1, 1, 1], [0, 1, 1, 0]]
        let attempts = rows.map { attempt($0, max: [1, 1, 1, 1]) }
        let report = ItemAnalysis.analyse(attempts: attempts, questionIDs: ["q1", "q2", "q3", "q4"], passMark: nil)
        let q4 = report.questions[3]
        #expect(q4.discrimination == 0 && q4.efficiency == 0)
        #expect(q4.flag == .lowEfficiency)
    }

    @Test func degenerateInputsGiveNilNotTraps() {
        let ids = ["q1", "q2"]
        let none = ItemAnalysis.analyse(attempts: [], questionIDs: ids, passMark: 50)
        #expect(none.attempts == 0 && none.meanPercent == nil && none.sdPercent == nil && none.passRate == nil)
        #expect(none.cic == nil && none.errorRatio == nil && none.standardError == nil)
        #expect(none.questions.map(\.facility) == [nil, nil] && none.questions.map(\.attempts) == [0, 0])

        let one = ItemAnalysis.analyse(attempts: [attempt([1, 0], max: [1, 1])], questionIDs: ids, passMark: 50)
        #expect(one.meanPercent == 50 && one.sdPercent == nil && one.passRate == 1)
        #expect(one.questions[0].facility == 100 && one.questions[0].sd == nil)
        #expect(one.questions[0].discrimination == nil && one.cic == nil)

        // Everyone scores the same: zero variance everywhere.
        let same = ItemAnalysis.analyse(attempts: Array(repeating: attempt([1, 0], max: [1, 1]), count: 12),
                                        questionIDs: ids, passMark: nil)
        #expect(same.sdPercent == 0 && same.cic == nil && same.errorRatio == nil && same.standardError == nil)
        #expect(same.questions.allSatisfy { $0.discrimination == nil && $0.efficiency == nil })
        #expect(same.questions.map(\.flag) == [.tooEasy, .tooHard])

        // Max mark 0, an id nobody was shown, non-finite numbers, no percents.
        let odd = [
            QuizAttemptMarks(marks: ["q1": ItemMark(mark: 0, maxMark: 0), "q2": ItemMark(mark: .nan, maxMark: 1)], percent: nil),
            QuizAttemptMarks(marks: ["q1": ItemMark(mark: 0, maxMark: 0), "q2": ItemMark(mark: 1, maxMark: .infinity)],
                             percent: .infinity),
        ]
        let report = ItemAnalysis.analyse(attempts: odd, questionIDs: ["q1", "q2", "q1", "ghost"], passMark: 50)
        #expect(report.questions.map(\.id) == ["q1", "q2", "ghost"])
        #expect(report.questions[0].facility == nil && report.questions[0].sd == nil && report.questions[0].attempts == 2)
        #expect(report.questions[1].attempts == 0 && report.questions[2].attempts == 0)
        #expect(report.meanPercent == nil && report.passRate == nil && report.cic == nil)
        #expect(throws: Never.self) { try JSONEncoder().encode(report) }
    }

    @Test func drawnQuestionsUseTheAttemptsThatSawThem() {
        // q3 shown to 3 of 4 attempts: its statistics cover 3; CIC needs a complete matrix.
        var attempts = Self.handWorked.prefix(4).map { $0 }
        attempts[3].marks["q3"] = nil
        let report = ItemAnalysis.analyse(attempts: attempts, questionIDs: ["q1", "q2", "q3"], passMark: nil)
        #expect(report.questions[2].attempts == 3 && report.questions[0].attempts == 4)
        #expect(approx(report.questions[2].facility, 100 * 5.0 / 6, tolerance: 1e-9))
        #expect(report.cic == nil)
    }

    @Test func jsonHasProductFieldsWithNulls() throws {
        var report = ItemAnalysis.analyse(attempts: Self.handWorked, questionIDs: ["q1", "q2", "q3"], passMark: nil)
        report.quiz = "crm-basics"
        report.gain = GainSummary(people: 1, mean: 0.5, perPerson: ["ann": 0.5])
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["quiz", "attempts", "mean_percent", "sd_percent", "cic", "error_ratio",
                                     "standard_error", "pass_rate", "questions", "gain", "min_attempts", "n_too_small"])
        #expect(object["pass_rate"] is NSNull)
        let questions = try #require(object["questions"] as? [[String: Any]])
        #expect(Set(questions[0].keys) == ["id", "facility", "sd", "discrimination", "efficiency", "flag", "n_too_small"])
        #expect(questions[0]["flag"] is NSNull)
        let gain = try #require(object["gain"] as? [String: Any])
        #expect(Set(gain.keys) == ["people", "mean"])

        let flagged = ItemAnalysis.analyse(attempts: Self.miskeyedSet(count: 10), questionIDs: ["q1", "q2", "q3"], passMark: nil)
        let json = String(decoding: try JSONEncoder().encode(flagged), as: UTF8.self)
        #expect(json.contains(#""flag":"likely_miskeyed""#))
        #expect(!json.contains("\"quiz\"") && !json.contains("\"gain\""))
    }

    @Test("below 10 attempts SD, D, E, CIC, ER and SE are withheld; facility, mean and pass rate stay")
    func smallSamplesAreWithheld() throws {
        let full = ItemAnalysis.analyse(attempts: Self.miskeyedSet(count: 9), questionIDs: ["q1", "q2", "q3"], passMark: 50)
        #expect(full.cic != nil && full.questions.contains { $0.discrimination != nil }, "the formulas give numbers")
        let shown = full.withholdingSmallSamples()
        #expect(shown.minimumAttempts == 10 && shown.testTooSmall)
        #expect(shown.cic == nil && shown.errorRatio == nil && shown.standardError == nil)
        #expect(shown.meanPercent == full.meanPercent && shown.sdPercent == full.sdPercent && shown.passRate == full.passRate)
        for (question, before) in zip(shown.questions, full.questions) {
            #expect(shown.tooSmall(question))
            #expect(question.facility == before.facility)
            #expect(question.sd == nil && question.discrimination == nil && question.efficiency == nil && question.flag == nil)
        }
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(shown)) as? [String: Any])
        #expect(object["n_too_small"] as? Bool == true && object["min_attempts"] as? Int == 10 && object["cic"] is NSNull)
        let ten = ItemAnalysis.analyse(attempts: Self.miskeyedSet(count: 10), questionIDs: ["q1", "q2", "q3"], passMark: 50)
        #expect(ten.withholdingSmallSamples() == { var same = ten; same.minimumAttempts = 10; return same }(),
                "from 10 attempts nothing is withheld")
    }
}
