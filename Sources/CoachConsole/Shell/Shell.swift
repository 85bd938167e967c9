import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// The coach shell: reads command lines, parses each with the command table and runs it.
/// On a terminal it greets, asks who you are once, and keeps history; on a pipe it reads plain
/// lines with no prompt or echo, so a script can drive it.
public final class Shell {
    private let context: CommandContext
    private let reader: any LineReader
    /// The worst status a command returned: a script driving the shell can tell something failed.
    private var status: Int32 = 0

    public init(context: CommandContext) {
        self.context = context
        self.reader = context.reader ?? PlainLineReader(fileDescriptor: STDIN_FILENO)
    }

    /// Runs until `quit`, `exit`, Ctrl-D or the end of input; returns the exit status.
    public func run() -> Int32 {
        if context.isTerminal {
            context.console.line("coach — type 'help' for commands, 'quit' to leave.")
            IdentityPrompt(context: context, reader: reader).ensureUser()
            greetWithDue()
            if let readline = reader as? ReadlineLineReader {
                let completion = Completion(context: context)
                readline.completion = { line, wordStart, word in
                    completion.candidates(line: String(line.prefix(wordStart)) + word, word: word)
                }
            }
        }
        loop: while true {
            switch reader.readLine(prompt: context.isTerminal ? prompt() : "") {
            case .endOfInput:
                if context.isTerminal { context.console.line() }
                break loop
            case .interrupted:
                continue
            case let .line(text):
                let line = text.trimmingCharacters(in: .whitespaces)
                if line.isEmpty { continue }
                if Self.keepsInHistory(line) { reader.addToHistory(line) }
                if !execute(line) { break loop }
            }
        }
        reader.saveHistory()
        return status
    }

    /// Commands whose words are private text (a topic for one's one-on-one, an action item's
    /// text): the history file keeps commands, never what a person confides.
    static let privateCommands: [[String]] = [["agenda", "add"], ["action", "edit"]]

    /// Whether `line` may go into the history file.
    static func keepsInHistory(_ line: String) -> Bool {
        let words = ShellWords.splitLeniently(line).map { $0.lowercased() }
        return !privateCommands.contains { words.starts(with: $0) }
    }

    /// Runs one command line; returns false when the line asks to leave, or the store file was
    /// replaced under the shell.
    func execute(_ line: String) -> Bool {
        do {
            let words = try ShellWords.split(line)
            try CommandTable.checkCommandWords(words)
            let command = try Coach.parseAsRoot(words)
            guard let command = command as? any CoachCommand else {
                var builtIn = command
                try builtIn.run()
                return true
            }
            guard command.global.isEmpty else { throw CoachError.globalOptionInShell }
            if command is QuitCommand || command is ExitCommand { return false }
            if command is ShellCommand {
                context.console.line("You are in the shell already.")
                return true
            }
            // On a terminal a long listing goes through the pager, its error message in place.
            guard context.isTerminal && Coach.pages(command) else {
                try command.run(in: context)
                return true
            }
            return context.console.paging {
                do {
                    try command.run(in: context)
                    return true
                } catch {
                    return failed(error)
                }
            }
        } catch {
            return failed(error)
        }
    }

    /// Reports a command's error; returns false when the shell must stop: the store file coach
    /// opened is no longer at its path, so nothing more can be saved in this run, and the next
    /// lines (a session's answers) must not run as commands.
    private func failed(_ error: any Error) -> Bool {
        status = max(status, CoachMain.report(error, console: context.console, inShell: true))
        if let error = error as? StoreError, error.isStoreReplaced { return false }
        return true
    }

    /// What is due for the user, and the thanks they received lately, shown once when the shell
    /// starts on a terminal.
    /// Nobody known yet means nothing to show; a store that cannot be read is reported.
    private func greetWithDue() {
        do {
            let user = try context.currentUser()
            for line in try DueList(context: context, user: user, now: context.clock.now()).lines() {
                context.console.line(line)
            }
            for line in try RecognitionGreeting.lines(for: user, database: context.database(), now: context.clock.now()) {
                context.console.line(line)
            }
        } catch CoachError.noUser, CoachError.emptyStore, CoachError.unknownUser {
            return
        } catch {
            context.console.problem("coach: \(error)")
        }
    }

    /// `dana (hr)> `, or `coach> ` before anyone is known (on an organisation store, the login's person).
    private func prompt() -> String {
        if let person = context.organisationPerson { return "\(person.name) (\(person.role.rawValue))> " }
        guard let name = context.userName else { return "coach> " }
        let role = (try? context.database().person(named: name))?.role.rawValue
        return role.map { "\(name) (\($0))> " } ?? "\(name)> "
    }
}
