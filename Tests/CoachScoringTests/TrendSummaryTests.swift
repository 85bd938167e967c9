import CoachCore
import Foundation
import CoachTestSupport
import Testing
@testable import CoachScoring

/// A score where higher is worse, with bands and no `change:`.
private let burnoutYAML = """
format: 1
id: strain
title: Strain
kind: check-in
audience: rep
questions:
  - {id: s, text: S, type: scale, min: 0, max: 100}
scores:
  - id: strain
    items: [s]
    method: sum
    range: [0, 100]
    higher_is: worse
    bands:
      - {max: 49, id: low, label: Low, level: ok}
      - {max: 74, id: moderate, label: Moderate, level: warn}
      - {max: 100, id: high, label: High, level: alert}

"""

private let day = 86_400.0
private let start = Date(timeIntervalSince1970: 1_788_739_200) // 2026-09-07 00:00 UTC, a Monday

private func series(_ pairs: [(Double, Double)]) -> [TrendPoint] {
    pairs.map { TrendPoint(date: start.addingTimeInterval($0.0 * day), value: $0.1) }
}

@Suite("Reliable change: Jacobson–Truax, the change threshold, or none")
struct TrendReliableChangeTests {
    let jt = ChangeRule.select(reliability: ScoreReliability(alpha: 0.5, standardDeviation: 10, respondents: 30), change: 10, items: 5)

    @Test func theRuleFollowsTheReference() {
        // SE = 10 × √0.5; S_diff = √2 × SE = 10.
        guard case .jacobsonTruax(let alpha, let sd, let sDiff) = jt else {
            Issue.record("expected Jacobson–Truax, got \(jt)"); return
        }
        #expect(alpha == 0.5 && sd == 10)
        #expect(approx(sDiff, 10, tolerance: 1e-12))
        // 29 respondents: α is not used yet, the survey's change is.
        let few = ScoreReliability(alpha: 0.5, standardDeviation: 10, respondents: 29)
        #expect(ChangeRule.select(reliability: few, change: 10, items: 5) == .threshold(10))
        #expect(ChangeRule.select(reliability: few, change: nil, items: 5) == ChangeRule.none)
        #expect(ChangeRule.select(reliability: nil, change: nil, items: 5) == ChangeRule.none)
        // Unusable reliability (α = 1 gives S_diff = 0; NaN; SD 0) falls back to the threshold.
        for bad in [ScoreReliability(alpha: 1, standardDeviation: 10, respondents: 40),
                    ScoreReliability(alpha: .nan, standardDeviation: 10, respondents: 40),
                    ScoreReliability(alpha: 0.8, standardDeviation: 0, respondents: 40)] {
            #expect(ChangeRule.select(reliability: bad, change: 10, items: 5) == .threshold(10))
        }
        #expect(ChangeRule.select(reliability: nil, change: 0, items: 5) == ChangeRule.none)
        #expect(ChangeRule.select(reliability: nil, change: -.infinity, items: 5) == ChangeRule.none)
    }

    @Test("α of a scale under 3 items is not used: the survey's change: is, else no rule")
    func twoItemScalesUseChange() {
        let good = ScoreReliability(alpha: 0.5, standardDeviation: 10, respondents: 200)
        #expect(ChangeRule.select(reliability: good, change: 1, items: 2) == .threshold(1))
        #expect(ChangeRule.select(reliability: good, change: nil, items: 2) == ChangeRule.none)
        #expect(ChangeRule.select(reliability: good, change: 1, items: 1) == .threshold(1))
        guard case .jacobsonTruax = ChangeRule.select(reliability: good, change: 1, items: 3) else {
            Issue.record("3 items: α is used"); return
        }
    }

    @Test func rcAtExactlyOnePointNineSixIsNotReliable() {
        // 19.6 / 10 = 1.96: not above 1.96.
        #expect(jt.classify(latest: 60, previous: 40.4, higherIs: .better) == .none)
        #expect(jt.classify(latest: 40.4, previous: 60, higherIs: .better) == .none)
        // 19.7 / 10 = 1.97.
        #expect(jt.classify(latest: 60, previous: 40.3, higherIs: .better) == .improved)
        #expect(jt.classify(latest: 40.3, previous: 60, higherIs: .better) == .worsened)
        #expect(jt.classify(latest: 60, previous: 40.3, higherIs: .worse) == .worsened)
        #expect(jt.classify(latest: 40.3, previous: 60, higherIs: .worse) == .improved)
        #expect(approx(jt.index(latest: 60, previous: 40.3), 1.97, tolerance: 1e-9))
    }

