import CoachTestSupport
import Foundation
import Testing

/// A command that meets another process's write lock on the store waits for it, says so on
/// standard error, and goes on once the lock is released.
@Suite("Waiting for another process's lock")
struct StoreLockTests {
    @Test("a write held up by sqlite3's BEGIN IMMEDIATE: coach says it waits (on stderr only) and succeeds after the COMMIT",
          .timeLimit(.minutes(3)))
    func waitsForALock() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let holder = try PseudoTerminal("/usr/bin/sqlite3", arguments: [sandbox.store],
                                        environment: sandbox.environment, inheritEnvironment: false)
        defer { holder.terminate() }
        try holder.waitFor("sqlite> ")
        holder.send("BEGIN IMMEDIATE;\r")
        holder.send("SELECT 'lock' || 'ed';\r")  // the echo of the line does not say "locked"; the result does
        try holder.waitFor("locked")

        let coach = try RunningProcess(CoachSandbox.binary,
                                       arguments: ["--store", sandbox.store, "--as", "Dana", "person", "add", "Zoe", "--role", "rep"],
                                       environment: sandbox.environment, inheritEnvironment: false)
        try coach.waitForStderr(containing: "waiting for the store (locked by another coach process)", timeout: .seconds(60))
        holder.send("COMMIT;\r")
        let result = try coach.finish(timeout: .seconds(60))

        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("Added Zoe (rep)."))
        #expect(!result.stdoutText.contains("waiting"), "standard output stays clean")
        #expect(result.stderrText.components(separatedBy: "waiting for the store").count == 2, "said once: \(result.stderrText)")
        #expect(try sandbox.sqlValue("SELECT count(*) FROM person WHERE name = 'Zoe'") == "1")
    }
}
