import CoachCore
import Foundation

/// The KPIs goals and one-on-ones use: those the one-on-one template reviews, as the
/// organisation defines them, then the organisation's own (`kpi add`).
public enum KPICatalog {
    /// The template's KPIs merged with the organisation's definitions.
    public static func effective(template: Survey?, organisation: [KPIDefinition]) -> [KPIDefinition] {
        KPIDefinition.merged(template: template?.questions.flatMap(\.kpis) ?? [], organisation: organisation)
    }

    /// Refuses a definition that could not be used, saying why.
    public static func check(_ kpi: KPIDefinition) throws {
        guard kpi.id.range(of: "^[a-z][a-z0-9_]{0,39}$", options: .regularExpression) != nil else {
            throw StoreError.invalidKPIDefinition(
                "'\(kpi.id)' is not a KPI id: lowercase letters, digits and '_', starting with a letter (e.g. calls_made)")
        }
        let label = kpi.label.trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty, label.count <= 80, PlainText.problem(in: label, allowNewlines: false) == nil else {
            throw StoreError.invalidKPIDefinition("a KPI's label is 1 to 80 characters of plain text on one line")
        }
        if let unit = kpi.unit {
            guard !unit.isEmpty, unit.count <= 20, PlainText.problem(in: unit, allowNewlines: false) == nil else {
                throw StoreError.invalidKPIDefinition("a KPI's unit is 1 to 20 characters of plain text (EUR, calls, %)")
            }
        }
        for bound in [kpi.min, kpi.max].compactMap({ $0 }) where !bound.isFinite {
            throw StoreError.invalidKPIDefinition("--min and --max must be finite numbers")
        }
        if let low = kpi.min, let high = kpi.max, low >= high {
            throw StoreError.invalidKPIDefinition("--min (\(formatNumber(low))) must be less than --max (\(formatNumber(high)))")
        }
        if kpi.kind == .score, kpi.min == nil || kpi.max == nil {
            throw StoreError.invalidKPIDefinition("a score KPI declares its scale with --min and --max (e.g. 1 and 5)")
        }
        if kpi.effectiveKind == .percent, (kpi.min ?? 0) < 0 || (kpi.max ?? 100) > 100 {
            throw StoreError.invalidKPIDefinition("a percent KPI stays within 0 to 100")
        }
    }
}