    @Test func thresholdIsInclusive() {
        let rule = ChangeRule.threshold(10)
        #expect(rule.classify(latest: 64, previous: 54, higherIs: .better) == .improved)   // exactly 10
        #expect(rule.classify(latest: 54, previous: 64, higherIs: .better) == .worsened)
        #expect(rule.classify(latest: 63.9, previous: 54, higherIs: .better) == .none)
        // Means of CBI items: 10 up to floating-point rounding still counts.
        #expect(rule.classify(latest: 0.7 * 100, previous: 0.6 * 100, higherIs: .worse) == .worsened)
        #expect(rule.classify(latest: 5, previous: 5, higherIs: .better) == .none)
        #expect(ChangeRule.none.classify(latest: 100, previous: 0, higherIs: .better) == .none)
        #expect(rule.classify(latest: .nan, previous: 0, higherIs: .better) == .none)
        #expect(rule.classify(latest: .infinity, previous: 0, higherIs: .better) == .none)
    }
}

@Suite("Trend summary of one score")
struct TrendSummaryTests {
    let who5: ScoreDefinition
    let strain: ScoreDefinition

    init() throws {
        who5 = try #require(loadSurvey(BundledFixtures.text("who-5")).score(id: "wellbeing"))
        strain = try #require(loadSurvey(burnoutYAML).score(id: "strain"))
    }

    @Test func summaryOfAWeeklySeries() {
        // Weekly 72, 68, 64, 60: slope −4 per week exactly.
        let points = series([(0, 72), (7, 68), (14, 64), (21, 60)])
        let s = TrendSummary.compute(points: points, definition: who5)
        #expect(s.n == 4)
        #expect(s.latest == 60 && s.previous == 64 && s.delta == -4)
        #expect(s.mean == 66)
        #expect(approx(s.slopePerWeek, -4, tolerance: 1e-12))
        #expect(s.bandID == "ok" && s.bandLevel == .ok)
        #expect(s.rule == .threshold(10))
        #expect(s.reliableChange == .none)
        #expect(s.reliableChangeIndex == nil)
    }

    @Test func slopeIsPerWeekWhateverTheSpacing() {
        // Days 0, 1, 14: values 10, 11, 24 lie on y = 10 + 1/day = 7 per week.
        let s = TrendSummary.compute(points: series([(0, 10), (1, 11), (14, 24)]), definition: who5)
        #expect(approx(s.slopePerWeek, 7, tolerance: 1e-9))
    }

    @Test func aChangeThatMattersAndTheBand() {
        let s = TrendSummary.compute(points: series([(0, 60), (14, 48)]), definition: who5)
        #expect(s.delta == -12)
        #expect(s.reliableChange == .worsened)
        #expect(s.bandID == "poor" && s.bandLevel == .warn)
    }

    @Test func reliableChangeWithAlpha() throws {
        let reliability = ScoreReliability(alpha: 0.5, standardDeviation: 10, respondents: 31)
        // α is used for scales of 3 items or more.
        var strain = strain
        strain.items = ["s1", "s2", "s3"]
        // Higher is worse: a rise of 25 (RC 2.5) is a reliable worsening.
        let s = TrendSummary.compute(points: series([(0, 50), (7, 75)]), definition: strain, reliability: reliability)
        #expect(s.reliableChange == .worsened)
        #expect(approx(s.reliableChangeIndex, 2.5, tolerance: 1e-9))
        #expect(s.bandID == "high" && s.bandLevel == .alert)
        // Without α and without `change:`, nothing is flagged.
        let plain = TrendSummary.compute(points: series([(0, 0), (7, 100)]), definition: strain)
        #expect(plain.rule == ChangeRule.none && plain.reliableChange == .none)
    }

