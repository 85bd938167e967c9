import CoachCore
import CoachStore
import Foundation

/// Which columns of a file `kpi import` reads, by header name (case-insensitive), and the KPI
/// of every row when the file has no KPI column.
struct KPIImportColumns: Equatable, Sendable {
    var person: String
    var period: String
    var value: String
    /// The column of KPI ids or labels; nil when `fixedKPI` names the KPI of every row.
    var kpi: String?
    var fixedKPI: String?
    var datePattern: DatePattern?
}

/// A line of the file that cannot be imported, and why.
struct BadLine: Equatable, Sendable {
    let line: Int
    let reason: String
}

/// What a file holds, checked line by line against the store's people and KPIs before anything
/// is written: the month's actual of each person and KPI, or every bad line.
///
/// Rows of the same person, KPI and month add up for currency and count KPIs (a CRM's deal
/// report lists one row per deal); for percent and score KPIs (and KPIs of no declared kind) a
/// second row is a bad line.
struct KPIImportPlan: Sendable {
    var actuals: [ImportedActual] = []
    var bad: [BadLine] = []
    /// Data rows read (empty lines and a report's footer are not rows).
    var rows = 0

    /// Whether a KPI's rows in one month add up (money and counts) rather than being one value.
    static func addsUp(_ kpi: KPIDefinition) -> Bool {
        kpi.effectiveKind == .currency || kpi.effectiveKind == .count
    }

    /// Checks every row of `file` as `actor` would import it.
    static func make(file: KPIImportFile, columns: KPIImportColumns, kpis: [KPIDefinition], people: [PersonSummary],
                     actor: Person) -> KPIImportPlan {
        var plan = KPIImportPlan()
        plan.rows = file.rows.count
        let lowered = file.header.map { $0.lowercased() }
        func index(_ name: String?, flag: String) -> Int? {
            guard let name else { return nil }
            if let found = lowered.firstIndex(of: name.trimmingCharacters(in: .whitespaces).lowercased()) { return found }
            plan.bad.append(BadLine(line: 1, reason: "the header has no column '\(name)' (its columns: "
                                    + file.header.map { "'\($0)'" }.joined(separator: ", ") + "); name the column with \(flag)"))
            return nil
        }
        let personColumn = index(columns.person, flag: "--person"), periodColumn = index(columns.period, flag: "--period")
        let valueColumn = index(columns.value, flag: "--value"), kpiColumn = index(columns.kpi, flag: "--kpi or give --kpi-id")
        let fixed = columns.fixedKPI.flatMap { id in kpis.first { $0.id == id } }
        guard let personColumn, let periodColumn, let valueColumn, kpiColumn != nil || fixed != nil else { return plan }

        let directory = PeopleIndex(people)
        struct Group { var line: Int; var kpi: KPIDefinition; var value: Double }
        var groups: [ImportKey: Group] = [:]
        var order: [ImportKey] = []
        for row in file.rows {
            guard row.fields.count == file.header.count else {
                plan.bad.append(BadLine(line: row.line, reason: "it has \(row.fields.count) value\(row.fields.count == 1 ? "" : "s") "
                                        + "where the header has \(file.header.count) columns (a quote left open, or a separator "
                                        + "inside an unquoted value?)"))
                continue
            }
            var problems: [String] = []
            let personCell = row.fields[personColumn].trimmingCharacters(in: .whitespaces)
            var person: PersonSummary?
            switch match(personCell, column: file.header[personColumn], in: directory) {
            case .found(let found): person = found
            case .problem(let problem): problems.append(problem)
            }
            if let found = person, !mayWrite(for: found, actor: actor) {
                problems.append("you may not record \(found.name)'s actuals: only HR or their manager"
                                + (found.manager.map { " (\($0))" } ?? "") + " may")
            }
            let periodCell = row.fields[periodColumn]
            let month = KPIImportCells.month(periodCell, pattern: columns.datePattern)
            if month == nil {
                let shown = periodCell.trimmingCharacters(in: .whitespaces)
                problems.append(shown.isEmpty ? "no date in column '\(file.header[periodColumn])'"
                    : columns.datePattern.map { "'\(shown)' in column '\(file.header[periodColumn])' is not a date in the format \($0.text)" }
                    ?? "'\(shown)' in column '\(file.header[periodColumn])' is not an ISO date (2026-11-30) or month (2026-11); "
                        + "give the file's format with --date-format, e.g. M/d/yyyy")
            }
            var kpi = fixed
            if let kpiColumn {
                let cell = row.fields[kpiColumn].trimmingCharacters(in: .whitespaces)
                kpi = kpis.first { $0.id.lowercased() == cell.lowercased() || $0.label.lowercased() == cell.lowercased() }
                if kpi == nil {
                    problems.append(cell.isEmpty ? "no KPI in column '\(file.header[kpiColumn])'"
                        : "unknown KPI '\(cell)' in column '\(file.header[kpiColumn])'"
                          + (suggestion(for: cell, among: kpis.map(\.id)).map { " (did you mean '\($0)'?)" } ?? "")
                          + "; known KPIs ('kpi list'): " + kpis.map(\.id).joined(separator: ", "))
                }
            }
            let valueCell = row.fields[valueColumn].trimmingCharacters(in: .whitespaces)
            let reading = KPIImportCells.reading(valueCell), value = reading?.value
            if valueCell.isEmpty {
                problems.append("no value in column '\(file.header[valueColumn])'")
            } else if reading == nil {
                problems.append("'\(valueCell)' in column '\(file.header[valueColumn])' is not a number (e.g. 12500, 12,500.00 or $12,500)")
            } else if let reading, let kpi, let problem = reading.problem(for: kpi) ?? kpi.problem(with: reading.value) {
                problems.append(problem)
            }
            guard problems.isEmpty, let person, let month, let kpi, let value else {
                plan.bad.append(BadLine(line: row.line, reason: problems.joined(separator: "; ")))
                continue
            }
            let key = ImportKey(person: person.name, kpi: kpi.id, period: month)
            if let first = groups[key] {
                guard addsUp(kpi) else {
                    plan.bad.append(BadLine(line: row.line, reason: "a second row for \(person.name), \(kpi.label), \(month) "
                        + "(the first is line \(first.line)): \(kpi.effectiveKind.map { "a \($0.rawValue) KPI" } ?? "a KPI of no kind")'s rows "
                        + "are not added up, so give one row per person, KPI and month"))
                    continue
                }
                groups[key]?.value = (first.value + value)
            } else {
                groups[key] = Group(line: row.line, kpi: kpi, value: value)
                order.append(key)
            }
        }
        for key in order {
            guard let group = groups[key] else { continue }
            let total = (group.value * 1_000_000).rounded() / 1_000_000
            if let problem = group.kpi.problem(with: total) {
                plan.bad.append(BadLine(line: group.line, reason: "the month's total for \(key.person) (from line \(group.line) on): \(problem)"))
                continue
            }
            plan.actuals.append(ImportedActual(person: key.person, kpi: key.kpi, period: key.period, actual: total))
        }
        plan.bad.sort { $0.line < $1.line }
        return plan
    }

