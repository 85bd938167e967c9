import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `kpi import FILE.csv [--mapping NAME] [--person COL] [--period COL] [--kpi COL | --kpi-id ID] [--value COL]
/// [--date-format F] [--dry-run] [--json]`
struct KPIImport: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import KPI actuals from a CRM's CSV export (HR, or a manager for their reps).",
        usage: "coach kpi import <file> [--mapping <name>] [--person <col>] [--period <col>] [--kpi <col> | --kpi-id <id>] [--value <col>] [--date-format <format>] [--dry-run] [--json]",
        discussion: """
        Columns are named by their header (any case): --person (a person's name or e-mail),
        --period (a date or month; its month is the actual's), --value, and --kpi (KPI ids or
        labels), or --kpi-id when every row is one KPI. Unnamed columns default to 'person',
        'period', 'kpi' and 'value'. --mapping NAME reads them from 'kpi_import:' in config.yaml;
        flags override it. Dates are ISO (2026-11-30 or 2026-11) unless --date-format gives the
        file's (d, dd, M, MM, yyyy and separators, e.g. M/d/yyyy or dd.MM.yyyy).

        Rows of one person, KPI and month add up for currency and count KPIs (one row per deal);
        for percent and score KPIs a second row is a bad line. Every bad line is reported with
        its line number, and nothing is written unless all are good. Importing the same file
        again changes nothing; a later import replaces the month's imported value.

        Example:
          kpi import deals.csv --mapping hubspot --dry-run
          kpi import export.csv --person Owner --period "Close date" --value Amount --kpi-id revenue
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The CSV file (a header line, then one row per value).", completion: .file(extensions: ["csv"])) var file: String
    @Option(help: ArgumentHelp("A saved mapping under 'kpi_import:' in config.yaml.", valueName: "name")) var mapping: String?
    @Option(help: ArgumentHelp("The column naming the person (name or e-mail).", valueName: "col")) var person: String?
    @Option(help: ArgumentHelp("The column with the date or month.", valueName: "col")) var period: String?
    @Option(help: ArgumentHelp("The column with KPI ids or labels.", valueName: "col")) var kpi: String?
    @Option(help: ArgumentHelp("The KPI of every row, when the file has no KPI column.", valueName: "id"),
            completion: .coach(.kpi)) var kpiId: String?
    @Option(help: ArgumentHelp("The column with the value.", valueName: "col")) var value: String?
    @Option(help: ArgumentHelp("The file's date format, e.g. M/d/yyyy (default: ISO dates).", valueName: "format"))
    var dateFormat: String?
    @Flag(help: "Show what would change, and write nothing.") var dryRun = false
    @Flag(help: "Print JSON for scripts.") var json = false

    func validate() throws {
        if kpi != nil, kpiId != nil { throw ValidationError("give --kpi (a column) or --kpi-id (one KPI for every row), not both") }
        if let dateFormat, DatePattern(dateFormat) == nil {
            throw ValidationError("--date-format '\(dateFormat)' is not a date format: use d or dd, M or MM, and yyyy "
                                  + "with separators, e.g. M/d/yyyy or dd.MM.yyyy")
        }
    }

    func run(in context: CommandContext) throws {
        let database = try context.database()
        let user = try context.currentUser()
        guard user.role != .rep else {
            throw StoreError.notAllowed("a rep does not import KPI actuals; HR or your manager records them")
        }
        let columns = try resolvedColumns(context)
        let kpis = try KPIs.definitions(in: context)
        if let id = columns.fixedKPI, !kpis.contains(where: { $0.id == id }) {
            throw CoachError.unknownKPI(id, known: kpis.map(\.id))
        }
        let data = try KPIImportFile.read(path: file)
        let plan = KPIImportPlan.make(file: data, columns: columns, kpis: kpis, people: try database.people(), actor: user)
        if !plan.bad.isEmpty {
            for line in plan.bad { context.console.problem("\(file):\(line.line): \(line.reason)") }
            if json { context.console.line(try JSONOutput.encode(KPIImportJSON(file: file, dryRun: dryRun, rows: plan.rows, bad: plan.bad))) }
            throw KPIImportError.badLines(file: file, count: plan.bad.count)
        }
        let changes = try database.importActuals(plan.actuals, dryRun: dryRun, by: user.name, at: context.clock.now())
        if json {
            context.console.line(try JSONOutput.encode(KPIImportJSON(file: file, dryRun: dryRun, rows: plan.rows, changes: changes)))
            return
        }
        report(changes, kpis: kpis, rows: plan.rows, console: context.console)
    }

    /// The columns from --mapping, each flag overriding it, then the default names.
    private func resolvedColumns(_ context: CommandContext) throws -> KPIImportColumns {
        var saved = KPIImportMapping()
        if let mapping {
            guard let found = context.config.kpiImport[mapping] else {
                let known = context.config.kpiImport.keys.sorted()
                throw CoachError.invalidValue(option: "--mapping", reason: "no mapping '\(mapping)' under kpi_import: in "
                    + "\(context.paths.config)" + (known.isEmpty ? "" : " (it has: \(known.joined(separator: ", ")))"))
            }
            saved = found
        }
        let pattern = dateFormat ?? saved.dateFormat
        guard pattern.map({ DatePattern($0) != nil }) ?? true else {
            throw CoachError.invalidValue(option: "--mapping", reason: "date_format '\(pattern ?? "")' of mapping '\(mapping ?? "")' "
                + "is not a date format: use d or dd, M or MM, and yyyy with separators, e.g. M/d/yyyy")
        }
        let kpiColumn = kpi ?? (kpiId == nil ? saved.kpi : nil)
        let fixedKPI = kpiId ?? (kpi == nil ? saved.kpiID : nil)
        if kpiColumn != nil, fixedKPI != nil {
            throw CoachError.invalidValue(option: "--mapping", reason: "mapping '\(mapping ?? "")' gives both kpi: and kpi_id:; keep one")
        }
        return KPIImportColumns(person: person ?? saved.person ?? "person", period: period ?? saved.period ?? "period",
                                value: value ?? saved.value ?? "value", kpi: fixedKPI == nil ? kpiColumn ?? "kpi" : nil,
                                fixedKPI: fixedKPI, datePattern: pattern.flatMap(DatePattern.init))
    }

    private func report(_ changes: [ImportedActualChange], kpis: [KPIDefinition], rows: Int, console: Console) {
        let changed = changes.filter(\.changed)
        if !changed.isEmpty {
            let definitions = Dictionary(kpis.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var table = Table("PERSON", "KPI", "MONTH", "OLD", "NEW")
            table.mayShrink("PERSON", "KPI")
            for change in changed {
                let display = { (value: Double) in definitions[change.kpi]?.display(value) ?? formatNumber(value) }
                table.add([change.person, change.kpi, change.period, change.old.map(display) ?? "-", display(change.new)])
            }
            console.line(table.render(width: console.columns) { console.styled($0, .bold) })
        }
        let unchanged = "\(changes.count - changed.count) unchanged (\(rows) row\(rows == 1 ? "" : "s") read)"
        console.line(dryRun ? "Dry run, nothing written: \(changed.count) would change, \(unchanged)."
                            : "\(changed.count) changed, \(unchanged).")
    }
}

/// `kpi import --json`: what changed (or would, in a dry run), or the bad lines.
struct KPIImportJSON: Encodable {
    struct Change: Encodable {
        let person: String
        let kpi: String
        let period: String
        let old: Double?
        let new: Double

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(person, forKey: .person)
            try container.encode(kpi, forKey: .kpi)
            try container.encode(period, forKey: .period)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
        }

        private enum CodingKeys: String, CodingKey { case person, kpi, period, old, new }
    }

    struct Bad: Encodable {
        let line: Int
        let reason: String
    }

    let file: String
    let dryRun: Bool
    let imported: Bool
    let rows: Int
    let changed: [Change]
    let unchanged: Int
    let badLines: [Bad]

    init(file: String, dryRun: Bool, rows: Int, changes: [ImportedActualChange] = [], bad: [BadLine] = []) {
        self.file = file
        self.dryRun = dryRun
        imported = bad.isEmpty && !dryRun
        self.rows = rows
        changed = changes.filter(\.changed).map { Change(person: $0.person, kpi: $0.kpi, period: $0.period, old: $0.old, new: $0.new) }
        unchanged = changes.filter { !$0.changed }.count
        badLines = bad.map { Bad(line: $0.line, reason: $0.reason) }
    }

    private enum CodingKeys: String, CodingKey {
        case file, imported, rows, changed, unchanged
        case dryRun = "dry_run"
        case badLines = "bad_lines"
    }
}
