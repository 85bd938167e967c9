import Foundation

/// A small seeded generator (SplitMix64), so every randomised test is reproducible.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The seed of a randomised test: `COACH_TEST_SEED` when set (to repeat a failure), else a new
/// one each run. Failure messages include `describe(seed)`, so a failing seed is always printed.
public enum TestSeed {
    public static func value(environment: [String: String] = ProcessInfo.processInfo.environment) -> UInt64 {
        environment["COACH_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
    }

    /// `seed 123 (COACH_TEST_SEED=123 repeats this run)`.
    public static func describe(_ seed: UInt64) -> String {
        "seed \(seed) (COACH_TEST_SEED=\(seed) repeats this run)"
    }
}
