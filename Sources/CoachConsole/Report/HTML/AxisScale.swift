import Foundation

/// A value range laid onto a stretch of the drawing, usable whatever it is given: a range that
/// is not finite falls back to the data's extent (or 0…1), a zero-width one is widened.
struct AxisScale {
    let lower: Double
    let upper: Double
    /// Drawing coordinates of `lower` and `upper` (for a y axis the start is the bottom).
    let start: Double
    let end: Double

    init(_ range: ClosedRange<Double>, data: [Double], from start: Double, to end: Double) {
        (lower, upper) = AxisScale.usable(range.lowerBound, range.upperBound, data: data)
        self.start = start
        self.end = end
    }

    static func usable(_ low: Double, _ high: Double, data: [Double]) -> (Double, Double) {
        var low = low, high = high
        if !low.isFinite || !high.isFinite || !(high - low).isFinite {
            let finite = data.filter(\.isFinite)
            low = finite.min() ?? 0
            high = finite.max() ?? 1
            if !(high - low).isFinite { return (0, 1) }
        }
        if high > low { return (low, high) }
        let pad = Swift.max(abs(low) * 0.1, 1)
        let widened = (low - pad, high + pad)
        return (widened.1 - widened.0).isFinite && widened.1 > widened.0 ? widened : (0, 1)
    }

    /// Where `value` is drawn, held inside the axis (a value off the declared range sits on its edge).
    func position(_ value: Double) -> Double {
        let fraction = Swift.min(Swift.max((value - lower) / (upper - lower), 0), 1)
        return start + (fraction.isFinite ? fraction : 0) * (end - start)
    }

    func contains(_ value: Double) -> Bool { value.isFinite && value >= lower && value <= upper }

    /// Round tick values inside the range (about five steps of 1, 2 or 5 times a power of ten).
    var ticks: [Double] {
        let step = tickStep
        guard step > 0, step.isFinite else { return [lower, upper] }
        var values: [Double] = []
        var tick = (lower / step).rounded(.up) * step
        while tick <= upper + step * 1e-9 && values.count < 20 {
            values.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return values.isEmpty ? [lower, upper] : values
    }

    /// Decimals that tell the ticks apart.
    var tickDecimals: Int {
        let step = tickStep
        guard step > 0, step.isFinite else { return 1 }
        return Swift.min(Swift.max(0, Int((-log10(step)).rounded(.up))), 6)
    }

    /// Decimals for values read on this axis: one more than the ticks need, at least one.
    var valueDecimals: Int { Swift.min(Swift.max(1, tickDecimals + 1), 6) }

    private var tickStep: Double {
        let rough = (upper - lower) / 5
        guard rough > 0, rough.isFinite else { return 0 }
        let magnitude = pow(10, floor(log10(rough)))
        let normal = rough / magnitude
        return (normal < 1.5 ? 1 : normal < 3.5 ? 2 : normal < 7.5 ? 5 : 10) * magnitude
    }
}
