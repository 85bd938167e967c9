import ArgumentParser
import Foundation

/// What a value of an argument names, so completion can offer the right words. Declared where
/// the argument is declared, as its `completion:` (`completion: .coach(.person)`), which both
/// the shell's Tab and the completion scripts swift-argument-parser generates read.
///
/// The person kinds say whom the person at the keyboard may act on there; `Completion.people`
/// holds their rules, in one place.
public enum ArgumentKind: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Anyone.
    case person
    /// A manager.
    case manager
    /// One of your own reps (`one-on-one`).
    case rep
    /// One of your reps; anyone for HR (`goal set`).
    case managed
    /// You or one of your reps; anyone for HR (`trends`, `history`, `goals`).
    case visible
    /// You or one of your reps (`actions`).
    case related
    case survey, kpi, team, command
    /// One of the organisation's values (`thanks --for`).
    case value
    /// A list of the `team-retro` survey (`retro add --list`).
    case retroList = "retro-list"
}

extension CompletionKind {
    /// Completes with the words `coach complete KIND` prints (people, surveys, KPIs, teams,
    /// commands); the shell reads the kind back from this declaration.
    static func coach(_ kind: ArgumentKind) -> CompletionKind {
        .shellCommand(CommandFacts.completionCommand + kind.rawValue)
    }
}

/// A command's arguments as swift-argument-parser describes them (its `--experimental-dump-help`
/// JSON), so flags, completion kinds and global option names are read from the declarations
/// themselves rather than kept in side tables.
struct CommandFacts {
    /// One argument, option or flag.
    struct Argument: Decodable {
        enum Kind: String, Decodable { case positional, option, flag }
        struct Name: Decodable {
            let kind: String
            let name: String
        }

        let kind: Kind
        let names: [Name]?
        let shouldDisplay: Bool
        let completionKind: Completion?

        /// `--name` for each long name.
        var longNames: [String] { (names ?? []).filter { $0.kind == "long" }.map { "--" + $0.name } }

        /// The declared kind of value, when it completes through `.coach(_:)`.
        var valueKind: ArgumentKind? {
            guard let command = completionKind?.shellCommand?.command,
                  command.hasPrefix(CommandFacts.completionCommand) else { return nil }
            return ArgumentKind(rawValue: String(command.dropFirst(CommandFacts.completionCommand.count)))
        }

        /// Fixed values (an enumeration's cases), if the argument declares them.
        var listedValues: [String] { completionKind?.list?.values ?? [] }
    }

    /// The completion part of the dump: `{"shellCommand": {"command": …}}` or `{"list": {"values": […]}}`.
    struct Completion: Decodable {
        struct ShellCommand: Decodable { let command: String }
        struct List: Decodable { let values: [String] }
        let shellCommand: ShellCommand?
        let list: List?
    }

    private struct Dump: Decodable {
        struct Command: Decodable { let arguments: [Argument]? }
        let command: Command
    }

    /// The prefix of the completion command every `.coach(_:)` declaration names.
    static let completionCommand = "coach complete "

    let arguments: [Argument]

    /// The facts of `type`, read from its own dump (a millisecond or so; only Tab and a command
    /// line that starts with options ask).
    init(_ type: any ParsableArguments.Type) {
        let json = Data(type._dumpHelp().utf8)
        // The dump is swift-argument-parser's own output for our own types: a shape it cannot
        // decode is a programming error, which the tests of every command's facts catch.
        arguments = (try? JSONDecoder().decode(Dump.self, from: json))?.command.arguments ?? []
    }

    /// The long flags and options shown in the command's help, then `--help`.
    var flags: [String] {
        arguments.filter { $0.kind != .positional && $0.shouldDisplay }.flatMap(\.longNames).filter { $0 != "--help" }
            + ["--help"]
    }

    /// What each positional argument names, in order (nil: nothing to complete).
    var positionalKinds: [ArgumentKind?] {
        arguments.filter { $0.kind == .positional && $0.shouldDisplay }.map(\.valueKind)
    }

    /// The option named `flag` (`--team`), if the command has one.
    func option(_ flag: String) -> Argument? {
        arguments.first { $0.kind == .option && $0.longNames.contains(flag) }
    }

    /// Long names of the options that take a value, and of the flags that do not (`--help`,
    /// which every command has, left out).
    var optionNames: Set<String> { Set(arguments.filter { $0.kind == .option }.flatMap(\.longNames)) }
    var flagNames: Set<String> { Set(arguments.filter { $0.kind == .flag }.flatMap(\.longNames)).subtracting(["--help"]) }
}
