import ArgumentParser
import CoachCore
import Foundation

/// `report html [-o FILE] [--force] [--weeks N] [--period P]`
struct ReportHTML: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Write one self-contained HTML report with charts of what you may see.",
        discussion: """
        One file, readable in any browser with no network and no script: inline SVG charts, each
        with a title, axis labels, a legend and its numbers in a table beside it; it prints on A4.
        What it holds follows who you are. A manager: the team's wellbeing and burnout by week
        (weeks below the minimum group are gaps, with the reason), self-assessment areas, KPI
        attainment per rep against target and one-on-ones held against the cadence this period,
        open action items by age. HR: quiz item analysis (facility against discrimination,
        flagged questions marked), pre/post gain and pass rates per team, assignment completion.
        A rep: their own scores, goals and open action items.

        The file is FILE (-o; '-' for standard output), else coach-report-DAY.html in the current
        folder. An existing file is replaced only with --force.

        Example:
          report html
          report html -o north-december.html --weeks 26
          report html --period 2026-Q3 -o q3.html --force
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Option(name: .customShort("o"), help: ArgumentHelp("The file to write ('-': standard output).", valueName: "file"),
            completion: .file(extensions: ["html"]))
    var output: String?
    @Flag(help: "Replace the file if it exists.") var force = false
    @Option(help: "How many weeks back the weekly charts go.") var weeks = 12
    @Option(help: ArgumentHelp("The period of KPI and one-on-one figures: 2026-Q4, 2026-H2 or 2026 (default: this quarter).",
                               valueName: "period"))
    var period: String?

    func validate() throws {
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 520") }
        if let period, ReviewPeriod(period) == nil {
            throw ValidationError("'\(period)' is not a period: write \(ReviewPeriod.accepted)")
        }
        if output?.isEmpty == true { throw ValidationError("-o needs a file name ('-' for standard output)") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let now = context.clock.now()
        let chosen = period.flatMap(ReviewPeriod.init) ?? ReviewPeriod.quarter(containing: now)
        guard chosen.start() <= now else {
            throw CoachError.invalidValue(option: "--period", reason: "\(chosen) has not started yet: pick a period that has begun")
        }
        let builder = ReportBuilder(context: context, viewer: user, now: now, weeks: weeks, period: chosen)
        let document = try builder.document()
        guard let path = try ReportFile.deliver(HTMLReport.render(document), output: output,
                                                defaultName: ReportFile.defaultName(stem: "coach-report", day: builder.today),
                                                force: force, console: context.console) else { return }
        context.console.line("Wrote \(path): \(document.chartCount) charts for \(user.name).")
    }
}
