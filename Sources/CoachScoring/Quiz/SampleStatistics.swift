/// Sample statistics with the (n − 1) denominator, as Moodle's quiz statistics use them.
///
/// Every function returns nil instead of trapping or producing NaN: too few values, mismatched
/// lengths or a non-finite result give nil. A variance of values that are all equal is exactly 0
/// (not a rounding residue such as 1e-33), so callers can test for zero variance with `== 0`.
enum SampleStatistics {
    /// The arithmetic mean; nil for no values.
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let result = values.reduce(0, +) / Double(values.count)
        return result.isFinite ? result : nil
    }

    /// Σ(x − x̄)² / (n − 1); nil for fewer than 2 values, exactly 0 when all values are equal.
    static func variance(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        if allEqual(values) { return 0 }
        let sum = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let result = sum / Double(values.count - 1)
        return result.isFinite ? result : nil
    }

    /// The sample standard deviation, sqrt(variance); nil where the variance is.
    static func standardDeviation(_ values: [Double]) -> Double? {
        variance(values).map { $0.squareRoot() }
    }

    /// Σ(x − x̄)(y − ȳ) / (n − 1); nil for fewer than 2 pairs or lengths that differ,
    /// exactly 0 when either list is constant.
    static func covariance(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 2, let mx = mean(x), let my = mean(y) else { return nil }
        if allEqual(x) || allEqual(y) { return 0 }
        var sum = 0.0
        for index in x.indices { sum += (x[index] - mx) * (y[index] - my) }
        let result = sum / Double(x.count - 1)
        return result.isFinite ? result : nil
    }

    /// True when every value equals the first (true for no values).
    static func allEqual(_ values: [Double]) -> Bool {
        guard let first = values.first else { return true }
        return values.allSatisfy { $0 == first }
    }
}
