import Foundation

/// What a KPI counts, which sets its default range and how its values read.
public enum KPIKind: String, CaseIterable, Sendable, Codable {
    /// Money (revenue, deal size): 0 or more, shown with its unit (`12000 EUR`).
    case currency
    /// Things counted (calls made, meetings booked, new customers): whole numbers, 0 or more.
    case count
    /// A share (conversion, satisfied customers): 0 to 100, shown as `45%`.
    case percent
    /// A rating on a scale the KPI declares with `min` and `max` (satisfaction 1–5).
    case score
}

/// A KPI: asked by a one-on-one's `kpi` question, set as a target by `goal set`, defined in a
/// survey file or by the organisation (`kpi add`). Kind, range and direction are optional in a
/// survey file; a KPI whose unit is `%` is a percent.
public struct KPIDefinition: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    public var unit: String?
    public var kind: KPIKind?
    /// The lowest and highest value the KPI can take, beyond its kind's own range.
    public var min: Double?
    public var max: Double?
    /// `worse` when a lower value is better (days to close, complaints).
    public var higherIs: HigherIs

    public init(id: String, label: String, unit: String? = nil, kind: KPIKind? = nil, min: Double? = nil,
                max: Double? = nil, higherIs: HigherIs = .better) {
        self.id = id
        self.label = label
        self.unit = unit
        self.kind = kind
        self.min = min
        self.max = max
        self.higherIs = higherIs
    }

    enum CodingKeys: String, CodingKey {
        case id, label, unit, kind, min, max
        case higherIs = "higher_is"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(String.self, forKey: .id), label: try container.decode(String.self, forKey: .label),
                  unit: try container.decodeIfPresent(String.self, forKey: .unit),
                  kind: try container.decodeIfPresent(KPIKind.self, forKey: .kind),
                  min: try container.decodeIfPresent(Double.self, forKey: .min),
                  max: try container.decodeIfPresent(Double.self, forKey: .max),
                  higherIs: try container.decodeIfPresent(HigherIs.self, forKey: .higherIs) ?? .better)
    }

    /// The kind as declared, or a percent when the unit is `%`.
    public var effectiveKind: KPIKind? { kind ?? (unit == "%" ? .percent : nil) }

    /// The lowest value allowed: the declared `min`, else 0 for money, counts and shares.
    public var lowest: Double? {
        if let min { return min }
        switch effectiveKind {
        case .currency?, .count?, .percent?: return 0
        case .score?, nil: return nil
        }
    }

    /// The highest value allowed: the declared `max`, else 100 for a share.
    public var highest: Double? { max ?? (effectiveKind == .percent ? 100 : nil) }

    /// Why `value` cannot be this KPI's actual or target, or nil when it can.
    public func problem(with value: Double) -> String? {
        guard value.isFinite else { return "\(label) must be a finite number" }
        if effectiveKind == .count, value != value.rounded() {
            return "\(label) is a count: a whole number, e.g. \(formatNumber(value.rounded(.down)))"
        }
        let bound = { (limit: Double) in self.effectiveKind == .percent ? formatNumber(limit) + "%" : formatNumber(limit) }
        let below = lowest.map { value < $0 } ?? false, above = highest.map { value > $0 } ?? false
        guard below || above else { return nil }
        if let lowest, let highest { return "\(label) is from \(bound(lowest)) to \(bound(highest)), not \(display(value))" }
        if let lowest { return lowest == 0 ? "\(label) cannot be negative (\(display(value)))" : "\(label) is at least \(bound(lowest)), not \(display(value))" }
        return "\(label) is at most \(bound(highest ?? 0)), not \(display(value))"
    }

    /// `value` as it reads for this KPI: `45%`, `12000 EUR`, `4.5`.
    public func display(_ value: Double) -> String {
        if effectiveKind == .percent { return formatNumber(value) + "%" }
        return formatNumber(value) + (unit.map { " \($0)" } ?? "")
    }

    /// The KPIs a one-on-one reviews: the template's, each replaced by the organisation's
    /// definition of the same id, then the organisation's own in the order they were added.
    public static func merged(template: [KPIDefinition], organisation: [KPIDefinition]) -> [KPIDefinition] {
        let defined = Dictionary(organisation.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        let templateIDs = Set(template.map(\.id))
        return template.map { defined[$0.id] ?? $0 } + organisation.filter { !templateIDs.contains($0.id) }
    }
}
