import CoachCore
import CoachScoring
import CoachTestSupport
import Foundation
import Testing

/// Two coach processes on one store, each at a terminal, racing for the same session.
@Suite("Sessions that cannot race")
struct SessionRaceTests {
    /// A shell as `user` on `sandbox`'s store, at its prompt.
    static func shell(_ sandbox: CoachSandbox, as user: String) throws -> PseudoTerminal {
        let shell = try PseudoTerminal(CoachSandbox.binary, arguments: ["--store", sandbox.store, "--as", user],
                                       environment: sandbox.environment, inheritEnvironment: false)
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

    @Test("two WHO-5 check-ins at once for one rep: the second is refused while the first is open; one week, one check-in")
    func concurrentCheckins() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        _ = try sandbox.sql("UPDATE person SET share_wellbeing = 0")
        let first = try Self.shell(sandbox, as: "Ana")
        defer { first.terminate() }
        first.send("run who-5\r")
        try Self.answerWHO5(first, from: 0, to: 2)
        try first.waitFor("[3/5]")

        let second = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "run", "who-5"], input: "4\n4\n4\n4\n4\n")
        #expect(second.status != 0)
        #expect(second.stderrText.contains("is open in process"), "\(second.stderrText)")

        try first.waitFor("> ")
        first.send("3\r")
        try Self.answerWHO5(first, from: 3, to: 5)
        try first.waitFor("Done: WHO-5")
        first.send("quit\r")
        #expect(try first.waitForExit() == 0)
        #expect(try sandbox.sql("SELECT state, supersedes_id IS NULL FROM session") == ["completed|1"])
        let check = try sandbox.run(["--store", sandbox.store, "check"])
        #expect(check.status == 0, "\(check.stdoutText)")
    }

    @Test("two resumes of one paused session: the second is refused and stores nothing; the score matches the answers")
    func concurrentResumes() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        _ = try sandbox.sql("UPDATE person SET share_wellbeing = 0")
        let paused = try sandbox.shell(["run who-5", "3", "3", ":pause"], as: "Ana")
        #expect(paused.status == 0, "\(paused.stderrText)")

        let first = try Self.shell(sandbox, as: "Ana")
        defer { first.terminate() }
        first.send("resume\r")
        try first.waitFor("[3/5]")

        let second = try sandbox.shell(["resume", "0", "0", "0"], as: "Ana")
        #expect(second.stderrText.contains("is open in process"), "\(second.stderrText)")

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
        let check = try sandbox.run(["--store", sandbox.store, "check"])
        #expect(check.status == 0, "\(check.stdoutText)")
    }

    @Test("a quiz with its last attempt paused: quiz resumes that attempt, and no attempt beyond the limit completes")
    func attemptLimit() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let quiz = try BundledFixtures.survey("crm-basics")
        let answers = QuizKeys.translate(QuizEndToEndTests.failing, survey: quiz, layout: QuizLayout.make(survey: quiz, seed: 42))
        for _ in 0..<2 {  // crm-basics allows 3 attempts
            let done = try sandbox.shell(["quiz crm-basics --seed 42"] + answers, as: "Ana")
            #expect(done.status == 0, "\(done.stderrText)")
        }
        let paused = try sandbox.shell(["quiz crm-basics --seed 42", answers[0], ":pause"], as: "Ana")
        #expect(paused.stdoutText.contains("attempt 3 of 3"), "\(paused.stdoutText)")
        // HR starting the quiz for Ana continues attempt 3 (its stored layout) instead of a fourth.
        let again = try sandbox.shell(["quiz crm-basics --for Ana --seed 7"] + answers.dropFirst(), as: "Dana")
        #expect(again.stdoutText.contains("Continuing"), "\(again.stdoutText)")
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM session WHERE survey_id = 'crm-basics'") == "3")
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM session WHERE survey_id = 'crm-basics' AND state = 'completed'") == "3")
        let fourth = try sandbox.shell(["quiz crm-basics --seed 3"] + answers, as: "Ana")
        #expect(fourth.stderrText.contains("attempt"), "\(fourth.stderrText)")
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM session WHERE survey_id = 'crm-basics'") == "3")
    }
}
