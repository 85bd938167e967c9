import ArgumentParser
@testable import CoachConsole
import CoachTestSupport
import CoachCore
import CoachStore
import Testing

@Suite("The shell, in process")
struct ShellTests {
    @Test("commands run in order; quit stops reading; commands go to history")
    func runsCommands() throws {
        let shell = try TestShell(lines: ["person add Dana --role hr", "  people  ", "", "quit", "people"])
        #expect(shell.run() == 0)
        #expect(shell.output.contains("Added Dana (hr)."))
        #expect(shell.output.components(separatedBy: "1 person").count == 2, "people ran once")
        #expect(shell.reader.history == ["person add Dana --role hr", "people", "quit"])
        #expect(shell.reader.saveCount == 1)
    }

    @Test("Ctrl-C at the prompt does not leave the shell")
    func interruptKeepsGoing() throws {
        let shell = try TestShell(lines: ["person add Dana --role hr", ScriptedLineReader.interrupt, "people"])
        shell.run()
        #expect(shell.output.contains("1 person"))
    }

    @Test("exit leaves too; errors do not stop the shell and raise the status")
    func errorsContinue() throws {
        let shell = try TestShell(lines: ["person add Dana --role hr", "person add dana --role rep", "people", "exit", "people"])
        #expect(shell.run() == 1)
        #expect(shell.errors.contains("a person named 'dana' already exists"))
        #expect(shell.output.contains("1 person"))
    }

    @Test("quoted names, and a line with an unclosed quote")
    func quoting() throws {
        let shell = try TestShell(lines: ["person add \"Ana Lima\" --role hr", "person show 'ana lima'", "person show \"Ana"])
        #expect(shell.run() == 2)
        #expect(shell.output.contains("Ana Lima  hr"))
        #expect(shell.errors.contains("unclosed quote"))
    }

    @Test("on a terminal the prompt shows who is at the keyboard and their role; a pipe gets none")
    func prompt() throws {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        let terminal = try TestShell(lines: ["people"], user: "Dana", terminal: true, database: database)
        terminal.run()
        #expect(terminal.reader.prompts == ["Dana (hr)> ", "Dana (hr)> "])
        let piped = try TestShell(lines: ["people"], user: "Dana", database: database)
        piped.run()
        #expect(piped.reader.prompts == ["", ""])
    }

    @Test("on a terminal with nobody known, the shell asks once for name and role")
    func asksIdentity() throws {
        let shell = try TestShell(lines: ["Dana", "boss", "hr", "people"], terminal: true)
        shell.run()
        #expect(shell.output.contains("Please answer rep, manager or hr."))
        #expect(shell.output.contains("Added Dana (hr)."))
        #expect(try shell.database.person(named: "Dana")?.role == .hr)
        #expect(shell.context.userName == "Dana")
        #expect(try CoachConfig.load(path: shell.context.paths.config).user == "Dana")
    }

    @Test("a name typed wrong at the first prompt is asked again with a suggestion, then remembered")
    func identityTypoReasked() throws {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Sofia Haddad", role: .rep, team: nil, manager: nil, by: "Dana")
        let shell = try TestShell(lines: ["Sofia Hadad", "sofia haddad", "people"], terminal: true, database: database)
        shell.run()
        #expect(shell.errors.contains("'Sofia Hadad' is not in this store (did you mean 'Sofia Haddad'?)"), "\(shell.errors)")
        #expect(shell.reader.prompts.filter { $0 == "Your name: " }.count == 2)
        #expect(shell.context.userName == "Sofia Haddad")
        #expect(shell.output.contains("2 people"), "the shell works as Sofia Haddad")
    }

    @Test("a known user is not asked")
    func knownUserNotAsked() throws {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        let shell = try TestShell(lines: ["people"], user: "Dana", terminal: true, database: database)
        shell.run()
        #expect(!shell.output.contains("Who are you"))
        #expect(shell.reader.prompts == ["Dana (hr)> ", "Dana (hr)> "], "the command, then the end of input")
    }
}

