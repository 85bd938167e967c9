import CoachCore
import Foundation

/// One dated value of a score.
public struct TrendPoint: Sendable, Equatable {
    public var date: Date
    public var value: Double

    public init(date: Date, value: Double) {
        self.date = date
        self.value = value
    }
}

/// The trend of one score over the points shown: the `trends` row and JSON object's numbers.
public struct TrendSummary: Sendable, Equatable {
    /// Finite points summarised.
    public var n: Int
    public var latest: Double?
    /// The point before the latest; nil with fewer than 2 points.
    public var previous: Double?
    /// latest − previous; nil with fewer than 2 points.
    public var delta: Double?
    public var mean: Double?
    /// Least-squares slope of value against time in weeks (7 × 86,400 s); nil unless there are
    /// at least `slopeMinimumPoints` points spanning at least `slopeMinimumDays` days.
    public var slopePerWeek: Double?
    /// The band of the latest value (id, label, level); nil without a latest value or bands.
    public var band: ScoreBand?
    /// The rule used to judge the latest change.
    public var rule: ChangeRule
    /// The reliable change index RC when the rule is Jacobson–Truax and there is a change.
    public var reliableChangeIndex: Double?
    public var reliableChange: ReliableChange

    /// The band's id (the JSON field `band`).
    public var bandID: String? { band?.id }
    /// The band's level, for colour.
    public var bandLevel: BandLevel? { band?.level }

    /// A summary with the given fields (for renderers' tests); use `compute` to make one from points.
    public init(n: Int, latest: Double?, previous: Double?, delta: Double?, mean: Double?,
                slopePerWeek: Double?, band: ScoreBand?, rule: ChangeRule,
                reliableChangeIndex: Double?, reliableChange: ReliableChange) {
        self.n = n
        self.latest = latest
        self.previous = previous
        self.delta = delta
        self.mean = mean
        self.slopePerWeek = slopePerWeek
        self.band = band
        self.rule = rule
        self.reliableChangeIndex = reliableChangeIndex
        self.reliableChange = reliableChange
    }

    /// Seconds in a week, the unit of `slopePerWeek`.
    public static let secondsPerWeek = 7.0 * 86_400
    /// A slope needs this many points: a line through two points is no trend, only their delta.
    public static let slopeMinimumPoints = 3
    /// ...spread over at least this many days (two weeks), so that points a few hours apart
    /// cannot give a slope of thousands per week.
    public static let slopeMinimumDays = 14.0

    /// Summarises `points` of the score `definition`.
    ///
    /// Points are expected oldest first; they are put in date order anyway, points with the same
    /// date keeping their given order (so the last given is the latest). Points whose value or
    /// date is not finite are left out. An empty series gives n = 0 and every number nil; one
    /// point gives latest, mean and band but no previous, delta or slope; the slope needs 3 points
    /// over 14 days or more.
    /// `reliability` is the store's α and SD for this score (see `ChangeRule.select`).
    /// `individual` is false for a group's weekly means: they come from different respondents
    /// week to week, so no test of one person's change applies and the rule is `.none`.
    public static func compute(points: [TrendPoint], definition: ScoreDefinition,
                               reliability: ScoreReliability? = nil, individual: Bool = true) -> TrendSummary {
        let ordered = points.enumerated()
            .filter { $0.element.value.isFinite && $0.element.date.timeIntervalSinceReferenceDate.isFinite }
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
        let rule = individual
            ? ChangeRule.select(reliability: reliability, change: definition.change, items: definition.items.count)
            : ChangeRule.none
        let latest = ordered.last?.value
        let previous = ordered.count >= 2 ? ordered[ordered.count - 2].value : nil
        var delta: Double?
        var rc: Double?
        var change = ReliableChange.none
        if let latest, let previous {
            let d = latest - previous
            delta = d.isFinite ? d : nil
            rc = rule.index(latest: latest, previous: previous)
            change = rule.classify(latest: latest, previous: previous, higherIs: definition.higherIs)
        }
        var slope: Double?
        if ordered.count >= slopeMinimumPoints, let first = ordered.first?.date, let last = ordered.last?.date,
           // An hour's allowance: two weeks across a daylight-saving change are 14 days less an hour.
           last.timeIntervalSince(first) >= slopeMinimumDays * 86_400 - 3_600 {
            let weeks = ordered.map { $0.date.timeIntervalSince(first) / secondsPerWeek }
            slope = TrendStatistics.slope(x: weeks, y: ordered.map(\.value))
        }
        return TrendSummary(
            n: ordered.count, latest: latest, previous: previous, delta: delta,
            mean: TrendStatistics.mean(ordered.map(\.value)), slopePerWeek: slope,
            band: latest.flatMap { definition.band(for: $0) },
            rule: rule, reliableChangeIndex: rc, reliableChange: change)
    }
}
