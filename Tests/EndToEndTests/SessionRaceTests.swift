import CoachCore
import CoachScoring
import CoachTestSupport
import Foundation
import Testing

/// Two coach processes on one store, each at a terminal, racing for the same session.
@Suite("Sessions that cannot race")
struct SessionRaceTests {
    /// A shell as `user` on `sandbox`'s store, at its prompt.
    static func shell(_ sandbox: any EngineStore, as user: String) throws -> PseudoTerminal {
        let shell = try sandbox.terminal(as: user, arguments: [])
        try shell.waitFor("\(user) (")
        try shell.waitFor(")> ")
        return shell
    }

    /// `shell` answers WHO-5 questions `from`..<`to` with `answer`.
    static func answerWHO5(_ shell: PseudoTerminal, from: Int, to: Int, answer: String = "3") throws {
        for index in from..<to {
            try shell.waitFor("[\(index + 1)/5]")
            try shell.waitFor("> ")
            shell.send(answer + "\r")
        }
    }

    @Test("two WHO-5 check-ins at once for one rep: the second is refused while the first is open; one week, one check-in", arguments: StoreEngine.allCases)
    func concurrentCheckins(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        _ = try sandbox.sql("UPDATE person SET share_wellbeing = false")
        let first = try Self.shell(sandbox, as: "Ana")
        defer { first.terminate() }
        first.send("run who-5\r")
        try Self.answerWHO5(first, from: 0, to: 2)
        try first.waitFor("[3/5]")

        let second = try sandbox.run(["run", "who-5"], as: "Ana", input: "4\n4\n4\n4\n4\n")
        #expect(second.status != 0)
        #expect(second.stderrText.contains("is open in "), "\(second.stderrText)")

        try first.waitFor("> ")
        first.send("3\r")
        try Self.answerWHO5(first, from: 3, to: 5)
        try first.waitFor("Done: WHO-5")
        first.send("quit\r")
        #expect(try first.waitForExit() == 0)
        #expect(try sandbox.sql("SELECT state, supersedes_id IS NULL FROM session") == ["completed|1"])
        if engine == .local {
            let check = try sandbox.run(["check"], as: "Dana")
            #expect(check.status == 0, "\(check.stdoutText)")
        }
    }

    @Test("two resumes of one paused session: the second is refused and stores nothing; the score matches the answers", arguments: StoreEngine.allCases)
    func concurrentResumes(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        _ = try sandbox.sql("UPDATE person SET share_wellbeing = false")
        let paused = try sandbox.shell(["run who-5", "3", "3", ":pause"], as: "Ana")
        #expect(paused.status == 0, "\(paused.stderrText)")

        let first = try Self.shell(sandbox, as: "Ana")
        defer { first.terminate() }
        first.send("resume\r")
        try first.waitFor("[3/5]")

        let second = try sandbox.shell(["resume", "0", "0", "0"], as: "Ana")
        #expect(second.stderrText.contains("is open in "), "\(second.stderrText)")

        try first.waitFor("> ")
        first.send("4\r")
        try Self.answerWHO5(first, from: 3, to: 5, answer: "4")
        try first.waitFor("Done: WHO-5")
        first.send("quit\r")
        #expect(try first.waitForExit() == 0)
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM answer") == "5")
        #expect(try sandbox.sql("SELECT value FROM answer ORDER BY position").filter { $0.contains("0") }.isEmpty,
                "the refused resume stored none of its 0 answers")
        #expect(try sandbox.sqlValue("SELECT value FROM score WHERE score_id = 'wellbeing'") == "72.0")
        if engine == .local {
            let check = try sandbox.run(["check"], as: "Dana")
            #expect(check.status == 0, "\(check.stdoutText)")
        }
    }

    @Test("a quiz with its last attempt paused: quiz resumes that attempt for its author, refuses anyone else, and no attempt beyond the limit completes",
          arguments: StoreEngine.allCases)
    func attemptLimit(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let quiz = try BundledFixtures.survey("crm-basics")
        let answers = QuizKeys.translate(QuizEndToEndTests.failing, survey: quiz, layout: QuizLayout.make(survey: quiz, seed: 42))
        for _ in 0..<2 {  // crm-basics allows 3 attempts
            let done = try sandbox.shell(["quiz crm-basics --seed 42"] + answers, as: "Ana")
            #expect(done.status == 0, "\(done.stderrText)")
        }
        let paused = try sandbox.shell(["quiz crm-basics --seed 42", answers[0], ":pause"], as: "Ana")
        #expect(paused.stdoutText.contains("attempt 3 of 3"), "\(paused.stdoutText)")
        // HR starting the quiz for Ana starts no fourth attempt: attempt 3 is open, and Ana's to finish.
        let byHR = try sandbox.shell(["quiz crm-basics --for Ana --seed 7"] + answers.dropFirst(), as: "Dana")
        #expect(byHR.stderrText.contains("(session #") && byHR.stderrText.contains("is open, started by Ana, who finishes it"),
                "\(byHR.stderrText)")
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM session WHERE survey_id = 'crm-basics'") == "3")
        // Ana starting the quiz again continues attempt 3 (its stored layout) instead of a fourth.
        let again = try sandbox.shell(["quiz crm-basics --seed 7"] + answers.dropFirst(), as: "Ana")
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText.contains("Continuing"), "\(again.stdoutText)")
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM session WHERE survey_id = 'crm-basics'") == "3")
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM session WHERE survey_id = 'crm-basics' AND state = 'completed'") == "3")
        let fourth = try sandbox.shell(["quiz crm-basics --seed 3"] + answers, as: "Ana")
        #expect(fourth.stderrText.contains("attempt"), "\(fourth.stderrText)")
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM session WHERE survey_id = 'crm-basics'") == "3")
    }
}
