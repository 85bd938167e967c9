import ArgumentParser

/// `shell`: opens the interactive shell (what `coach` alone does on a terminal).
struct ShellCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Open the coach shell (also what 'coach' alone does).",
        discussion: """
        With a terminal the shell uses GNU readline: line editing, history, Tab completion.
        Otherwise it reads plain lines, so a script can drive it:

        Example:
          printf 'people\\nquit\\n' | coach shell --as Dana
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    /// Opens the shell; a scripted shell's worst status becomes the exit status. (Inside the
    /// shell, `shell` is answered by the shell itself and never gets here.)
    func run(in context: CommandContext) throws {
        let status = Shell(context: context).run()
        if status != 0 { throw ExitCode(status) }
    }
}

/// `quit`: leaves the shell.
struct QuitCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "quit", abstract: "Leave the shell (also 'exit' or Ctrl-D).",
        discussion: "Example:\n  quit")
    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    func run(in context: CommandContext) throws {}
}

/// `exit`: leaves the shell.
struct ExitCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "exit", abstract: "Leave the shell (also 'quit' or Ctrl-D).",
        discussion: "Example:\n  exit", shouldDisplay: false)
    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    func run(in context: CommandContext) throws {}
}

/// `help [COMMAND]`: the command list, or one command's usage and an example.
struct HelpCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "List the commands, or show one command's usage and an example.",
        discussion: "Example:\n  help person add")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "A command, e.g. 'goal set'.", completion: .coach(.command)) var command: [String] = []
    /// Hidden: the manual page, which `scripts/install` writes as `man1/coach.1`.
    @Flag(help: ArgumentHelp("Print the manual page (roff) built from the command table.", visibility: .hidden))
    var man = false

    func validate() throws {
        if man && !command.isEmpty {
            throw ValidationError("'help --man' prints the whole manual page; give it no command.")
        }
    }

    func run(in context: CommandContext) throws {
        if man {
            context.console.write(ManPage.render())
            return
        }
        if command.isEmpty {
            context.console.line(CommandTable.overview(styled: context.console.styled))
            return
        }
        let type = try CommandTable.resolve(command)
        context.console.line(Coach.helpMessage(for: type, columns: 100))
    }
}

/// `complete KIND [PREFIX]` (hidden): the words Tab offers for a kind of argument, one per line.
/// The completion scripts swift-argument-parser generates call it, through `.coach(_:)`.
struct CompleteCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete",
        abstract: "Print the completions for a kind of argument.",
        shouldDisplay: false)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "person, manager, rep, managed, visible, related, survey, kpi, team or command.") var kind: ArgumentKind
    @Argument(help: "Only words starting with this.") var prefix: String = ""

    func run(in context: CommandContext) throws {
        for word in Completion(context: context).values(for: kind) where word.lowercased().hasPrefix(prefix.lowercased()) {
            context.console.line(word)
        }
    }
}
