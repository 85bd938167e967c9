import CoachCore
import Testing
@testable import CoachScoring

@Suite("Trend statistics: mean, SD, slope, Cronbach's α")
struct TrendStatisticsTests {
    @Test func meanAndSampleStandardDeviation() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, sample variance 32/7.
        let values: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        #expect(TrendStatistics.mean(values) == 5)
        #expect(approx(TrendStatistics.variance(values), 32.0 / 7, tolerance: 1e-12))
        #expect(approx(TrendStatistics.standardDeviation(values), 2.138089935, tolerance: 1e-9))
    }

    @Test func undefinedStatisticsAreNil() {
        #expect(TrendStatistics.mean([]) == nil)
        #expect(TrendStatistics.standardDeviation([]) == nil)
        #expect(TrendStatistics.standardDeviation([3]) == nil)
        #expect(TrendStatistics.standardDeviation([3, 3]) == 0)
        #expect(TrendStatistics.mean([.nan, .infinity]) == nil)
        // Non-finite values are left out.
        #expect(TrendStatistics.mean([1, .nan, 3]) == 2)
        #expect(TrendStatistics.mean([1e308, 1e308]) == 1e308)
    }

    @Test func slopeOfAKnownLine() {
        // y = 3x − 2 exactly.
        #expect(approx(TrendStatistics.slope(x: [0, 1, 2, 5], y: [-2, 1, 4, 13]), 3, tolerance: 1e-12))
        // (0,1), (1,3), (2,2): x̄ = 1, ȳ = 2, Sxy = (−1)(−1) + 0 + (1)(0) = 1, Sxx = 2 → 0.5.
        #expect(TrendStatistics.slope(x: [0, 1, 2], y: [1, 3, 2]) == 0.5)
    }

    @Test func slopeNeedsTwoDistinctX() {
        #expect(TrendStatistics.slope(x: [], y: []) == nil)
        #expect(TrendStatistics.slope(x: [1], y: [5]) == nil)
        #expect(TrendStatistics.slope(x: [1, 1, 1], y: [5, 6, 7]) == nil)
        #expect(TrendStatistics.slope(x: [1, .nan], y: [5, 6]) == nil)
        #expect(TrendStatistics.slope(x: [0, 1, 2], y: [0, 1]) == 1)
    }

    @Test func alphaOfATinyMatrixByHand() {
        // Items (1,2,3) var 1 and (2,3,3) var 1/3; totals 3,5,6 var 7/3.
        // α = 2/1 × (1 − (4/3)/(7/3)) = 2 × 3/7 = 6/7.
        let alpha = CronbachAlpha.compute(items: [[1, 2], [2, 3], [3, 3]])
        #expect(approx(alpha, 6.0 / 7, tolerance: 1e-12))
        // Parallel items: var 1 + 1 of total var 4 → α = 2 × (1 − 2/4) = 1.
        #expect(approx(CronbachAlpha.compute(items: [[1, 1], [2, 2], [3, 3]]), 1, tolerance: 1e-12))
        // Opposed items: totals all 4 → zero total variance → undefined.
        #expect(CronbachAlpha.compute(items: [[1, 3], [2, 2], [3, 1]]) == nil)
    }

    @Test func alphaWithThreeItems() {
        // Rows (1,1,2), (2,3,3), (3,2,4), (4,4,5).
        // Item variances 5/3, 5/3, 5/3 = 5; totals 4, 8, 9, 13 (mean 8.5): Σd² = 20.25+0.25+0.25+20.25 = 41 → 41/3.
        // α = 3/2 × (1 − 5/(41/3)) = 1.5 × (1 − 15/41) = 1.5 × 26/41 = 39/41.
        let alpha = CronbachAlpha.compute(items: [[1, 1, 2], [2, 3, 3], [3, 2, 4], [4, 4, 5]])
        #expect(approx(alpha, 39.0 / 41, tolerance: 1e-12))
    }

    @Test func alphaUndefinedCases() {
        #expect(CronbachAlpha.compute(items: []) == nil)
        #expect(CronbachAlpha.compute(items: [[1], [2], [3]]) == nil)            // one item
        #expect(CronbachAlpha.compute(items: [[1, 2]]) == nil)                    // one row
        #expect(CronbachAlpha.compute(items: [[1, 2], [2, 3, 4]]) == nil)         // ragged
        #expect(CronbachAlpha.compute(items: [[1, 1], [.nan, 2], [1, 1]]) == nil) // two equal rows left: zero total variance
        // A row with a missing answer is left out; the rest is the hand-worked 6/7 matrix.
        let alpha = CronbachAlpha.compute(items: [[1, 2], [.nan, 9], [2, 3], [3, 3]])
        #expect(approx(alpha, 6.0 / 7, tolerance: 1e-12))
    }
}
