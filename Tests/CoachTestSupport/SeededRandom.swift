import CoachScoring
import Foundation

/// The seeded generator randomised tests use: the product's own SplitMix64, whose sequence for a
/// seed never changes.
public typealias SeededRandom = SplitMix64

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
