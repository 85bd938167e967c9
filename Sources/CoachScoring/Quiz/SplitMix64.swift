/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seeded pseudo-random generator.
///
/// Its sequence for a seed is fixed forever (unlike `SystemRandomNumberGenerator`), so a quiz layout
/// can be reproduced from its seed. `bounded(_:)` and `shuffle(_:)` are written here rather than
/// taken from the standard library, whose algorithms for `random(in:using:)` and `shuffled(using:)`
/// are not promised to stay the same across Swift versions. Not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The generator's state; it advances by the golden-ratio increment on every draw.
    public private(set) var state: UInt64

    /// Creates a generator for `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (unbiased, by rejection); 0 when `bound` ≤ 1.
    public mutating func bounded(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let range = UInt64(bound)
        // Reject the top partial block so that every residue is equally likely.
        let limit = UInt64.max - UInt64.max % range
        while true {
            let value = next()
            if value < limit { return Int(value % range) }
        }
    }

    /// A uniform double in `0..<1` (53 random bits).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Shuffles `items` in place (Fisher–Yates, from the end).
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            let other = bounded(index + 1)
            if other != index { items.swapAt(index, other) }
        }
    }
}