@Suite("Usage errors in the shell")
struct ShellUsageHintTests {
    @Test("a usage error inside the shell points to the shell's help, not to 'coach … --help'")
    func hintNamesTheShellsHelp() throws {
        let database = try AppDatabase.inMemory()
        let shell = try TestShell(lines: ["person add Dana --role hr", "goal set Dana revenue"], database: database)
        #expect(shell.run() == 2)
        #expect(shell.errors.contains("Type 'help goal set' for more information."), "\(shell.errors)")
        #expect(!shell.errors.contains("See 'coach"), "\(shell.errors)")
    }
}

@Suite("Shell words and the command table")
struct CommandTableTests {
    @Test("words split like a shell")
    func words() throws {
        #expect(try ShellWords.split("person add \"Ana Lima\" --role rep") == ["person", "add", "Ana Lima", "--role", "rep"])
        #expect(try ShellWords.split("a 'b c' d\\ e \"f\\\"g\"") == ["a", "b c", "d e", "f\"g"])
        #expect(try ShellWords.split("  ") == [])
        #expect(try ShellWords.split("''") == [""])
        #expect(throws: CoachError.unbalancedQuote) { try ShellWords.split("say \"hi") }
    }

    @Test("an apostrophe in free text is a letter; a quote that starts a word and is closed still quotes")
    func apostrophes() throws {
        #expect(try ShellWords.split("agenda add Let's review the ACME deal")
                == ["agenda", "add", "Let's", "review", "the", "ACME", "deal"])
        #expect(try ShellWords.split("agenda add Don't forget 'the big one'")
                == ["agenda", "add", "Don't", "forget", "the big one"])
        #expect(try ShellWords.split("agenda add 'tis the season") == ["agenda", "add", "'tis", "the", "season"])
        #expect(try ShellWords.split("person add 'Ana Lee' --role rep") == ["person", "add", "Ana Lee", "--role", "rep"])
        #expect(try ShellWords.split("agenda add O'Brien's account") == ["agenda", "add", "O'Brien's", "account"])
        #expect(try ShellWords.split("agenda add 'tis Bob's turn") == ["agenda", "add", "'tis", "Bob's", "turn"])
    }

    @Test("no command's help says a default twice (its own words and the parser's '(default: …)')")
    func defaultsSaidOnce() {
        func all(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
            [command] + command.configuration.subcommands.flatMap(all)
        }
        for command in Coach.commandTable.flatMap(all) {
            let help = Coach.helpMessage(for: command, columns: 200)
            for line in help.split(separator: "\n") where line.contains("(default: ") {
                #expect(!line.replacingOccurrences(of: "(default: ", with: "").contains("(default"),
                        "\(command.configuration.commandName ?? "?"): \(line)")
            }
        }
    }

    @Test("an unknown command gets did you mean, at any depth")
    func didYouMean() {
        #expect(throws: CoachError.unknownCommand("peple", suggestion: "people")) {
            try CommandTable.checkCommandWords(["peple"])
        }
        #expect(throws: CoachError.unknownCommand("goal sett", suggestion: "goal set")) {
            try CommandTable.checkCommandWords(["goal", "sett", "Ana"])
        }
        #expect(throws: CoachError.unknownCommand("xyzzy", suggestion: nil)) {
            try CommandTable.checkCommandWords(["xyzzy"])
        }
    }

    @Test("global options before the command are skipped when checking words")
    func globalOptions() {
        #expect(CommandTable.droppingGlobalOptions(["--store", "x", "--as=Dana", "--no-color", "people", "--json"])
                == ["people", "--json"])
    }

    @Test("flags come from each command's own definition")
    func flags() {
        #expect(CommandTable.flags(of: PersonAdd.self) == ["--role", "--team", "--manager", "--login", "--email", "--help"])
        #expect(CommandTable.flags(of: PeopleCommand.self) == ["--json", "--help"])
    }

    @Test("help lists every runnable command with its abstract")
    func overview() {
        let text = CommandTable.overview { text, _ in text }
        for name in ["person add", "person show", "people", "goal set", "goals", "surveys", "help", "quit"] {
            #expect(text.contains("  \(name) "), "\(name)")
        }
    }
}

