import Foundation
import Yams

/// A saved column mapping for `kpi import --mapping NAME`, under `kpi_import:` in config.yaml:
///
/// ```yaml
/// kpi_import:
///   hubspot:
///     person: Deal owner        # the column naming the person (name or e-mail)
///     period: Close date        # the column with the date or month
///     value: Amount             # the column with the value
///     kpi_id: revenue           # every row is this KPI (or `kpi: COLUMN`, a column of KPI ids or labels)
///     date_format: yyyy-MM-dd   # optional; ISO dates and months are read without it
/// ```
public struct KPIImportMapping: Equatable, Sendable {
    public var person: String?
    public var period: String?
    public var kpi: String?
    public var kpiID: String?
    public var value: String?
    public var dateFormat: String?

    public init(person: String? = nil, period: String? = nil, kpi: String? = nil, kpiID: String? = nil, value: String? = nil,
                dateFormat: String? = nil) {
        self.person = person
        self.period = period
        self.kpi = kpi
        self.kpiID = kpiID
        self.value = value
        self.dateFormat = dateFormat
    }

    static let keys = ["person", "period", "kpi", "kpi_id", "value", "date_format"]

    /// The `kpi_import:` setting: a mapping of names to mappings.
    static func parseAll(_ node: Node, file: String) throws(ConfigError) -> [String: KPIImportMapping] {
        guard let mapping = node.mapping else {
            throw ConfigError(node: node, file: file, message: "kpi_import: expects named mappings, e.g. 'hubspot: { person: \"Deal owner\", … }'")
        }
        var mappings: [String: KPIImportMapping] = [:]
        for (nameNode, value) in mapping {
            guard let name = nameNode.string, !name.isEmpty else {
                throw ConfigError(node: nameNode, file: file, message: "kpi_import: each mapping has a name")
            }
            mappings[name] = try parse(value, name: name, file: file)
        }
        return mappings
    }

    private static func parse(_ node: Node, name: String, file: String) throws(ConfigError) -> KPIImportMapping {
        guard let fields = node.mapping else {
            throw ConfigError(node: node, file: file,
                              message: "kpi_import.\(name) expects columns: \(keys.map { $0 + ":" }.joined(separator: ", "))")
        }
        var result = KPIImportMapping()
        for (keyNode, value) in fields {
            let key = keyNode.string ?? ""
            guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ConfigError(node: value, file: file, message: "kpi_import.\(name).\(key) expects text (a column's header)")
            }
            switch key {
            case "person": result.person = text
            case "period": result.period = text
            case "kpi": result.kpi = text
            case "kpi_id": result.kpiID = text
            case "value": result.value = text
            case "date_format": result.dateFormat = text
            default:
                throw ConfigError(node: keyNode, file: file,
                                  message: "unknown setting 'kpi_import.\(name).\(key)' (known: \(keys.joined(separator: ", ")))")
            }
        }
        return result
    }
}
