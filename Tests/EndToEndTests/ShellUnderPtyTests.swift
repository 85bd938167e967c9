import CoachTestSupport
import Foundation
import Testing

/// The real coach shell on a pseudo-terminal, the way a person uses it: readline history across
/// runs, Tab completion of commands and people, Ctrl-C at the prompt. Every wait has a timeout.
@Suite("The coach shell on a terminal")
struct ShellUnderPtyTests {
    func start(_ sandbox: any EngineStore, user: String = "Dana") throws -> PseudoTerminal {
        try sandbox.terminal(as: user, arguments: [])
    }

    @Test("Up recalls the last command of the previous run from the history file", arguments: StoreEngine.allCases)
    func historyAcrossRuns(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let first = try start(sandbox)
        try first.waitFor("Dana (hr)> ")
        first.send("goals Ana\r")
        try first.waitFor("has no targets yet")
        try first.waitFor("Dana (hr)> ")
        first.send("quit\r")
        #expect(try first.waitForExit() == 0)
        let history = try String(contentsOfFile: sandbox.historyFile, encoding: .utf8)
        #expect(history.contains("goals Ana"))

        let second = try start(sandbox)
        try second.waitFor("Dana (hr)> ")
        second.send("\u{1b}[A")
        try second.waitFor("quit")
        second.send("\u{1b}[A\r")
        let output = PseudoTerminal.plain(try second.waitFor("has no targets yet"))
        #expect(output.contains("goals Ana"))
        try second.waitFor("Dana (hr)> ")
        second.send("\u{4}")
        #expect(try second.waitForExit() == 0)
    }

    @Test("Tab completes a command and a person's name", arguments: StoreEngine.allCases)
    func completion(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let shell = try start(sandbox)
        try shell.waitFor("Dana (hr)> ")
        shell.send("peo\t\r")
        try shell.waitFor("3 people")
        try shell.waitFor("Dana (hr)> ")
        shell.send("person show Mar\t\r")
        let shown = PseudoTerminal.plain(try shell.waitFor("team     North"))
        #expect(shown.contains("person show Marco"))
        #expect(shown.contains("Marco  manager"))
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
    }

    /// Text as the screen shows it once each backspace (readline moving the cursor back to
    /// rewrite a word) has taken back the character before it.
    static func backspaced(_ text: String) -> String {
        text.reduce(into: "") { screen, character in
            if character == "\u{8}" { _ = screen.popLast() } else { screen.append(character) }
        }
    }

    @Test("Tab completes a name with a space inside an opened quote, and quotes it when typed bare",
          arguments: StoreEngine.allCases)
    func completionQuotesNames(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        try sandbox.addPerson("Sofia Hansen", role: "rep", team: "North")
        let shell = try start(sandbox, user: "Marco")
        try shell.waitFor("Marco (manager)> ")
        shell.send("trends \"Sofia H\t")
        let completed = Self.backspaced(PseudoTerminal.plain(try shell.waitFor("Hansen\" ")))
        #expect(completed.contains("trends \"Sofia Hansen\" "), "\(completed)")
        shell.send("\r")
        try shell.waitFor("No scores for Sofia Hansen")
        try shell.waitFor("Marco (manager)> ")
        shell.send("trends Sofia\t")
        let quoted = Self.backspaced(PseudoTerminal.plain(try shell.waitFor("Hansen\" ")))
        #expect(quoted.contains("trends \"Sofia Hansen\" "), "\(quoted)")
        shell.send("\r")
        try shell.waitFor("No scores for Sofia Hansen")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
    }

    @Test("Ctrl-C at the prompt clears the line and does not exit; Ctrl-D leaves", arguments: StoreEngine.allCases)
    func ctrlC(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let shell = try start(sandbox)
        try shell.waitFor("Dana (hr)> ")
        shell.send("person add Half --role")
        try shell.waitFor("--role")
        shell.send("\u{3}")
        try shell.waitFor("Dana (hr)> ")
        shell.send("\u{3}")
        try shell.waitFor("Dana (hr)> ")
        shell.send("people\r")
        let listing = PseudoTerminal.plain(try shell.waitFor("3 people"))
        #expect(!listing.contains("Half"), "the interrupted line was discarded")
        try shell.waitFor("Dana (hr)> ")
        shell.send("\u{4}")
        #expect(try shell.waitForExit() == 0)
    }

    @Test("on a terminal with nobody known, the shell asks who you are once and remembers")
    func asksOnce() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let shell = try PseudoTerminal(CoachSandbox.binary, arguments: [], environment: sandbox.environment,
                                       inheritEnvironment: false)
        try shell.waitFor("Your name: ")
        shell.send("Dana\r")
        try shell.waitFor("Your role (rep, manager, hr): ")
        shell.send("hr\r")
        try shell.waitFor("Dana (hr)> ")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
        #expect(try String(contentsOfFile: sandbox.configFile, encoding: .utf8).contains("user: \"Dana\""))

        let again = try PseudoTerminal(CoachSandbox.binary, arguments: [], environment: sandbox.environment,
                                       inheritEnvironment: false)
        let greeting = try again.waitFor("Dana (hr)> ")
        #expect(!greeting.contains("Your name"))
        again.send("quit\r")
        #expect(try again.waitForExit() == 0)
    }
}