@Suite("Tab completion")
struct CompletionTests {
    func completion() throws -> Completion {
        let shell = try TestShell(lines: [])
        try shell.database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try shell.database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try shell.database.addPerson(name: "Mia", role: .rep, team: "North", manager: nil, by: "Dana")
        return Completion(context: shell.context)
    }

    @Test("command words, then subcommands")
    func commands() throws {
        let completion = try completion()
        #expect(completion.candidates(line: "pe", word: "pe") == ["people", "person"])
        #expect(completion.candidates(line: "person ", word: "") == ["add", "edit", "show"])
        #expect(completion.candidates(line: "go", word: "go") == ["goal", "goals"])
    }

    @Test("people, flags and flag values")
    func arguments() throws {
        let completion = try completion()
        #expect(completion.candidates(line: "person show M", word: "M") == ["Marco", "Mia"])
        #expect(completion.candidates(line: "goals m", word: "m") == ["Marco", "Mia"])
        #expect(completion.candidates(line: "people --j", word: "--j") == ["--json"])
        #expect(completion.candidates(line: "person add Bo --role ", word: "") == ["hr", "manager", "rep"])
        #expect(completion.candidates(line: "person add Bo --role rep --manager ", word: "") == ["Marco"])
        #expect(completion.candidates(line: "person add Bo --role rep --team N", word: "N") == ["North"])
        #expect(completion.candidates(line: "help go", word: "go") == ["goal", "goals"])
    }

    @Test("a positional argument after an option's value completes by its declared kind")
    func afterOptionValue() throws {
        let completion = try completion()
        #expect(completion.candidates(line: "trends --weeks 4 M", word: "M") == ["Marco", "Mia"])
        #expect(completion.candidates(line: "goal set Mia rev", word: "rev") == ["revenue"])
        #expect(completion.candidates(line: "goal set Mia revenue ", word: "").isEmpty, "a target is a number")
        #expect(completion.candidates(line: "run --for M", word: "M") == ["Marco", "Mia"])
        #expect(completion.candidates(line: "run w", word: "w").contains("who-5"))
    }

    @Test("complete KIND prints the words Tab offers, for generated completion scripts")
    func completeCommand() throws {
        let shell = try TestShell(lines: ["person add Dana --role hr", "person add Marco --role manager --team North",
                                          "person add Mia --role rep --team North",
                                          "complete manager", "complete person D", "complete team"])
        shell.run()
        #expect(shell.output.hasSuffix("Marco\nDana\nNorth\n"), "\(shell.output)")
    }
}

@Suite("Command facts")
struct CommandFactsTests {
    @Test("every command's own description is read: flags, and the kinds its arguments declare")
    func everyCommandDecodes() {
        for entry in CommandTable.entries {
            #expect(!CommandFacts(entry.type).arguments.isEmpty, "\(entry.name): no arguments read from its dump")
        }
        #expect(CommandFacts(OneOnOneCommand.self).positionalKinds == [.rep])
        #expect(CommandFacts(GoalSet.self).positionalKinds == [.managed, .kpi, nil])
        #expect(CommandFacts(PersonAdd.self).option("--manager")?.valueKind == .manager)
        #expect(CommandFacts(PersonAdd.self).option("--role")?.listedValues == ["rep", "manager", "hr"])
    }

    @Test("global option names come from GlobalOptions")
    func globalNames() {
        let facts = CommandFacts(GlobalOptions.self)
        #expect(facts.optionNames == ["--store", "--surveys", "--as"])
        #expect(facts.flagNames == ["--no-color", "--no-pager"])
    }
}
