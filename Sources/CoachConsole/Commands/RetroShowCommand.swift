import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `retro show [--team T] [--json]`
struct RetroShow: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the team's open or latest retrospective: items, topics, votes, action items.",
        discussion: """
        The team's members and its manager may look. An item added with --anonymous, and one
        typed at the meeting, shows no name. Votes per topic show once voting has closed.

        Example:
          retro show
          retro show --team North --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Option(help: "The team (default: yours).", completion: .coach(.team)) var team: String?
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let store = try context.database()
        let teamName = try RetroCommand.team(team, context: context)
        guard let latest = try store.retros(team: teamName, viewer: user.name).first else {
            if json {
                context.console.line("null")
                return
            }
            context.console.line("\(teamName) has held no retrospective yet; its manager runs one with 'retro --team "
                                 + "\(ShellWords.quoted(teamName))'.")
            return
        }
        let board = try store.retroBoard(id: latest.id, viewer: user.name)
        if json {
            context.console.line(try JSONOutput.encode(RetroBoardJSON(board)))
            return
        }
        let retro = board.retro
        let bold = { (text: String) in context.console.styled(text, .bold) }
        context.console.line(bold(SafeText.escaped("Retrospective of \(retro.team)", keepingNewlines: false))
                             + ", opened \(DateAnswer.iso(retro.openedAt))"
                             + (retro.closedAt.map { ", closed \(DateAnswer.iso($0))" } ?? ", open (\(retro.stage.rawValue))")
                             + "; \(retro.votesPerPerson) vote\(retro.votesPerPerson == 1 ? "" : "s") per person")
        var items = Table("LIST", "ITEM", "BY", "TOPIC")
        items.mayShrink("ITEM")
        for item in board.items {
            items.add([item.list?.replacingOccurrences(of: "_", with: " ") ?? "before", item.text, item.author ?? "-",
                       item.topic.map(String.init) ?? "-"])
        }
        context.console.line(board.items.isEmpty ? "No items yet." : items.render(width: context.console.columns, header: bold))
        if !board.topics.isEmpty {
            context.console.line("")
            var topics = Table("#", "TOPIC", "VOTES")
            topics.mayShrink("TOPIC")
            for topic in board.topics { topics.add(["\(topic.number)", topic.title, topic.votes.map(String.init) ?? "-"]) }
            context.console.line(topics.render(width: context.console.columns, header: bold))
        }
        if !board.actions.isEmpty {
            context.console.line("")
            var actions = Table("ID", "ACTION", "OWNER", "DUE", "STATUS")
            actions.mayShrink("ACTION")
            for action in board.actions {
                actions.add(["#\(action.id)", action.text, action.owner, action.due ?? "-", action.status])
            }
            context.console.line(actions.render(width: context.console.columns, header: bold))
        }
    }
}

/// A retro as `retro show --json` writes it.
struct RetroBoardJSON: Encodable {
    let id: Int64
    let team: String
    let stage: String
    let opened: String
    let closed: String?
    let votesPerPerson: Int
    let items: [RetroItemJSON]
    let topics: [RetroTopic]
    let actions: [ActionItemView]

    init(_ board: RetroBoard) {
        id = board.retro.id
        team = board.retro.team
        stage = board.retro.stage.rawValue
        opened = DateAnswer.iso(board.retro.openedAt)
        closed = board.retro.closedAt.map { DateAnswer.iso($0) }
        votesPerPerson = board.retro.votesPerPerson
        items = board.items.map(RetroItemJSON.init)
        topics = board.topics
        actions = board.actions
    }

    enum CodingKeys: String, CodingKey {
        case id, team, stage, opened, closed, items, topics, actions
        case votesPerPerson = "votes_per_person"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(team, forKey: .team)
        try container.encode(stage, forKey: .stage)
        try container.encode(opened, forKey: .opened)
        try container.encode(closed, forKey: .closed)
        try container.encode(votesPerPerson, forKey: .votesPerPerson)
        try container.encode(items, forKey: .items)
        try container.encode(topics, forKey: .topics)
        try container.encode(actions, forKey: .actions)
    }
}
