import CoachTestSupport
import Foundation
import Testing

/// The organisation's server crashes and comes back while a rep is in a check-in at a terminal:
/// every acknowledged answer is kept, coach says what happened, and the check-in finishes.
@Suite("The organisation store under faults", .serialized)
struct ServerCrashTests {
    /// Ana (a rep) on an organisation store of a server of this test's own.
    func organisation(_ dedicated: DedicatedPostgres) throws -> OrgSandbox {
        let organisation = try OrgSandbox(hr: "Dana", on: dedicated.server)
        try organisation.addPerson("Ana", role: .rep, team: "North")
        return organisation
    }

    /// Ana's WHO-5 at a terminal, answered up to the third question.
    func checkIn(_ organisation: OrgSandbox) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            CoachSandbox.binary, arguments: ["checkin", "who-5"],
            environment: organisation.sandbox.environment.merging(["COACH_STORE": organisation.url(as: "Ana")]) { $1 },
            inheritEnvironment: false)
        _ = try terminal.waitFor("[y/N]")  // whether her manager sees her band: not now
        terminal.send("n\r")
        _ = try terminal.waitFor("[1/5]")
        terminal.send("4\r")
        _ = try terminal.waitFor("[2/5]")
        terminal.send("3\r")
        _ = try terminal.waitFor("[3/5]")
        return terminal
    }

    @Test("the server restarts while coach waits at a question: coach connects again, says so, and the check-in completes")
    func restartWhileWaiting() throws {
        let dedicated = try DedicatedPostgres()
        defer { dedicated.stop() }
        let organisation = try organisation(dedicated)
        defer { organisation.remove() }
        let terminal = try checkIn(organisation)
        defer { terminal.terminate() }
        try dedicated.halt()
        try dedicated.restart()
        terminal.send("5\r")
        _ = try terminal.waitFor("was lost and is back; nothing you entered is lost", timeout: .seconds(30))
        _ = try terminal.waitFor("[4/5]")
        terminal.send("2\r")
        _ = try terminal.waitFor("[5/5]")
        terminal.send("4\r")
        _ = try terminal.waitFor("Done: WHO-5")
        _ = try terminal.waitForExit(timeout: .seconds(20))
        #expect(try organisation.sql("SELECT state FROM session") == ["completed"])
        #expect(try organisation.sql("SELECT value FROM answer ORDER BY position").count == 5)
        #expect(try organisation.sql("SELECT count(*)::text FROM score") == ["1"])
    }

    @Test("the server stays down: coach says the connection was lost, keeps what was acknowledged, and resume continues")
    func downThenResume() throws {
        let dedicated = try DedicatedPostgres()
        defer { dedicated.stop() }
        let organisation = try organisation(dedicated)
        defer { organisation.remove() }
        let terminal = try checkIn(organisation)
        defer { terminal.terminate() }
        try dedicated.halt()
        terminal.send("5\r")  // never acknowledged: the server is gone
        _ = try terminal.waitFor("did not answer again within", timeout: .seconds(60))
        #expect(try terminal.waitForExit(timeout: .seconds(20)) == 1)
        #expect(!terminal.output.contains("Done:"))

        try dedicated.restart()
        #expect(try organisation.sql("SELECT question_id FROM answer ORDER BY position").count == 2, "the two acknowledged answers")
        let resumed = try organisation.run(["resume"], as: "Ana", input: "5\n2\n4\n")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(resumed.stdoutText.contains("2 answers kept"), "\(resumed.stdoutText)")
        #expect(try organisation.sql("SELECT state FROM session") == ["completed"])
        #expect(try organisation.sql("SELECT value FROM answer").count == 5)
    }
}
