import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `retro --team T`, `retro add TEXT`, `retro vote`, `retro show`: the team's retrospective.
struct RetroCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retro",
        abstract: "The team's retrospective: run it, add items before it, vote, look at it.",
        discussion: """
        'retro --team TEAM' is the meeting, run by the team's manager. 'retro add' and 'retro vote'
        are for everyone in the team; 'retro show' shows the latest retro.

        Example:
          retro --team North
          retro add "Quotes take two days to get approved" --list went_badly
          retro vote 2 2 5
        """,
        subcommands: [RetroRun.self, RetroAdd.self, RetroVote.self, RetroShow.self],
        defaultSubcommand: RetroRun.self)

    /// The survey every retro asks.
    static let survey = "team-retro"

    /// The team asked for, or the user's own.
    static func team(_ requested: String?, context: CommandContext) throws -> String {
        if let requested { return requested }
        let user = try context.currentUser()
        guard let own = try context.database().people().first(where: { $0.name == user.name })?.team else {
            throw CoachError.retro("you are in no team: name one with --team TEAM")
        }
        return own
    }
}

/// `retro [--team T] [--votes N]`
struct RetroRun: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the team's retrospective at the team meeting (the team's manager; 'retro --team T').",
        discussion: """
        A guided meeting from the team-retro survey. First the open action items of earlier retros
        (done, carry or drop), then each list: what went well, what did not, ideas, complaints and
        other feedback heard from customers; the team says them and you type one per line (an
        empty line ends a list). Items reps added beforehand with 'retro add' are shown and join
        in. Then you group the items into topics, the team votes (each person has --votes votes,
        typed here or cast with 'retro vote' on their own machine), and the top topics become
        action items with an owner and a due date, reviewed at the next retro.

        Everything is stored as it is typed: Ctrl-C or :pause stops, and running it again
        continues where it stopped.

        Example:
          retro --team North
          retro --team North --votes 5
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Option(help: "The team (default: yours).", completion: .coach(.team)) var team: String?
    @Option(help: "Votes per person in a new retro (1 to 20, default 3).") var votes: Int?

    func validate() throws {
        if let votes, !(1...20).contains(votes) { throw ValidationError("--votes must be between 1 and 20") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let team = try RetroCommand.team(team, context: context)
        let survey = try SessionRunner(context: context).survey(id: RetroCommand.survey)
        guard survey.kind == .retro else {
            throw CoachError.retro("\(RetroCommand.survey) must be a retro survey (kind: retro), not \(survey.kind.rawValue)")
        }
        try RetroMeeting(context: context, store: context.database(), survey: survey, manager: user, team: team)
            .run(votesPerPerson: votes)
    }
}

/// `retro add TEXT [--list L] [--team T] [--anonymous]`
struct RetroAdd: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an item for your team's next retrospective, before the meeting.",
        discussion: """
        The item waits for the team's next retro (or joins the open one while its items are
        being gathered), where the team sees it and the manager groups it with the others.
        --list files it under one of the retro's lists: went_well, went_badly, ideas,
        customer_complaints or customer_feedback (the ids of the team-retro survey); a customer
        complaint or feedback also reaches 'feedback'.

        --anonymous keeps no name with the item, when the organisation allows it (HR: 'org set
        retro-anonymous on'). Then the store holds only the item's team, list, words and day:
        no author, no time of day, and an id that is random, so nobody (not the manager, not HR,
        not a database login) can find out from coach or its store who added it. Your words may
        still give you away.

        Example:
          retro add "The new pricing page confuses customers" --list ideas
          retro add "Handovers to support are slow" --list went_badly --anonymous
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The item (quotes optional).") var words: [String] = []
    @Option(help: "The retro list it belongs to.", completion: .coach(.retroList)) var list: String?
    @Option(help: "The team (default: yours).", completion: .coach(.team)) var team: String?
    @Flag(help: "Keep no name with it (when the organisation allows it).") var anonymous = false
    @Flag(help: "Print JSON for scripts.") var json = false

    func validate() throws {
        guard !words.isEmpty else { throw ValidationError("say what the item is, e.g. retro add \"Quotes take too long\"") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let survey = try SessionRunner(context: context).survey(id: RetroCommand.survey)
        let question = try list.map { try Self.question(named: $0, in: survey) }
        let item = try context.database().addRetroItem(
            team: team, list: question?.id, text: words.joined(separator: " "), anonymous: anonymous,
            customerFeedback: question?.customerFeedback, by: user.name, at: context.clock.now())
        if json {
            context.console.line(try JSONOutput.encode(RetroItemJSON(item)))
            return
        }
        let filed = question.map { " under \($0.id)" } ?? ""
        context.console.line(SafeText.escaped("Added for the team's retro\(filed): \(item.text)", keepingNewlines: false))
        context.console.line(anonymous ? "No name is kept with it: nobody can tell from coach or its store who added it."
                                       : "It shows your name; --anonymous keeps none (when the organisation allows it).")
    }

    /// The list `name` names (its id, or a unique start of one).
    static func question(named name: String, in survey: Survey) throws -> Question {
        let ids = survey.questions.map(\.id)
        if let exact = survey.questions.first(where: { $0.id == name.lowercased() }) { return exact }
        let starts = survey.questions.filter { $0.id.hasPrefix(name.lowercased()) }
        if starts.count == 1 { return starts[0] }
        let hint = suggestion(for: name, among: ids).map { " (did you mean '\($0)'?)" } ?? ""
        throw CoachError.invalidValue(option: "--list", reason: "'\(name)' is not a list of the retro\(hint); the lists are: \(ids.joined(separator: ", "))")
    }
}

/// `retro vote [TOPIC...] [--team T]`
struct RetroVote: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "vote",
        abstract: "Vote on the topics of your team's retrospective while its voting is open.",
        discussion: """
        Each person has as many votes as the retro gives (3 unless the manager chose otherwise) and
        may put several on one topic. Voting again replaces your votes, until the manager closes
        voting. Without topic numbers, the topics are shown and your votes asked for.

        Example:
          retro vote 2 2 5
          retro vote
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Topic numbers, one per vote.") var topics: [Int] = []
    @Option(help: "The team (default: yours).", completion: .coach(.team)) var team: String?

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let store = try context.database()
        let teamName = try RetroCommand.team(team, context: context)
        guard let retro = try store.openRetro(team: teamName, viewer: user.name) else {
            throw CoachError.retro("\(teamName) has no retrospective open; its manager opens one with 'retro --team \(ShellWords.quoted(teamName))'")
        }
        guard retro.stage == .voting else {
            throw CoachError.retro("voting in \(retro.team)'s retro is not open: it is at \(retro.stage.rawValue)"
                                   + (retro.stage < .voting ? "; the manager opens voting once the items are grouped" : ""))
        }
        var chosen = topics
        if chosen.isEmpty {
            let board = try store.retroBoard(id: retro.id, viewer: user.name)
            var table = Table("#", "TOPIC")
            table.mayShrink("TOPIC")
            for topic in board.topics { table.add(["\(topic.number)", topic.title]) }
            context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
            let reader = context.reader ?? PlainLineReader(fileDescriptor: STDIN_FILENO)
            guard case let .line(line) = reader.readLine(prompt: "Your \(retro.votesPerPerson) votes (topic numbers): ") else {
                context.console.line("No votes cast.")
                return
            }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "," })
            let numbers = words.compactMap { Int($0) }
            guard numbers.count == words.count, !numbers.isEmpty else {
                throw CoachError.invalidValue(option: "votes", reason: "type topic numbers separated by spaces, e.g. 2 2 5")
            }
            chosen = numbers
        }
        try store.castVotes(retro: retro.id, voter: user.name, topics: chosen, by: user.name)
        context.console.line("Your vote\(chosen.count == 1 ? " is" : "s are") in: \(chosen.map(String.init).joined(separator: ", ")). "
                             + "Voting again replaces them until the manager closes voting.")
    }
}

/// An item as `retro add --json` and `retro show --json` write it.
struct RetroItemJSON: Encodable {
    let list: String?
    let text: String
    /// Null for an anonymous item and one typed at the meeting.
    let author: String?
    let addedOn: String
    let topic: Int?

    init(_ item: RetroItem) {
        (list, text, author, addedOn, topic) = (item.list, item.text, item.author, item.addedOn, item.topic)
    }

    enum CodingKeys: String, CodingKey { case list, text, author, addedOn = "added_on", topic }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(list, forKey: .list)
        try container.encode(text, forKey: .text)
        try container.encode(author, forKey: .author)
        try container.encode(addedOn, forKey: .addedOn)
        try container.encode(topic, forKey: .topic)
    }
}
