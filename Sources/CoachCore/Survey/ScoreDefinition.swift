/// A score computed from answers when a session completes.
public struct ScoreDefinition: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    /// Question ids, all numeric (choice with number values, scale, number with min and max).
    public var items: [String]
    public var method: ScoreMethod
    /// Items scored as (min + max − value) of their list or scale.
    public var reverse: [String]
    public var multiply: Double
    public var add: Double
    /// Fewer answered items → no score; defaults to all items.
    public var minAnswered: Int
    /// The possible range after the transform (declared, and checked to equal what the items give).
    public var range: ClosedRange<Double>
    public var higherIs: HigherIs
    /// The smallest change that matters, in score units.
    public var change: Double?
    /// Ascending by `max`; the last covers the top of the range.
    public var bands: [ScoreBand]
    public var alertIfAny: AlertRule?
    /// A coach extension of format 1: from this band level on (or when `alert_if_any` fires), the
    /// person who answered sees a private, supportive message with the configured support contacts.
    public var supportAt: BandLevel?

    public init(id: String, label: String, items: [String] = [], method: ScoreMethod = .sum, reverse: [String] = [],
                multiply: Double = 1, add: Double = 0, minAnswered: Int = 0, range: ClosedRange<Double>,
                higherIs: HigherIs = .better, change: Double? = nil, bands: [ScoreBand] = [], alertIfAny: AlertRule? = nil) {
        self.id = id
        self.label = label
        self.items = items
        self.method = method
        self.reverse = reverse
        self.multiply = multiply
        self.add = add
        self.minAnswered = minAnswered
        self.range = range
        self.higherIs = higherIs
        self.change = change
        self.bands = bands
        self.alertIfAny = alertIfAny
        self.supportAt = nil
    }

    /// Whether a result with this band and alert calls for the private support message.
    public func callsForSupport(band: ScoreBand?, alert: Bool) -> Bool {
        guard let supportAt else { return false }
        if alert { return true }
        guard let level = band?.level else { return false }
        let order: [BandLevel] = [.ok, .warn, .alert]
        return (order.firstIndex(of: level) ?? 0) >= (order.firstIndex(of: supportAt) ?? 3)
    }

    /// A quiz's stored percent, as trends read it: 0–100, higher is better.
    public static let quizPercent = ScoreDefinition(id: "percent", label: "Quiz %", range: 0...100)

    /// The band a score value falls in (the first whose `max` is at least the value).
    public func band(for value: Double) -> ScoreBand? { bands.first { value <= $0.max } }
}

public enum ScoreMethod: String, CaseIterable, Sendable, Codable { case sum, mean }

public enum HigherIs: String, CaseIterable, Sendable, Codable { case better, worse }

/// A named interval of a score: values up to and including `max`, above the previous band's `max`.
public struct ScoreBand: Sendable, Equatable, Codable {
    public var max: Double
    public var id: String
    public var label: String
    public var level: BandLevel
}

public enum BandLevel: String, CaseIterable, Sendable, Codable { case ok, warn, alert }

/// Raise an alert when any of `items` is answered at or below `atMost`.
public struct AlertRule: Sendable, Equatable, Codable {
    public var items: [String]
    public var atMost: Double
}
