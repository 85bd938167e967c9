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

/// `action done ID`
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Close an action item.",
        subcommands: [ActionDone.self])
}

struct ActionDone: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark an action item done (its owner, the rep or their manager).",
        discussion: "Example:\n  action done 12")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The item's number, as 'actions' shows it (12 or #12).") var id: String

    func validate() throws {
        guard Int64(id.hasPrefix("#") ? String(id.dropFirst()) : id) != nil else {
            throw ValidationError("'\(id)' is not an action item number; 'actions' lists them (e.g. 12)")
        }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let number = Int64(id.hasPrefix("#") ? String(id.dropFirst()) : id) ?? 0
        let item = try context.database().closeActionItem(id: number, by: user.name, at: context.clock.now())
        context.console.line("Done: #\(item.id) \(item.text)")
    }
}

/// `agenda add TEXT`
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Topics for your next one-on-one.",
        subcommands: [AgendaAdd.self])
}

struct AgendaAdd: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a topic for your next one-on-one.",
        discussion: "Example:\n  agenda add \"Pricing for the Acme renewal\"")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(parsing: .remaining, help: "The topic (quotes optional).") var words: [String]

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let text = words.joined(separator: " ")
        try context.database().addAgendaItem(text: text, for: user.name, source: "manual", notBefore: nil, at: context.clock.now())
        context.console.line("Added to your next one-on-one: \(text)")
    }
}
