import ArgumentParser
import CoachCore
import CoachStore

/// `actions [PERSON] [--open]`
struct ActionsCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List action items: yours, or a rep's (their manager sees them).",
        discussion: """
        Without PERSON: the items you own or that are about you, and a manager's reps' items.

        Example:
          actions Ana --open
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose items (default: everything you may see).", completion: .coach(.related)) var person: String?
    @Flag(help: "Only open items.") var open = false
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let items = try context.database().actionItems(viewer: user.name, subject: person, openOnly: open)
        if json {
            context.console.line(try JSONOutput.encode(items))
            return
        }
        if items.isEmpty {
            context.console.line(open ? "No open action items." : "No action items.")
            return
        }
        var table = Table("ID", "STATUS", "DUE", "OWNER", "ABOUT", "ITEM")
        table.mayShrink("ITEM")
        for item in items {
            var text = item.text
            if item.carried > 0 { text += " (carried \(item.carried)×)" }
            table.add(["#\(item.id)", item.status, item.due ?? "-", item.owner, item.subject, text])
        }
        context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
    }
}

/// `action done ID`, `action edit ID`
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Close or change an open action item.",
        subcommands: [ActionDone.self, ActionEdit.self])
}

struct ActionDone: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark an action item done (its owner, the rep or their manager).",
        discussion: "Example:\n  action done 12")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The item's number, as 'actions' shows it (12 or #12).") var id: String

    func validate() throws {
        _ = try ItemNumber.required(id, what: "an action item", listedBy: "actions")
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let number = ItemNumber.parse(id) ?? 0
        let item = try context.database().closeActionItem(id: number, by: user.name, at: context.clock.now())
        context.console.line("Done: #\(item.id) \(item.text)")
    }
}

/// `action edit ID [--text T] [--owner P] [--due D]`
struct ActionEdit: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change an open action item's text, owner or due date (its owner, the rep or their manager).",
        discussion: """
        The owner is the rep the item is about or their manager. A due date is YYYY-MM-DD, today,
        tomorrow, +7d, +2w or a weekday (friday: the next one), and not in the past.

        Example:
          action edit 12 --owner Ana --due friday
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The item's number, as 'actions' shows it (12 or #12).") var id: String
    @Option(help: "The new text.") var text: String?
    @Option(help: "The new owner: the rep or their manager.", completion: .coach(.related)) var owner: String?
    @Option(help: "The new due date (YYYY-MM-DD, +7d, friday, ...).") var due: String?

    func validate() throws {
        _ = try ItemNumber.required(id, what: "an action item", listedBy: "actions")
        guard text != nil || owner != nil || due != nil else {
            throw ValidationError("say what to change with --text, --owner or --due (e.g. action edit \(id) --due friday)")
        }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let day = try due.map { typed in
            switch DateAnswer.parseDue(typed, today: context.clock.now()) {
            case let .success(day): return day
            case let .failure(problem): throw CoachError.invalidValue(option: "--due", reason: problem.reason)
            }
        }
        let item = try context.database().editActionItem(id: ItemNumber.parse(id) ?? 0, text: text, owner: owner, due: day,
                                                         by: user.name)
        context.console.line("Changed: #\(item.id) \(item.text) — \(item.owner), due \(item.due ?? "-")")
    }
}
