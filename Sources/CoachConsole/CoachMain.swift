import ArgumentParser
import CoachCore
import CoachDemo
import CoachOrgStore
import CoachSessions
import CoachStore
import Foundation

/// The entry point behind the `coach` executable: parses argv with the command table, builds
/// the context and runs the command one-shot, or opens the shell.
public enum CoachMain {
    /// Runs coach with the process's arguments (without the program name); returns the exit status:
    /// 0 success, 1 failure, 2 bad usage.
    public static func run(arguments: [String]) -> Int32 {
        let command: any ParsableCommand
        do {
            command = try Coach.parseAsRoot(arguments)
        } catch {
            // A mistyped command word gets "did you mean" rather than the parser's message. Only
            // a line that did not parse pays for reading the command table's facts.
            do {
                try CommandTable.checkCommandWords(CommandTable.droppingGlobalOptions(arguments))
            } catch let wordError {
                return report(wordError, console: .standard(useColor: false))
            }
            return report(error, console: .standard(useColor: false))
        }
        if let command = command as? any CoachCommand { return run(command: command, global: command.global) }
        if let root = command as? Coach { return run(command: root, global: root.global) }
        return runBuiltIn(command)
    }

    /// Runs a parsed command with the global options it was given.
    static func run(command: any ParsableCommand, global: GlobalOptions) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let stdinIsTerminal = isatty(STDIN_FILENO) == 1
        let console = Console.standard(
            useColor: ColorChoice.useColor(noColorFlag: global.noColor, environment: environment,
                                           outputIsTerminal: isatty(STDOUT_FILENO) == 1),
            pager: Pager.chosen(environment: environment, noPagerFlag: global.noPager))
        let context: CommandContext
        do {
            context = try makeContext(global: global, environment: environment, console: console,
                                      interactive: stdinIsTerminal)
        } catch {
            return report(error, console: console)
        }
        if command is Coach { return Shell(context: context).run() }
        guard let command = command as? any CoachCommand else { return 0 }
        let run = {
            do {
                try command.run(in: context)
                return Int32(0)
            } catch {
                return report(error, console: console)
            }
        }
        return Coach.pages(command) ? console.paging(run) : run()
    }

    /// Runs a command swift-argument-parser supplies itself (`--help` on any command).
    static func runBuiltIn(_ command: any ParsableCommand) -> Int32 {
        var command = command
        do {
            try command.run()
            return 0
        } catch {
            return report(error, console: .standard(useColor: false))
        }
    }

    /// Resolves paths and config, and picks the line reader: readline on a terminal, plain lines
    /// otherwise.
    static func makeContext(global: GlobalOptions, environment: [String: String], console: Console,
                            interactive: Bool) throws -> CommandContext {
        let paths = CoachPaths.resolve(storeFlag: global.store, surveysFlag: global.surveys, environment: environment)
        let config = try CoachConfig.load(path: paths.config)
        let reader = interactive ? standardInputLineReader(historyPath: paths.history)
                                 : PlainLineReader(fileDescriptor: STDIN_FILENO)
        let chosen: (name: String, source: String)? = global.user.flatMap(nonEmpty).map { ($0, "--as") }
            ?? environment["COACH_USER"].flatMap(nonEmpty).map { ($0, "COACH_USER") }
            ?? config.user.map { ($0, "the config's user: (\(paths.config))") }
        // On an organisation store the person is the database login; nobody picks another.
        let home = environment["HOME"] ?? NSHomeDirectory()
        if let chosen, case let .server(address) = try StoreLocation.parse(paths.store, environment: environment, home: home) {
            throw CoachError.identityIsTheLogin(source: chosen.source, login: address.user)
        }
        let user = chosen?.name
        return CommandContext(paths: paths, config: config, console: console, reader: reader,
                              isTerminal: interactive, userName: user)
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Prints an error the way its kind deserves and returns the exit status. In the shell, the
    /// parser's hint "See 'coach goal set --help'" points to the shell's own `help goal set`.
    static func report(_ error: any Error, console: Console, inShell: Bool = false) -> Int32 {
        switch classify(error) {
        case let .help(text):
            console.line(text)
            return 0
        case let .usage(text):
            console.problem(inShell ? text.replacing(/See 'coach (.+?) --help' for more information\./) { match in
                "Type 'help \(match.1)' for more information."
            } : text)
            return 2
        case let .failure(text):
            console.problem("coach: " + text)
            return 1
        case let .exit(code):
            return code
        }
    }

    /// What an error means for the user: help to print, bad usage, or a failure.
    enum Outcome: Equatable {
        case help(String), usage(String), failure(String), exit(Int32)
    }

    static func classify(_ error: any Error) -> Outcome {
        if let error = error as? CoachError {
            switch error {
            case .unknownCommand, .globalOptionInShell, .unbalancedQuote, .invalidValue: return .usage("coach: \(error)")
            default: return .failure(error.description)
            }
        }
        if let error = error as? ExitCode { return .exit(error.rawValue) }
        if error is CoachStore.StoreError || error is ConfigError || error is SessionError || error is DemoError
            || error is StoreLocationError || error is OrgStoreError {
            return .failure(String(describing: error))
        }
        let code = Coach.exitCode(for: error)
        let message = Coach.fullMessage(for: error, columns: 100)
        if code == .success { return .help(message) }
        if code == .validationFailure { return .usage(message) }
        return .failure((error as? LocalizedError)?.errorDescription ?? String(describing: error))
    }
}
