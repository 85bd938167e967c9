import ArgumentParser
import CoachCore

/// Questions about the command table: which words name a command, what a command's flags are,
/// and the overview `help` prints. Everything is derived from `Coach.configuration`, so a new
/// command needs no change here.
enum CommandTable {
    /// A command and the words that reach it (`["goal", "set"]`).
    struct Entry {
        let path: [String]
        let type: any ParsableCommand.Type
        var name: String { path.joined(separator: " ") }
    }

    /// Every command reachable from the root, groups included, in table order.
    static let entries: [Entry] = {
        var result: [Entry] = []
        func walk(_ type: any ParsableCommand.Type, path: [String]) {
            for sub in type.configuration.subcommands {
                let words = names(of: sub)
                let entry = Entry(path: path + [words[0]], type: sub)
                result.append(entry)
                walk(sub, path: entry.path)
            }
        }
        walk(Coach.self, path: [])
        return result
    }()

    /// The command name and its aliases.
    static func names(of type: any ParsableCommand.Type) -> [String] {
        let configuration = type.configuration
        return [configuration.commandName ?? String(describing: type).lowercased()] + configuration.aliases
    }

    /// The subcommand words accepted after `path` (top-level words for `[]`).
    static func words(after path: [String]) -> [String] {
        let parent = path.isEmpty ? Coach.self : entries.first { $0.path == path }?.type
        return parent?.configuration.subcommands.flatMap(names(of:)) ?? []
    }

    /// The name of the subcommand `word` reaches after `path` (`1on1` gives `one-on-one`), if any.
    static func commandName(_ word: String, after path: [String]) -> String? {
        let parent = path.isEmpty ? Coach.self : entries.first { $0.path == path }?.type
        return parent?.configuration.subcommands.map(names(of:)).first { $0.contains(word) }?.first
    }

    /// The arguments of a `coach` command line after the global options that precede the command
    /// (their names read from `GlobalOptions` itself).
    static func droppingGlobalOptions(_ arguments: [String]) -> [String] {
        guard arguments.first?.hasPrefix("--") == true else { return arguments }
        let global = CommandFacts(GlobalOptions.self)
        let withValue = global.optionNames, flags = global.flagNames
        var rest = arguments[...]
        while let first = rest.first, first.hasPrefix("--") {
            let name = first.firstIndex(of: "=").map { String(first[..<$0]) } ?? first
            if withValue.contains(name) {
                rest = rest.dropFirst(first.contains("=") ? 1 : 2)
            } else if flags.contains(name) {
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        return Array(rest)
    }

    /// Checks the command words at the start of a line, so a typo gets "did you mean".
    static func checkCommandWords(_ tokens: [String]) throws {
        var path: [String] = []
        for token in tokens {
            let candidates = words(after: path)
            if candidates.isEmpty || token.hasPrefix("-") { return }
            guard let match = subcommand(named: token, after: path) else {
                let typed = (path + [token]).joined(separator: " ")
                let guess = suggestion(for: token, among: candidates).map { (path + [$0]).joined(separator: " ") }
                throw CoachError.unknownCommand(typed, suggestion: guess)
            }
            path.append(match)
        }
    }

    private static func subcommand(named word: String, after path: [String]) -> String? {
        let parent = path.isEmpty ? Coach.self : entries.first { $0.path == path }?.type
        for sub in parent?.configuration.subcommands ?? [] where names(of: sub).contains(word) {
            return names(of: sub)[0]
        }
        return nil
    }

    /// The command named by `words` (`["goal", "set"]`), for `help`.
    static func resolve(_ words: [String]) throws -> any ParsableCommand.Type {
        try checkCommandWords(words)
        var path: [String] = []
        for word in words {
            guard let match = subcommand(named: word, after: path) else { break }
            path.append(match)
        }
        guard let entry = entries.first(where: { $0.path == path }) else {
            throw CoachError.unknownCommand(words.joined(separator: " "), suggestion: nil)
        }
        return entry.type
    }

    /// The long flags a command accepts, read from its declarations.
    static func flags(of type: any ParsableCommand.Type) -> [String] {
        CommandFacts(type).flags
    }

    /// Every command that runs (not only a group of others, as `feedback` both lists and holds
    /// `feedback act`), shown in help, in table order.
    static var runnable: [Entry] {
        entries.filter {
            ($0.type.configuration.subcommands.isEmpty || $0.type is any CoachCommand.Type) && $0.type.configuration.shouldDisplay
        }
    }

    /// The list `help` prints: each runnable command with its one-line abstract.
    static func overview(styled: (String, TextStyle) -> String) -> String {
        let leaves = runnable
        let width = leaves.map(\.name.count).max() ?? 0
        var lines = [styled("Commands", .bold)]
        for entry in leaves {
            lines.append("  " + entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
                         + "  " + entry.type.configuration.abstract)
        }
        lines.append("")
        lines.append("Type 'help COMMAND' for its usage and an example, e.g. 'help person add'.")
        lines.append("In a guided session: :back, :skip, :help, :pause (or Ctrl-C).")
        return lines.joined(separator: "\n")
    }
}

import Foundation
