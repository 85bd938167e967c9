import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `kpi list`, `kpi add`, `kpi import`
struct KPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "The organisation's KPIs: what goals are set for and one-on-ones review.",
        subcommands: [KPIList.self, KPIAdd.self, KPIImport.self])
}

extension KPIKind: ExpressibleByArgument {}

/// `kpi list`
struct KPIList: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the KPIs: the one-on-one template's and the organisation's own.",
        discussion: "Example:\n  kpi list --json")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let kpis = try KPIs.definitions(in: context)
        if json {
            context.console.line(try JSONOutput.encode(kpis.map(KPIJSON.init)))
            return
        }
        if kpis.isEmpty {
            context.console.line("No KPIs yet: HR adds one with 'kpi add ID --label L --unit U --kind count'.")
            return
        }
        var table = Table("ID", "LABEL", "KIND", "UNIT", "RANGE", "BETTER")
        table.mayShrink("LABEL", "UNIT")
        for kpi in kpis {
            let range = KPIJSON.rangeText(kpi)
            table.add([kpi.id, kpi.label, kpi.effectiveKind?.rawValue ?? "-", kpi.unit ?? "-", range,
                       kpi.higherIs == .better ? "higher" : "lower"])
        }
        context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
    }
}

/// `kpi add ID --label L --unit U --kind K [--min N] [--max N] [--lower-is-better]`
struct KPIAdd: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Define a KPI for the organisation (HR).",
        discussion: """
        The kind sets the default range: currency and count are 0 or more (a count is a whole
        number), percent is 0 to 100, a score declares its scale with --min and --max. An id the
        one-on-one template already reviews is redefined (its label, unit and range); the
        one-on-one then asks every KPI on the list.

        Example:
          kpi add calls_made --label "Calls made" --unit calls --kind count
          kpi add customer_satisfaction --label "Customer satisfaction" --unit points --kind score --min 1 --max 5
          kpi add days_to_close --label "Days to close" --unit days --kind count --lower-is-better
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The KPI id: lowercase letters, digits and '_' (e.g. calls_made).") var id: String
    @Option(help: "What people read, e.g. \"Calls made\".") var label: String
    @Option(help: "The unit, e.g. EUR, calls or %.") var unit: String
    @Option(help: "currency, count, percent or score.") var kind: KPIKind
    @Option(parsing: .unconditional, help: "The lowest value allowed (default: the kind's).") var min: String?
    @Option(parsing: .unconditional, help: "The highest value allowed (default: the kind's).") var max: String?
    @Flag(help: "A lower value is better (days to close, complaints).") var lowerIsBetter = false

    func validate() throws {
        for (name, text) in [("--min", min), ("--max", max)] {
            if let text, NumberText.parse(text) == nil { throw ValidationError("\(name) '\(text)' is not a number") }
        }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        guard user.role == .hr else { throw StoreError.notAllowed("only HR defines the organisation's KPIs") }
        let database = try context.database()
        var settings = try database.orgSettings()
        let kpi = KPIDefinition(id: id, label: label.trimmingCharacters(in: .whitespaces),
                                unit: unit.trimmingCharacters(in: .whitespaces), kind: kind,
                                min: min.flatMap { NumberText.parse($0) }, max: max.flatMap { NumberText.parse($0) },
                                higherIs: lowerIsBetter ? .worse : .better)
        try KPICatalog.check(kpi)
        guard !settings.kpis.contains(where: { $0.id == kpi.id }) else {
            throw StoreError.invalidKPIDefinition("the organisation already defines '\(kpi.id)'; 'kpi list' shows it")
        }
        settings.kpis.append(kpi)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try database.setOrgSetting(.kpis, to: String(decoding: try encoder.encode(settings.kpis), as: UTF8.self),
                                   by: user.name, at: context.clock.now())
        context.console.line("Added KPI \(kpi.id): \(kpi.label) (\(kind.rawValue), \(KPIJSON.rangeText(kpi)), "
                             + "\(lowerIsBetter ? "lower" : "higher") is better).")
    }
}

/// A KPI as `kpi list --json` prints it.
struct KPIJSON: Encodable {
    let id: String
    let label: String
    let unit: String?
    let kind: String?
    let min: Double?
    let max: Double?
    let higherIs: String

    init(_ kpi: KPIDefinition) {
        id = kpi.id
        label = kpi.label
        unit = kpi.unit
        kind = kpi.effectiveKind?.rawValue
        min = kpi.lowest
        max = kpi.highest
        higherIs = kpi.higherIs.rawValue
    }

    private enum CodingKeys: String, CodingKey {
        case id, label, unit, kind, min, max
        case higherIs = "higher_is"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(label, forKey: .label)
        try container.encode(unit, forKey: .unit)
        try container.encode(kind, forKey: .kind)
        try container.encode(min, forKey: .min)
        try container.encode(max, forKey: .max)
        try container.encode(higherIs, forKey: .higherIs)
    }

    /// `0 or more`, `0 to 100`, `any`.
    static func rangeText(_ kpi: KPIDefinition) -> String {
        switch (kpi.lowest, kpi.highest) {
        case let (low?, high?): return "\(formatNumber(low)) to \(formatNumber(high))"
        case let (low?, nil): return "\(formatNumber(low)) or more"
        case let (nil, high?): return "up to \(formatNumber(high))"
        case (nil, nil): return "any"
        }
    }
}
