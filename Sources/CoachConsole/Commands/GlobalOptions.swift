import ArgumentParser

/// Options every command accepts on the `coach` command line (README, "The shell").
/// Inside the shell they are fixed for the whole run, so they are hidden from per-command help.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp("The SQLite store (env COACH_STORE).", valueName: "path"))
    public var store: String?

    @Option(name: .customLong("surveys"), help: ArgumentHelp("A surveys folder replacing the bundled ones (env COACH_SURVEYS).", valueName: "dir"))
    public var surveys: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Who is at the keyboard (env COACH_USER).", valueName: "person"))
    public var user: String?

    @Flag(name: .customLong("no-color"), help: "Never colour the output (env NO_COLOR).")
    public var noColor = false

    @Flag(name: .customLong("no-pager"), help: """
        Print long listings directly; otherwise on a terminal they go through $COACH_PAGER, $PAGER \
        or less (env COACH_PAGER= or PAGER=cat: never).
        """)
    public var noPager = false

    public init() {}

    /// Whether any option was given (the shell refuses them per command).
    var isEmpty: Bool { store == nil && surveys == nil && user == nil && !noColor && !noPager }
}
