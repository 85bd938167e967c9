import CoachScoring

/// The demo's conveniences over CoachScoring's seeded generator (the one quiz layouts use), so a
/// demo seed reproduces the same organisation on every platform.
extension SplitMix64 {
    /// An independent stream for `stream` (a person's index, a purpose): same seed and stream,
    /// same numbers, whatever else was drawn before.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        self.init(seed: mixer.next() ^ stream)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Uniform in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + bounded(range.count) }

    /// Uniform in [low, high).
    mutating func double(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// Approximately normal (mean 0, sd 1): the sum of four uniforms, rescaled. Cheap and bounded.
    mutating func normal() -> Double { (unit() + unit() + unit() + unit() - 2) * 1.7320508075688772 }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[bounded(items.count)] }
}
