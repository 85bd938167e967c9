import CoachCore

/// One score of a completed session, as it is stored.
///
/// `value` is the full-precision result (never NaN or infinite); round it only for display,
/// with `ScoreFormat.display(_:)`.
public struct ScoreResult: Sendable, Equatable {
    /// The score's id (`wellbeing`), or for a quiz `points`, `max_points`, `percent`, `passed`.
    public var scoreID: String
    /// The value after `value * multiply + add`; nil when there is no score
    /// (fewer than `min_answered` items answered, or a result that is not a finite number).
    public var value: Double?
    /// The band the value falls in; nil without a value or without bands.
    public var band: ScoreBand?
    /// True when the score's `alert_if_any` rule fired (independently of `value`).
    public var alert: Bool
    /// How many of the score's items had a usable answer.
    public var answeredItems: Int

    /// Creates a result; a non-finite `value` becomes no score, and no score has no band.
    public init(scoreID: String, value: Double?, band: ScoreBand? = nil, alert: Bool = false, answeredItems: Int = 0) {
        self.scoreID = scoreID
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.band = self.value == nil ? nil : band
        self.alert = alert
        self.answeredItems = answeredItems
    }

    /// The id of the band, if any.
    public var bandID: String? { band?.id }
}

extension Array where Element == ScoreResult {
    /// True when any score of the session raised an alert (the test-vector key `alert`).
    public var anyAlert: Bool { contains { $0.alert } }

    /// The result with `scoreID`, if any.
    public func result(for scoreID: String) -> ScoreResult? { first { $0.scoreID == scoreID } }
}

/// Rounding of score values for people to read; stored values are never rounded.
public enum ScoreFormat {
    /// `100`, `58.3`, `-2.5`: at most `decimals` (0–6) decimals, trailing zeros dropped; `—` for no score.
    public static func display(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        let places = Swift.max(0, Swift.min(decimals, 6))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        var rounded = (value * scale).rounded() / scale
        if !rounded.isFinite { rounded = value }
        if rounded == 0 { return "0" }
        if rounded == rounded.rounded(), abs(rounded) < 1e15, let whole = Int(exactly: rounded) {
            return String(whole)
        }
        return String(rounded)
    }
}
