/// A one-line chart of a score over the weeks shown, scaled to the score's declared range.
public enum Sparkline {
    /// The bars, lowest first.
    public static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value: a bar, or a space for a missing point (nil or NaN).
    ///
    /// Scaling is to `range` (never to the data's min and max), in eight equal bins: with
    /// f = (value − lower) / (upper − lower) clamped to 0…1, the bar is number ⌊8 × f⌋ (0-based),
    /// and f = 1 gives the top bar; a value on a bin edge takes the higher bar. On 0…100 each bar
    /// covers 12.5 points: 0 → ▁, 12.4 → ▁, 12.5 → ▂, 49.9 → ▄, 50 → ▅, 87.5 → █, 100 → █.
    /// Values outside the range are clamped (−∞ → ▁, +∞ → █). A range of zero or infinite
    /// width draws every present value as ▁.
    public static func render(values: [Double?], range: ClosedRange<Double>) -> String {
        String(values.map { bar(for: $0, range: range) })
    }

    /// The character for one value (see `render`).
    public static func bar(for value: Double?, range: ClosedRange<Double>) -> Character {
        guard let value, !value.isNaN else { return " " }
        let width = range.upperBound - range.lowerBound
        guard width.isFinite, width > 0 else { return bars[0] }
        let f = Swift.min(1, Swift.max(0, (value - range.lowerBound) / width))
        return bars[Swift.min(7, Int((f * 8).rounded(.down)))]
    }
}
