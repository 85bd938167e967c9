import CoachCore

/// Whether the latest change of a score is one that matters, in the direction of `higher_is`.
/// The raw values are the JSON field `reliable_change`.
public enum ReliableChange: String, CaseIterable, Sendable, Equatable {
    case improved, worsened, none
}

/// What the store knows about a score's reliability: Cronbach's α of its items, the standard
/// deviation of all respondents' scores, and how many respondents α comes from (those with a
/// complete set of the score's items, one per person).
public struct ScoreReliability: Sendable, Equatable {
    public var alpha: Double
    public var standardDeviation: Double
    public var respondents: Int

    public init(alpha: Double, standardDeviation: Double, respondents: Int) {
        self.alpha = alpha
        self.standardDeviation = standardDeviation
        self.respondents = respondents
    }
}

/// The rule that decides whether a change matters, chosen as docs/scoring.md says.
public enum ChangeRule: Sendable, Equatable {
    /// Jacobson–Truax: RC = (latest − previous) / S_diff; |RC| > 1.96 is reliable.
    /// `sDiff` = √2 × SD × √(1 − α), a finite number above 0.
    case jacobsonTruax(alpha: Double, standardDeviation: Double, sDiff: Double)
    /// The survey's `change:`: |latest − previous| ≥ threshold is a change that matters.
    case threshold(Double)
    /// Neither is known: no change is flagged.
    case none

    /// Respondents with every item answered needed before α from the store is used.
    public static let minimumRespondents = 30
    /// Items a score needs before its α is used. α grows with the number of items, and with two
    /// it is only the Spearman–Brown step-up of their one correlation, a noisy and biased figure;
    /// shorter scales use the survey's `change:`.
    public static let minimumItems = 3
    /// |RC| must exceed this.
    public static let criticalValue = 1.96
    /// Relative tolerance of the boundary comparisons: a value equal to a boundary up to
    /// floating-point rounding counts as equal to it.
    public static let boundaryTolerance = 1e-9

    /// Chooses the rule: Jacobson–Truax when the score has at least 3 `items` and `reliability`
    /// comes from at least 30 respondents and gives a usable S_diff (α and SD finite, SD ≥ 0,
    /// α < 1, so S_diff > 0); otherwise the survey's `change` when it is a finite number above 0;
    /// otherwise `.none`.
    public static func select(reliability: ScoreReliability?, change: Double?, items: Int) -> ChangeRule {
        if items >= minimumItems, let r = reliability, r.respondents >= minimumRespondents,
           r.alpha.isFinite, r.standardDeviation.isFinite, r.standardDeviation >= 0, r.alpha < 1 {
            let sDiff = 2.0.squareRoot() * r.standardDeviation * (1 - r.alpha).squareRoot()
            if sDiff > 0, sDiff.isFinite {
                return .jacobsonTruax(alpha: r.alpha, standardDeviation: r.standardDeviation, sDiff: sDiff)
            }
        }
        if let change, change.isFinite, change > 0 { return .threshold(change) }
        return .none
    }

    /// The reliable change index RC for a change; nil unless the rule is Jacobson–Truax and
    /// both values are finite.
    public func index(latest: Double, previous: Double) -> Double? {
        guard case .jacobsonTruax(_, _, let sDiff) = self else { return nil }
        let rc = (latest - previous) / sDiff
        return rc.isFinite ? rc : nil
    }

    /// Classifies the change from `previous` to `latest`.
    ///
    /// - Jacobson–Truax: reliable when |RC| > 1.96 (strictly; RC equal to 1.96 up to rounding is not).
    /// - Threshold: matters when |delta| ≥ `change` (inclusive, as "a change of 10 points is a
    ///   meaningful change"; a delta equal to it up to rounding counts).
    /// A rise is `improved` when higher is better and `worsened` when higher is worse; a fall the
    /// reverse. Non-finite values give `.none`.
    public func classify(latest: Double, previous: Double, higherIs: HigherIs) -> ReliableChange {
        let delta = latest - previous
        guard delta.isFinite, delta != 0 else { return .none }
        let tolerance = Self.boundaryTolerance
        switch self {
        case .none:
            return .none
        case .threshold(let change):
            guard abs(delta) >= change * (1 - tolerance) else { return .none }
        case .jacobsonTruax:
            guard let rc = index(latest: latest, previous: previous),
                  abs(rc) > Self.criticalValue * (1 + tolerance) else { return .none }
        }
        let rose = delta > 0
        return rose == (higherIs == .better) ? .improved : .worsened
    }
}
