@testable import CoachConsole
import CoachTestSupport
import CoachCore
import CoachStore
import Testing

/// Guided sessions inside the shell, in process: the shell's history gets command lines only.
@Suite("Sessions in the shell, in process")
struct SessionShellTests {
    @Test("answers never reach the history; Ctrl-C pauses the session and the shell goes on; resume finishes")
    func historyHoldsCommandsOnly() throws {
        let shell = try TestShell(lines: ["person add Ana --role rep", "run who-5", "5", "4", ScriptedLineReader.interrupt,
                                          "people", "resume", ":back", "", "3", "2", "1", "quit"])
        #expect(shell.run() == 0, "\(shell.errors)")
        #expect(shell.reader.history == ["person add Ana --role rep", "run who-5", "people", "resume", "quit"])
        #expect(shell.output.contains("Paused WHO-5 Well-Being Index: 2 answers kept."))
        #expect(shell.output.contains("1 person"))
        #expect(shell.output.contains("Enter keeps 4 Most of the time"))
        #expect(shell.output.contains("Done: WHO-5 Well-Being Index"))
        let ana = try #require(try shell.database.person(named: "Ana"))
        #expect(try shell.database.resumableSession(authorID: try #require(ana.id)) == nil)
    }

    @Test("the prompts a session shows are the engine's, not the shell's")
    func prompts() throws {
        let shell = try TestShell(lines: ["person add Ana --role rep", "run who-5", "5", ":pause"], user: nil)
        shell.run()
        #expect(shell.reader.prompts.filter { $0 == "> " }.count == 2)
    }
}
