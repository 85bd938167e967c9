import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `review PERSON --period P [--json|--markdown|--html [-o FILE] [--force]]`, `review --team T --period P [--json]`
struct ReviewCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "A person's performance review of a quarter, half year or year, or a team's summary.",
        discussion: """
        One document for the period: KPI attainment by month and for the period, one-on-ones
        held against the cadence and action items, self-assessment change with reliable change,
        quizzes with normalised gain, training feedback, wellbeing where the rep shares it, the
        manager's written assessment ('run performance-review --for PERSON') and the rep's own
        comments ('run self-review'). The person, their manager and HR may read it; HR sees no
        one-on-one content, self-assessment or wellbeing. A period not yet ended is reported up to
        today. --team gives one line per rep, for their manager or HR. --html writes the same
        review, with charts, as one self-contained HTML file: review-PERSON-PERIOD.html in the
        current folder, or -o FILE ('-': standard output); an existing file is replaced only
        with --force.

        Example:
          review Ana --period 2026-Q4
          review Ana --period 2026-H2 --markdown > ana-h2.md
          review Ana --period 2026-Q4 --html -o ana-q4.html
          review --team North --period 2026 --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose review (default: yours).", completion: .coach(.visible)) var person: String?
    @Option(help: "One line per rep of this team instead, or 'all'.", completion: .coach(.team)) var team: String?
    @Option(help: ArgumentHelp("The period: 2026-Q4, 2026-H2 or 2026.", valueName: "period")) var period: String
    @Flag(help: "Print JSON for scripts.") var json = false
    @Flag(help: "Print Markdown, to paste into an HR system.") var markdown = false
    @Flag(help: "Write the review with charts as an HTML file (review-PERSON-PERIOD.html, or -o).") var html = false
    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The HTML file to write (with --html; '-': standard output).", valueName: "file"))
    var output: String?
    @Flag(help: "Replace the HTML file if it exists (with --html).") var force = false

    func validate() throws {
        guard ReviewPeriod(period) != nil else {
            throw ValidationError("'\(period)' is not a review period: write \(ReviewPeriod.accepted)")
        }
        if json && markdown { throw ValidationError("choose one of --json and --markdown") }
        if person != nil && team != nil { throw ValidationError("give a person or --team, not both") }
        if team != nil && markdown { throw ValidationError("--markdown is for one person's review; --team prints a table or --json") }
        if html && (json || markdown) { throw ValidationError("choose one of --html, --json and --markdown") }
        if html && team != nil { throw ValidationError("--html is for one person's review; --team prints a table or --json") }
        if !html && (output != nil || force) { throw ValidationError("-o and --force go with --html: add --html to write an HTML file") }
        if let output, output.isEmpty { throw ValidationError("-o needs a file name, such as -o review.html") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let now = context.clock.now()
        guard let period = ReviewPeriod(period) else { return }
        guard period.start() <= now else {
            throw CoachError.invalidValue(option: "--period", reason: "\(period) has not started yet: pick a period that has begun")
        }
        let builder = ReviewBuilder(context: context, viewer: user, period: period, now: now)
        if let team {
            try TeamReview(builder: builder, team: team).print(json: json)
            return
        }
        let name = try context.database().personSummary(named: person ?? user.name).name
        guard let subject = try context.database().person(named: name) else {
            throw StoreError.unknownPerson(name, suggestion: nil)
        }
        let document = try builder.document(for: subject)
        if html {
            let page = HTMLReport.render(document.report(generated: DateAnswer.iso(now)))
            if let path = try ReportFile.deliver(page, output: output,
                                                 defaultName: Self.defaultFile(person: document.person, period: document.period),
                                                 force: force, console: context.console) {
                context.console.line("Wrote \(path)")
            }
        } else if json {
            context.console.line(try document.json())
        } else if markdown {
            context.console.line(document.markdown)
        } else {
            document.lines(styled: context.console.styled, width: context.console.columns).forEach { context.console.line($0) }
        }
    }

    /// `review-ana-lima-2026-Q4.html`: the person lowercased without accents (`Zoë` → `zoe`),
    /// spaces as '-', only a-z, 0-9 and '-' kept.
    static func defaultFile(person: String, period: String) -> String {
        let plain = person.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let name = String(plain.lowercased().replacingOccurrences(of: " ", with: "-")
            .unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }.map(Character.init))
        return "review-\(name.isEmpty ? "person" : name)-\(period).html"
    }
}
