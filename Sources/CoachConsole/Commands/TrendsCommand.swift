import ArgumentParser
import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// `trends [PERSON | --team TEAM] [--score SCORE] [--weeks N] [--chart|--json|--csv]`
struct TrendsCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Trend summaries: a person's scores, or a team's weekly means.",
        discussion: """
        One row per score: a sparkline over the window (scaled to the score's range), latest,
        previous, delta, mean, slope per week (from 3 points over 14 days or more), band, and a
        mark where the latest change is a reliable change. Team rows are means over distinct
        respondents per week, with no change mark: a week shows once it has ended everywhere,
        as it stood when first shown, and only with at least the organisation's minimum group of
        respondents (default 5). JSON and CSV carry full values; the table rounds. CSV has one
        record per point: subject, survey, score, date, value, then the row's n, latest,
        previous, delta, mean, slope_per_week, band and reliable_change repeated on each.

        --chart draws a line chart per score instead of the table: the score's declared range
        on the y axis, its band cut-offs as labelled lines, a marker per week with a value and
        no line across a missing week (a team chart says under it which weeks are gaps and
        why). It fits COLUMNS or the terminal (80 without either), in plain ASCII when
        TERM=dumb or the locale is not UTF-8.

        Example:
          trends Ana --weeks 26
          trends Ana --chart --score wellbeing
          trends --team all --score wellbeing --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose trends (default: yours).", completion: .coach(.visible)) var person: String?
    @Option(help: "A team's aggregates instead, or 'all'.", completion: .coach(.team)) var team: String?
    @Option(help: "Only this score (id, or survey.score).") var score: String?
    @Option(help: "How many weeks back.") var weeks = 12
    @Flag(help: "Draw a line chart per score instead of the table.") var chart = false
    @Flag(help: "Print JSON for scripts.") var json = false
    @Flag(help: "Print CSV (RFC 4180).") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if chart && (json || csv) { throw ValidationError("choose --chart or --json/--csv") }
        if person != nil && team != nil { throw ValidationError("give a person or --team, not both") }
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 520") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        var builder = TrendBuilder(context: context, now: context.clock.now(), weeks: weeks)
        let rows: [TrendRow]
        if let team {
            rows = try builder.teamRows(viewer: user.name, team: team, scoreFilter: score)
        } else {
            let subject = try context.database().person(named: person ?? user.name)
            let kpiRows = try subject.map { try builder.kpiRows(viewer: user, subject: $0, scoreFilter: score) } ?? []
            rows = try builder.personRows(viewer: user.name, subject: person ?? user.name, scoreFilter: score) + kpiRows
        }
        if rows.isEmpty, let score {
            try Self.requireKnown(score: score, in: context.catalog(), kpis: KPIs.known(in: context))
        }
        if json {
            context.console.line(try JSONOutput.encode(rows))
        } else if csv {
            context.console.write(try CSVOutput.render(header: TrendRow.csvHeader, rows: rows.flatMap(\.csvRows)))
        } else if rows.isEmpty {
            try EmptyTrends.lines(viewer: user, person: person, team: team, score: score, weeks: weeks, context: context)
                .forEach { context.console.line($0) }
        } else if chart {
            let glyphs = ChartGlyphs.chosen(environment: ProcessInfo.processInfo.environment)
            TrendCharts.lines(rows, weeks: weeks, console: context.console, glyphs: glyphs).forEach { context.console.line($0) }
        } else {
            context.console.line(TrendTable.render(rows, weeks: weeks, console: context.console))
        }
    }
}

/// The chart view of trends (`--chart`): a line chart per row, fitted to the console's width.
enum TrendCharts {
    static func lines(_ rows: [TrendRow], weeks: Int, console: Console, glyphs: ChartGlyphs) -> [String] {
        let drawer = TerminalChart(width: console.columns ?? TerminalChart.defaultWidth, glyphs: glyphs,
                                   style: { console.styled($0, $1) })
        var lines: [String] = []
        var uncharted: [String] = []
        for row in rows {
            let name = glyphs.text("\(row.label) (\(row.survey))")
            guard let chart = row.chart else {
                uncharted.append(name)
                continue
            }
            if !lines.isEmpty { lines.append("") }
            if chart.pointCount == 0 {
                lines.append(glyphs.text("\(chart.title): no value in the last \(weeks) weeks."))
            } else {
                lines += drawer.render(chart)
            }
        }
        if !uncharted.isEmpty {
            if !lines.isEmpty { lines.append("") }
            lines += TerminalChart.wrap("No chart for " + uncharted.joined(separator: ", ")
                                        + " (see 'trends' without --chart).", width: drawer.width, indent: 2)
        }
        return lines
    }
}

extension TrendsCommand {
    /// Refuses a `--score` that names no survey, score or SURVEY.SCORE of the catalog, so an
    /// empty result means no data, never a typo.
    static func requireKnown(score: String, in catalog: SurveyCatalog, kpis: [String] = []) throws {
        let names = catalog.surveys.values.flatMap { survey in
            [survey.id] + survey.scores.flatMap { [$0.id, "\(survey.id).\($0.id)"] }
        } + (kpis.isEmpty ? [] : ["kpi"] + kpis.flatMap { [$0, "kpi.\($0)"] })
        guard !names.contains(score) else { return }
        throw CoachError.unknownScore(score, suggestion: suggestion(for: score, among: Array(Set(names)).sorted()))
    }
}

/// The human view of trends: a table with coloured bands and marked reliable changes.
enum TrendTable {
    static func render(_ rows: [TrendRow], weeks: Int, console: Console) -> String {
        var table = Table("SURVEY", "SCORE", "TREND (\(weeks) wk)", "LATEST", "PREV", "Δ", "MEAN", "/WEEK", "N", "BAND", "CHANGE")
        table.mayShrink("SCORE", "SURVEY", "BAND", "CHANGE")
        var bandCells: [String] = []
        for row in rows {
            let summary = row.summary
            func text(_ value: Double?) -> String { value.map { ScoreFormat.display($0) } ?? "-" }
            let change: String = switch summary.reliableChange {
            case .improved: "▲ improved"
            case .worsened: "▼ worsened"
            case .none: ""
            }
            let band = summary.band?.label ?? "-"
            bandCells.append(band)
            table.add([row.survey, row.label, row.sparkline, text(summary.latest), text(summary.previous),
                       summary.delta.map { ($0 > 0 ? "+" : "") + ScoreFormat.display($0) } ?? "-", text(summary.mean),
                       text(summary.slopePerWeek), String(row.n), band, change])
        }
        var lines = table.render(width: console.columns) { console.styled($0, .bold) }.components(separatedBy: "\n")
        guard console.useColor else { return lines.joined(separator: "\n") }
        for (index, row) in rows.enumerated() where index + 1 < lines.count {
            guard let level = row.summary.band?.level, let range = lines[index + 1].range(of: bandCells[index]) else { continue }
            lines[index + 1].replaceSubrange(range, with: console.styled(bandCells[index], SessionSummary.style(for: level)))
        }
        return lines.joined(separator: "\n")
    }
}
