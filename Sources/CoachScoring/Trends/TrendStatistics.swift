/// Descriptive statistics for trends, over finite values only.
///
/// Every function ignores NaN and infinite inputs and returns nil when its result is undefined
/// (too few values) or not a finite number; none of them traps.
public enum TrendStatistics {
    /// The arithmetic mean, sum / count; nil without a finite value.
    ///
    /// A mean that is exactly representable comes out exactly (4, 4.5, 4.5, 4.5 → 4.375), which a
    /// running mean does not promise. Only when the sum overflows is the running mean used.
    public static func mean(_ values: [Double]) -> Double? {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        let sum = finite.reduce(0, +)
        if sum.isFinite { return sum / Double(finite.count) }
        var m = 0.0
        for (i, v) in finite.enumerated() { m += (v - m) / Double(i + 1) }
        return m.isFinite ? m : nil
    }

    /// The sample variance, Σ(x − x̄)² / (s − 1); nil with fewer than 2 finite values.
    public static func variance(_ values: [Double]) -> Double? {
        let finite = values.filter(\.isFinite)
        guard finite.count >= 2, let m = mean(finite) else { return nil }
        var sum = 0.0
        for v in finite { sum += (v - m) * (v - m) }
        let result = sum / Double(finite.count - 1)
        return result.isFinite ? result : nil
    }

    /// The sample standard deviation (the (s − 1) denominator); nil with fewer than 2 finite values.
    public static func standardDeviation(_ values: [Double]) -> Double? {
        variance(values).map { $0.squareRoot() }
    }

    /// The ordinary least-squares slope of `y` against `x`, Σ(x − x̄)(y − ȳ) / Σ(x − x̄)².
    ///
    /// Pairs where either coordinate is not finite are left out; extra elements of the longer
    /// array are ignored. Nil with fewer than 2 distinct `x` values.
    public static func slope(x: [Double], y: [Double]) -> Double? {
        let pairs = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        guard pairs.count >= 2,
              let mx = mean(pairs.map(\.0)), let my = mean(pairs.map(\.1)) else { return nil }
        var sxy = 0.0, sxx = 0.0
        for (px, py) in pairs {
            sxy += (px - mx) * (py - my)
            sxx += (px - mx) * (px - mx)
        }
        guard sxx > 0, sxx.isFinite else { return nil }
        let result = sxy / sxx
        return result.isFinite ? result : nil
    }
}

/// Cronbach's α, the internal consistency of a score's items.
public enum CronbachAlpha {
    /// α = k/(k − 1) × (1 − Σ var(itemᵢ) / var(total)), variances with the (s − 1) denominator.
    ///
    /// `items` has one row per respondent and one column per item. Rows holding a non-finite value
    /// (a missing answer) are left out (listwise deletion). Nil when α is undefined: rows of
    /// different lengths, fewer than 2 items, fewer than 2 remaining rows, or zero variance of
    /// the totals. α may be negative (items that disagree); it is at most 1.
    public static func compute(items: [[Double]]) -> Double? {
        guard let k = items.first?.count, k >= 2, items.allSatisfy({ $0.count == k }) else { return nil }
        let rows = items.filter { $0.allSatisfy(\.isFinite) }
        guard rows.count >= 2 else { return nil }
        var itemVariances = 0.0
        for column in 0..<k {
            guard let v = TrendStatistics.variance(rows.map { $0[column] }) else { return nil }
            itemVariances += v
        }
        guard let totalVariance = TrendStatistics.variance(rows.map { $0.reduce(0, +) }),
              totalVariance > 0 else { return nil }
        let kd = Double(k)
        let alpha = kd / (kd - 1) * (1 - itemVariances / totalVariance)
        return alpha.isFinite ? alpha : nil
    }
}
