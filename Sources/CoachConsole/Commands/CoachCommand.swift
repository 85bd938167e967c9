import ArgumentParser
import CoachCore

/// A command of the one command table: parsed by swift-argument-parser from `coach CMD ...`
/// and from a shell line alike, then run against a `CommandContext`.
public protocol CoachCommand: ParsableCommand {
    /// The options of the `coach` command line (hidden in the shell).
    var global: GlobalOptions { get }
    /// What each positional argument names, for tab completion.
    static var argumentKinds: [ArgumentKind] { get }
    func run(in context: CommandContext) throws
}

extension CoachCommand {
    public static var argumentKinds: [ArgumentKind] { [] }

    /// Runs the command one-shot when swift-argument-parser calls it directly.
    public func run() throws {
        let status = CoachMain.run(command: self, global: global)
        if status != 0 { throw ExitCode(status) }
    }
}

/// What a positional argument names, so completion can offer the right words.
public enum ArgumentKind: Sendable {
    case person, survey, kpi, team, command, none
}

extension Role: ExpressibleByArgument {}
