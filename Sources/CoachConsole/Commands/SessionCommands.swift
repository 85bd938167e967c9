import ArgumentParser
import CoachCore

/// `run SURVEY [--for PERSON]`
struct RunCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run any survey as a guided session.",
        discussion: """
        Each answer is stored the moment it is given. In a session: :back, :skip (optional
        questions), :help, :pause or Ctrl-C; 'resume' continues later. --on DATE records a
        session held earlier, dated that day and marked back-filled.

        Example:
          run who-5
          run one-on-one --for Ana
          run who-5 --on 2026-11-24
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The survey id (see 'surveys').", completion: .coach(.survey)) var survey: String
    @Option(name: .customLong("for"), help: "Whom the session is about (default: you).", completion: .coach(.person)) var subject: String?
    @Option(name: .customLong("on"), help: HeldOn.help) var heldOn: String?
    @Option(help: ArgumentHelp("A fixed quiz shuffle seed, for reproducible layouts.", visibility: .hidden)) var seed: UInt64?

    func run(in context: CommandContext) throws {
        let day = try HeldOn.day(heldOn, context: context)
        try SessionRunner(context: context).start(surveyID: survey, for: subject, seed: seed, heldOn: day)
    }
}

/// `resume [ID]`
struct ResumeCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a paused or interrupted session at its next unanswered question.",
        discussion: """
        Without ID: your latest open session. 'sessions' lists them all.

        Example:
          resume
          resume 12
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The session's number, as 'sessions' shows it (12 or #12).") var id: String?

    func validate() throws {
        if let id { _ = try ItemNumber.required(id, what: "a session", listedBy: "sessions") }
    }

    func run(in context: CommandContext) throws {
        try SessionRunner(context: context).resume(sessionID: id.flatMap(ItemNumber.parse))
    }
}

/// `abandon ID`
struct AbandonCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "abandon",
        abstract: "Give up one of your open sessions for good.",
        discussion: """
        An abandoned session is never resumed, scored or counted, and a new one may start in its
        place; the answers already given stay in the store. Only the person who started it may.

        Example:
          abandon 12
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The session's number, as 'sessions' shows it (12 or #12).") var id: String

    func validate() throws {
        _ = try ItemNumber.required(id, what: "a session", listedBy: "sessions")
    }

    func run(in context: CommandContext) throws {
        try SessionRunner(context: context).abandon(sessionID: ItemNumber.parse(id) ?? 0)
    }
}
