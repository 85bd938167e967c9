import ArgumentParser
import CoachCore

/// A command of the one command table: parsed by swift-argument-parser from `coach CMD ...`
/// and from a shell line alike, then run against a `CommandContext`.
public protocol CoachCommand: ParsableCommand {
    /// The options of the `coach` command line (hidden in the shell).
    var global: GlobalOptions { get }
    func run(in context: CommandContext) throws
}

extension CoachCommand {
    /// Runs the command one-shot when swift-argument-parser calls it directly.
    public func run() throws {
        let status = CoachMain.run(command: self, global: global)
        if status != 0 { throw ExitCode(status) }
    }
}

extension Role: ExpressibleByArgument {}
