import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `feedback [--team T|all] [--weeks N] [--open] [--json|--csv]`, `feedback act ID`, `feedback close ID`
struct FeedbackCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Customer feedback heard in one-on-ones, self-assessments and retros; act on it or close it.",
        usage: "coach feedback [--team <team>|all] [--weeks <weeks>] [--open] [--json | --csv]",
        discussion: """
        Lists, newest first, the customer feedback you may see: a rep sees what they reported
        (their one-on-ones and self-assessments) and their team's retros'; a manager their reps'
        and their team's retros'. HR sees none of it: it is one-on-one and team content. Each
        line of an answer to a customer feedback question is one piece; a complaint still open
        after the organisation's response time ('org show', default 2 days) shows in 'due'.

        'feedback act ID' turns a piece into an action item in one step (seen in 'actions');
        'feedback close ID' closes one that needs no action.

        Example:
          feedback
          feedback --team North --weeks 12 --open
          feedback act 12 --owner Ana --due friday
          feedback close 13
        """,
        subcommands: [FeedbackAct.self, FeedbackClose.self])

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Option(help: "A team, or 'all' (default: everything you may see).", completion: .coach(.team)) var team: String?
    @Option(help: "How many weeks back.") var weeks = 4
    @Flag(help: "Only feedback still open.") var open = false
    @Flag(help: "Print JSON for scripts.") var json = false
    @Flag(help: "Print CSV (RFC 4180).") var csv = false

    func validate() throws {
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 520") }
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let now = context.clock.now()
        let since = DateAnswer.iso(Calendar.current.date(byAdding: .day, value: -7 * weeks, to: now) ?? now)
        let items = try context.database().customerFeedback(
            viewer: user.name, filter: FeedbackFilter(team: team, since: since, openOnly: open))
        if json {
            context.console.line(try JSONOutput.encode(items))
            return
        }
        if csv {
            context.console.write(try CSVOutput.render(header: FeedbackListing.csvHeader, rows: items.map(FeedbackListing.csvRow)))
            return
        }
        guard !items.isEmpty else {
            context.console.line("No customer feedback \(open ? "open " : "")since \(since) that you can see."
                                 + (user.role == .hr ? " (It is the rep's, their manager's and the team's, not HR's.)" : ""))
            return
        }
        context.console.line(FeedbackListing.table(items, width: context.console.columns) { context.console.styled($0, .bold) })
    }
}

/// How `feedback` and `export` show customer feedback.
enum FeedbackListing {
    static let csvHeader = ["id", "day", "source", "from", "kind", "status", "action_item", "text"]

    static func csvRow(_ item: CustomerFeedback) -> [String] {
        [String(item.id), item.heardOn, item.source, item.from, item.kind.rawValue, item.status.rawValue,
         item.actionItem.map(String.init) ?? "", item.text]
    }

    static func table(_ items: [CustomerFeedback], width: Int?, bold: (String) -> String) -> String {
        var table = Table("ID", "DAY", "SOURCE", "FROM", "KIND", "STATUS", "ACTION", "FEEDBACK")
        table.mayShrink("FEEDBACK")
        for item in items {
            table.add(["#\(item.id)", item.heardOn, item.source, item.from, item.kind.rawValue, item.status.rawValue,
                       item.actionItem.map { "#\($0)" } ?? "-", item.text])
        }
        return table.render(width: width, header: bold)
    }
}

/// `feedback act ID [--text T] [--owner P] [--due D]`
struct FeedbackAct: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "act",
        abstract: "Turn a piece of customer feedback into an action item.",
        discussion: """
        The action item is about the rep the feedback came from (a retro's: about its owner). Its
        text is the feedback's unless --text says otherwise; its owner is the rep (or their
        manager), for a retro's feedback you or one of your reps; it is due in a week unless --due
        says otherwise (YYYY-MM-DD, today, tomorrow, +7d, +2w or a weekday). The feedback is then
        marked acted with the item's number.

        Example:
          feedback act 12
          feedback act 12 --text "Call Acme back about the invoice" --owner Marco --due friday
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The feedback's number, as 'feedback' shows it (12 or #12).") var id: String
    @Option(help: "The action item's text (default: the feedback's).") var text: String?
    @Option(help: "Who owns it (default: the rep; a retro's: you).", completion: .coach(.related)) var owner: String?
    @Option(help: "When it is due (default: +7d).") var due: String?
    @Flag(help: "Print JSON for scripts.") var json = false

    func validate() throws {
        _ = try ItemNumber.required(id, what: "a customer feedback", listedBy: "feedback")
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let now = context.clock.now()
        let day = try due.map { typed in
            switch DateAnswer.parseDue(typed, today: now) {
            case let .success(day): return day
            case let .failure(problem): throw CoachError.invalidValue(option: "--due", reason: problem.reason)
            }
        }
        let acted = try context.database().actOnFeedback(id: ItemNumber.parse(id) ?? 0, text: text, owner: owner, due: day,
                                                         by: user.name, at: now)
        if json {
            context.console.line(try JSONOutput.encode(acted))
            return
        }
        let item = acted.actionItem
        context.console.line(SafeText.escaped(
            "Action #\(item.id) for feedback #\(acted.feedback.id): \(item.text) — \(item.owner), due \(item.due ?? "-")",
            keepingNewlines: false))
    }
}

/// `feedback close ID`
struct FeedbackClose: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a piece of customer feedback that needs no action.",
        discussion: "It stays in 'feedback' as closed and leaves 'due'.\n\nExample:\n  feedback close 13")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The feedback's number, as 'feedback' shows it (13 or #13).") var id: String

    func validate() throws {
        _ = try ItemNumber.required(id, what: "a customer feedback", listedBy: "feedback")
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let closed = try context.database().closeFeedback(id: ItemNumber.parse(id) ?? 0, by: user.name, at: context.clock.now())
        context.console.line(SafeText.escaped("Closed: #\(closed.id) \(closed.text)", keepingNewlines: false))
    }
}
