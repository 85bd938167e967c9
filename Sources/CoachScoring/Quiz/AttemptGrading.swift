import CoachCore

/// A person's overall grade over several attempts at a quiz (`grading:` in surveys/README.md).
public enum AttemptGrading {
    /// The overall percent by `method`, from the attempts' percents oldest first.
    ///
    /// `highest`: the best; `first`: the oldest; `last`: the newest; `average`: the mean.
    /// Non-finite percents (an attempt without a percent) are skipped; nil when none is left.
    public static func overall(percents: [Double], method: QuizSettings.Grading) -> Double? {
        let usable = percents.filter(\.isFinite)
        guard !usable.isEmpty else { return nil }
        switch method {
        case .highest: return usable.max()
        case .first: return usable.first
        case .last: return usable.last
        case .average: return SampleStatistics.mean(usable)
        }
    }
}

/// Whether a person may start another attempt (`attempts:` in surveys/README.md).
public struct AttemptLimit: Sendable, Equatable {
    /// Attempts allowed; nil: unlimited. A value below 0 counts as 0.
    public var allowed: Int?
    /// Attempts already made (completed ones; the caller decides what counts). Below 0 counts as 0.
    public var used: Int

    /// Creates a check of `used` attempts against `allowed`.
    public init(allowed: Int?, used: Int) {
        self.allowed = allowed.map { Swift.max(0, $0) }
        self.used = Swift.max(0, used)
    }

    /// The limit of a quiz for someone who has made `used` attempts.
    public init(settings: QuizSettings, used: Int) {
        self.init(allowed: settings.attempts, used: used)
    }

    /// Attempts left; nil when unlimited, never negative.
    public var remaining: Int? { allowed.map { Swift.max(0, $0 - used) } }

    /// True while another attempt may be started.
    public var canStart: Bool { remaining.map { $0 > 0 } ?? true }

    /// The number of the next attempt (1-based), or nil when no attempt is left.
    public var nextAttemptNumber: Int? { canStart ? used + 1 : nil }
}
