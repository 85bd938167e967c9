import CoachTestSupport
import Foundation
import Testing
import CoachConsole

/// Drives ``ReadlineLineReader`` through a real pseudo-terminal.
///
/// No executable in the package exposes the reader on its own, so the test
/// binary re-runs itself on a pty with `COACH_READLINE_CHILD` set: the child's
/// `readlineEchoLoop` test then reads lines with readline and reports them.
@Suite("ReadlineLineReader on a pty")
struct ReadlineUnderPtyTests {
    /// Child mode only: echoes what the reader returns, until end of input.
    @Test func readlineEchoLoop() {
        guard let historyPath = ProcessInfo.processInfo.environment["COACH_READLINE_CHILD"] else { return }
        let reader = ReadlineLineReader(historyPath: historyPath) { _, wordStart, word in
            ["people", "person", "trends"].filter { $0.hasPrefix(word) && wordStart == 0 }
        }
        var asking = false
        while true {
            switch reader.readLine(prompt: asking ? "Mood? " : "coach> ") {
            case .line(let text):
                print("GOT[\(text)]")
                if text == "ask" { asking = true } else if asking { asking = false } else { reader.addToHistory(text) }
            case .interrupted:
                print(asking ? "PAUSED" : "INTERRUPTED")
                asking = false
            case .endOfInput:
                print("EOF")
                reader.saveHistory()
                exit(0)
            }
        }
    }

    private func startChild(historyPath: String) throws -> PseudoTerminal {
        let binary = CommandLine.arguments[0]
        return try PseudoTerminal(
            binary, arguments: ["--testing-library", "swift-testing", "--filter", "readlineEchoLoop"],
            environment: ["COACH_READLINE_CHILD": historyPath])
    }

    /// A history path in a fresh temporary folder (whose `state/` subfolder
    /// does not exist yet), and a closure removing it all.
    private func temporaryHistoryPath() -> (path: String, cleanUp: () -> Void) {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("coach-rl-\(UUID().uuidString)")
        return (root.appendingPathComponent("state/history").path,
                { try? FileManager.default.removeItem(at: root) })
    }

    @Test func ctrlCClearsTheLineAndDoesNotExit() throws {
        let (historyPath, cleanUp) = temporaryHistoryPath()
        defer { cleanUp() }
        let pty = try startChild(historyPath: historyPath)
        try pty.waitFor("coach> ", timeout: .seconds(20))
        pty.send("half typed")
        try pty.waitFor("half typed")
        pty.send("\u{3}")
        try pty.waitFor("INTERRUPTED")
        try pty.waitFor("coach> ")
        pty.send("\u{3}") // at an empty prompt too
        try pty.waitFor("INTERRUPTED")
        try pty.waitFor("coach> ")
        pty.send("after\r")
        try pty.waitFor("GOT[after]")
        try pty.waitFor("coach> ") // keys typed before the prompt meet a cooked terminal
        pty.send("\u{4}")
        try pty.waitFor("EOF")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func ctrlCAtAQuestionPauses() throws {
        let (historyPath, cleanUp) = temporaryHistoryPath()
        defer { cleanUp() }
        let pty = try startChild(historyPath: historyPath)
        try pty.waitFor("coach> ", timeout: .seconds(20))
        pty.send("ask\r")
        try pty.waitFor("Mood? ")
        pty.send("4\u{3}")
        try pty.waitFor("PAUSED")
        try pty.waitFor("coach> ")
        pty.send("\u{4}")
        #expect(try pty.waitForExit() == 0)
    }

    @Test func historyRecallCompletionAndSavedFile() throws {
        let (historyPath, cleanUp) = temporaryHistoryPath()
        defer { cleanUp() }
        let pty = try startChild(historyPath: historyPath)
        try pty.waitFor("coach> ", timeout: .seconds(20))
        pty.send("first\r")
        try pty.waitFor("GOT[first]")
        pty.send("ask\r")
        try pty.waitFor("Mood? ")
        pty.send("private answer\r")
        try pty.waitFor("coach> ")
        pty.send("\u{1b}[A\r") // Up recalls "first", not the answer
        try pty.waitFor("GOT[first]")
        pty.send("tr\t\r")
        try pty.waitFor("GOT[trends ]")
        try pty.waitFor("coach> ")
        pty.send("\u{4}")
        #expect(try pty.waitForExit() == 0)
        #expect(!pty.output.contains("\u{1b}[?2004h")) // bracketed paste is off

        let saved = try String(contentsOfFile: historyPath, encoding: .utf8)
        #expect(saved == "first\ntrends \n")
        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = (historyPath as NSString).deletingLastPathComponent
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test("a killed shell keeps the commands it ran in the history file")
    func historySurvivesAKill() throws {
        let (historyPath, cleanUp) = temporaryHistoryPath()
        defer { cleanUp() }
        let pty = try startChild(historyPath: historyPath)
        try pty.waitFor("coach> ", timeout: .seconds(20))
        pty.send("people\r")
        try pty.waitFor("GOT[people]")
        try pty.waitFor("coach> ")
        kill(pty.pid, SIGKILL)
        _ = try? pty.waitForExit()
        #expect(try String(contentsOfFile: historyPath, encoding: .utf8) == "people\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}
