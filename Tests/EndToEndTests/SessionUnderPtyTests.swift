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

    @Test(":back inside the agenda and the new actions of a one-on-one keeps what was typed", arguments: StoreEngine.allCases)
    func backKeepsTypedMeetingWork(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["agenda add Commission plan", "agenda add Holiday cover"], as: "Ana").status == 0)
        let shell = try sandbox.terminal(as: "Marco", arguments: [])
        try shell.waitFor("Marco (manager)> ")
        shell.send("1on1 Ana\r")
        func answer(_ prompt: String, _ line: String) throws {
            try shell.waitFor(prompt)
            shell.send(line + "\r")
        }
        try answer("[1/", "7")
        try answer("What went well", "Closed Acme")
        try answer("discussed/carry [carry] ", "y")
        try answer("note: ", "Plan agreed")
        try answer("• Holiday cover", ":back")
        try shell.waitFor("(back to 'Commission plan'; it was discussed, note: Plan agreed)")
        try answer("discussed/carry [carry] ", "y")
        try answer("note: ", "Plan agreed, signed")
        try answer("• Holiday cover", "c")
        for _ in 0..<4 { try answer("target set): ", "") }
        for prompt in ["What is behind the numbers", "Which key accounts", "Open complaints", "What other feedback"] { try answer(prompt, "") }
        try answer("What is getting in the way", "None")
        for prompt in ["What from recent training", "What training or coaching", "What deserves recognition",
                       "Where does the rep want to grow"] { try answer(prompt, "") }
        try answer("action 1: ", "Call Bob")
        try answer("owner [Ana]: ", "")
        try answer("due [+7d]: ", "")
        try answer("action 2: ", "Prepare deck")
        try answer("owner [Ana]: ", ":back")
        try shell.waitFor("(back to the text of action 2: Prepare deck)")
        try answer("action 2: ", "Prepare the pricing deck")
        try answer("owner [Ana]: ", "Marco")
        try answer("due [+7d]: ", "")
        try answer("action 3: ", "")
        try answer("Shared notes", ".")
        try answer("Private notes", ".")
        try shell.waitFor("Done: One-on-one")
        try shell.waitFor("Marco (manager)> ")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
        #expect(try sandbox.sql("SELECT text, status, note FROM agenda_item ORDER BY id") == [
            "Commission plan|discussed|Plan agreed, signed", "Holiday cover|open|",
        ])
        #expect(try sandbox.sql("SELECT a.text, p.name FROM action_item a JOIN person p ON p.id = a.owner_id ORDER BY a.id") == [
            "Call Bob|Ana", "Prepare the pricing deck|Marco",
        ])
    }
}
