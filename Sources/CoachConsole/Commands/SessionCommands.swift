import ArgumentParser
import CoachCore

/// `run SURVEY [--for PERSON]`
struct RunCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run any survey as a guided session.",
        discussion: """
        Each answer is stored the moment it is given. In a session: :back, :skip (optional
        questions), :help, :pause or Ctrl-C; 'resume' continues later.

        Example:
          run who-5
          run one-on-one --for Ana
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The survey id (see 'surveys').", completion: .coach(.survey)) var survey: String
    @Option(name: .customLong("for"), help: "Whom the session is about (default: you).", completion: .coach(.person)) var subject: String?
    @Option(help: ArgumentHelp("A fixed quiz shuffle seed, for reproducible layouts.", visibility: .hidden)) var seed: UInt64?

    func run(in context: CommandContext) throws {
        try SessionRunner(context: context).start(surveyID: survey, for: subject, seed: seed)
    }
}

/// `resume`
struct ResumeCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue your paused or interrupted session at its next unanswered question.",
        discussion: "Example:\n  resume")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run(in context: CommandContext) throws {
        try SessionRunner(context: context).resume()
    }
}