    @Test func emptyAndSinglePointSeries() {
        let empty = TrendSummary.compute(points: [], definition: who5)
        #expect(empty.n == 0)
        #expect(empty.latest == nil && empty.previous == nil && empty.delta == nil)
        #expect(empty.mean == nil && empty.slopePerWeek == nil && empty.band == nil)
        #expect(empty.reliableChange == .none)
        let one = TrendSummary.compute(points: series([(0, 20)]), definition: who5)
        #expect(one.n == 1 && one.latest == 20 && one.mean == 20)
        #expect(one.previous == nil && one.delta == nil && one.slopePerWeek == nil)
        #expect(one.bandID == "low")
    }

    @Test func identicalTimesNonFiniteValuesAndOrder() {
        // Same time: no slope; the later given is the latest.
        let same = TrendSummary.compute(points: series([(0, 40), (0, 52)]), definition: who5)
        #expect(same.latest == 52 && same.previous == 40 && same.slopePerWeek == nil)
        #expect(same.reliableChange == .improved)
        // NaN and infinite values are left out; points are put in date order.
        let messy = series([(14, 64), (0, .nan), (7, 60), (21, .infinity)])
        let s = TrendSummary.compute(points: messy + series([(21, 68)]), definition: who5)
        #expect(s.n == 3 && s.latest == 68 && s.previous == 64 && s.delta == 4)
        #expect(approx(s.slopePerWeek, 4, tolerance: 1e-12))
        // A value outside every band has no band.
        #expect(TrendSummary.compute(points: series([(0, 120)]), definition: who5).band == nil)
    }

    @Test("a slope needs 3 points spanning 14 days; two same-day points give none, not thousands per week")
    func slopeNeedsThreePointsOverTwoWeeks() {
        let hours = series([(0, 40), (0.25, 52)])
        #expect(hours.count == 2 && TrendSummary.compute(points: hours, definition: who5).slopePerWeek == nil)
        #expect(TrendSummary.compute(points: series([(0, 40), (7, 52)]), definition: who5).slopePerWeek == nil, "two points")
        #expect(TrendSummary.compute(points: series([(0, 40), (6, 46), (13, 52)]), definition: who5).slopePerWeek == nil,
                "three points over 13 days")
        #expect(TrendSummary.compute(points: series([(0, 40), (0.1, 41), (0.2, 52)]), definition: who5).slopePerWeek == nil,
                "three points within a day")
        let two = TrendSummary.compute(points: series([(0, 40), (7, 46), (14, 52)]), definition: who5)
        #expect(approx(two.slopePerWeek, 6, tolerance: 1e-12), "three points over exactly 14 days")
        // 14 days less an hour (a daylight-saving change) still counts as two weeks.
        let dst = TrendSummary.compute(points: series([(0, 40), (7, 46), (14 - 1.0 / 24, 52)]), definition: who5)
        #expect(dst.slopePerWeek != nil)
    }

    @Test("the mean is sum / count: 1, 5, 5, 5, 5, 5, 4, 5 give exactly 4.375 (a running mean gives 4.375000000000001)")
    func exactMean() {
        let values: [Double] = [1, 5, 5, 5, 5, 5, 4, 5]
        let s = TrendSummary.compute(points: series(values.enumerated().map { (Double($0.offset * 7), $0.element) }),
                                     definition: who5)
        #expect(s.mean == 4.375)
        #expect(TrendStatistics.mean([0.1, 0.2, 0.3]) == (0.1 + 0.2 + 0.3) / 3)
    }

    @Test("a 2-item scale with α from many respondents still uses the survey's change:")
    func twoItemScaleUsesChange() {
        let pair = ScoreDefinition(id: "pair", label: "Pair", items: ["a", "b"], method: .mean, range: 1...5, change: 1)
        let reliability = ScoreReliability(alpha: 0.5, standardDeviation: 0.1, respondents: 100)
        // With α the change 3 → 3.5 would be RC = 0.5 / (√2 × 0.1 × √0.5) = 5: "improved". With change: 1 it is none.
        let s = TrendSummary.compute(points: series([(0, 3), (7, 3.5)]), definition: pair, reliability: reliability)
        #expect(s.rule == .threshold(1))
        #expect(s.reliableChange == .none)
        #expect(s.reliableChangeIndex == nil)
    }

    @Test("a group's means get no change test, whatever the rule would be")
    func groupRowsHaveNoChangeTest() {
        let s = TrendSummary.compute(points: series([(0, 20), (7, 80)]), definition: who5, individual: false)
        #expect(s.rule == ChangeRule.none && s.reliableChange == .none && s.delta == 60)
    }
}