    /// HR anyone's; a manager their own reps' (the rule of `goal set`, which the store enforces too).
    static func mayWrite(for person: PersonSummary, actor: Person) -> Bool {
        actor.role == .hr || person.manager.map { $0.caseInsensitiveCompare(actor.name) == .orderedSame } == true
    }

    enum Match { case found(PersonSummary), problem(String) }

    /// People by name and by e-mail address, each lower-cased, looked up once per row.
    struct PeopleIndex {
        let byName: [String: [PersonSummary]]
        let byEmail: [String: [PersonSummary]]
        let names: [String]

        init(_ people: [PersonSummary]) {
            byName = Dictionary(grouping: people) { NameKey.normalized($0.name).lowercased() }
            byEmail = Dictionary(grouping: people.filter { $0.email != nil }) { $0.email?.lowercased() ?? "" }
            names = people.map(\.name)
        }
    }

    /// The one person whose name or e-mail is `cell` (any case); never a guess.
    static func match(_ cell: String, column: String, in people: [PersonSummary]) -> Match {
        match(cell, column: column, in: PeopleIndex(people))
    }

    static func match(_ cell: String, column: String, in people: PeopleIndex) -> Match {
        guard !cell.isEmpty else { return .problem("no person in column '\(column)'") }
        var found = people.byName[NameKey.normalized(cell).lowercased()] ?? []
        for person in people.byEmail[cell.lowercased()] ?? [] where !found.contains(person) { found.append(person) }
        switch found.count {
        case 1: return .found(found[0])
        case 0:
            if cell.contains("@") {
                return .problem("no person has the e-mail '\(cell)' (column '\(column)'): give them it with "
                                + "'person edit NAME --email \(cell)', or name people in the file")
            }
            let hint = suggestion(for: cell, among: people.names).map { " (did you mean '\($0)'?)" } ?? ""
            return .problem("no person '\(cell)' (column '\(column)') in the store\(hint): people are matched by name or "
                            + "e-mail, never guessed ('people' lists them)")
        default:
            let names = found.map(\.name).sorted { $0.lowercased() < $1.lowercased() }
            return .problem("'\(cell)' (column '\(column)') could be \(names.joined(separator: " or ")); "
                            + "give a name or e-mail only one person has")
        }
    }
}

/// One person, KPI and month.
struct ImportKey: Hashable, Sendable {
    let person: String
    let kpi: String
    let period: Period
}
