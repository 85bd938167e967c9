import ArgumentParser
import CoachCore
import CoachStore

/// `agenda add TEXT`, `agenda list [PERSON]`, `agenda remove ID`
struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "Topics for your next one-on-one.",
        subcommands: [AgendaAdd.self, AgendaList.self, AgendaRemove.self])
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

struct AgendaList: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the open topics for your next one-on-one, or a rep's (their manager sees them).",
        discussion: """
        A training follow-up shows the day it joins the agenda ("from YYYY-MM-DD").

        Example:
          agenda list Ana
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose topics (default: yours).", completion: .coach(.related)) var person: String?
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let items = try context.database().agendaItems(viewer: user.name, person: person)
        if json {
            context.console.line(try JSONOutput.encode(items))
            return
        }
        if items.isEmpty {
            if let person, person.lowercased() != user.name.lowercased() {
                context.console.line("No open agenda topics for \(person)'s next one-on-one.")
            } else {
                context.console.line("No open agenda topics for your next one-on-one.")
            }
            return
        }
        var table = Table("ID", "ADDED", "TOPIC")
        table.mayShrink("TOPIC")
        for item in items {
            table.add(["#\(item.id)", item.added, item.text + (item.notBefore.map { " (from \($0))" } ?? "")])
        }
        context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
    }
}

struct AgendaRemove: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Take an open topic off the next one-on-one (the rep or their manager).",
        discussion: """
        The topic is kept as removed, never deleted, and no longer comes up in a one-on-one.

        Example:
          agenda remove 12
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The topic's number, as 'agenda list' shows it (12 or #12).") var id: String

    func validate() throws {
        _ = try ItemNumber.required(id, what: "an agenda topic", listedBy: "agenda list")
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let item = try context.database().removeAgendaItem(id: ItemNumber.parse(id) ?? 0, by: user.name)
        context.console.line("Removed: #\(item.id) \(item.text)")
    }
}
