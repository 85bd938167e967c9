import CoachTestSupport
import Foundation
import Testing

/// Guided sessions in the real readline shell on a pseudo-terminal. Every wait has a timeout.
@Suite("Guided sessions on a terminal")
struct SessionUnderPtyTests {
    @Test("Ctrl-C during a question pauses the session and returns to the shell prompt; resume finishes it",
          arguments: StoreEngine.allCases)
    func ctrlCPauses(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let shell = try sandbox.terminal(as: "Ana", arguments: [])
        try shell.waitFor("Ana (rep)> ")
        shell.send("run who-5\r")
        try shell.waitFor("[1/5]")
        try shell.waitFor("(type a key or the start of a label)")
        shell.send("4\r")
        try shell.waitFor("[2/5]")
        try shell.waitFor("(type a key or the start of a label)")
        try shell.waitFor("> ")  // readline is reading: Ctrl-C now meets readline, not the cooked terminal
        shell.send("2")
        try shell.waitFor("2")
        shell.send("\u{3}")
        try shell.waitFor("Paused WHO-5 Well-Being Index: 1 answer kept.")
        try shell.waitFor("Ana (rep)> ")
        #expect(try sandbox.sql("SELECT state FROM session") == ["paused"])
        #expect(try sandbox.sql("SELECT question_id FROM answer") == ["cheerful"], "the half-typed 2 was not an answer")

        shell.send("resume\r")
        try shell.waitFor("Resuming WHO-5 Well-Being Index: 1 answer kept.")
        for (step, answer) in ["5", "3", "2", "1"].enumerated() {
            try shell.waitFor("[\(step + 2)/5]")
            try shell.waitFor("(type a key or the start of a label)")
            shell.send(answer + "\r")
        }
        try shell.waitFor("Done: WHO-5 Well-Being Index")
        try shell.waitFor("Ana (rep)> ")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])
        #expect(try sandbox.sql("SELECT value FROM score") == ["60.0"])
    }

    @Test("answers to private questions never reach the history file; command lines do", arguments: StoreEngine.allCases)
    func privateAnswersNotInHistory(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-surveys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        format: 1
        id: notes
        title: Notes
        kind: check-in
        audience: rep
        questions:
          - {id: shared, text: Something to share?, type: text}
          - {id: secret, text: Something just for you?, type: text, private: true}
          - {id: diary, text: Your diary, type: text, multiline: true, private: true}
        """.write(to: folder.appendingPathComponent("notes.yaml"), atomically: true, encoding: .utf8)
        let shell = try sandbox.terminal(as: "Ana", arguments: ["--surveys", folder.path])
        try shell.waitFor("Ana (rep)> ")
        shell.send("run notes\r")
        try shell.waitFor("[1/3] Something to share?")
        shell.send("Shared-answer-111\r")
        try shell.waitFor("[2/3] Something just for you?")
        shell.send("Secret-answer-222\r")
        try shell.waitFor("[3/3] Your diary")
        shell.send("Diary-line-333\r")
        shell.send(".\r")
        try shell.waitFor("Done: Notes")
        try shell.waitFor("Ana (rep)> ")
        shell.send("surveys\r")
        try shell.waitFor("Ana (rep)> ")
        // Up, Up recalls the commands, not the answers in between.
        shell.send("\u{1b}[A\u{1b}[A")
        let recalled = PseudoTerminal.plain(try shell.waitFor("run notes"))
        #expect(!recalled.contains("answer-222"))
        shell.send("\u{3}")
        try shell.waitFor("Ana (rep)> ")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)

        let history = try String(contentsOfFile: sandbox.historyFile, encoding: .utf8)
        #expect(history.contains("run notes"))
        #expect(history.contains("surveys"))
        #expect(!history.contains("Secret-answer-222"))
        #expect(!history.contains("Diary-line-333"))
        #expect(try sandbox.sql("SELECT question_id, is_private FROM answer ORDER BY position")
                == ["shared|0", "secret|1", "diary|1"])
    }
}
