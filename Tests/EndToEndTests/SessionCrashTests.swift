import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// coach killed with SIGKILL in the middle of a survey, then resumed by a new process: every
/// answer the store had acknowledged is there, the file is sound, and the score is the one an
/// uninterrupted run gives.
@Suite("A session killed mid-survey")
struct SessionCrashTests {
    static let answers = ["4", "2", "5", "1", "3"]

    /// Polls `condition` every 50 ms until it holds, or throws after `seconds`.
    func waitUntil(_ what: String, seconds: Double, _ condition: () throws -> Bool) throws {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while try !condition() {
            guard Date() < deadline else { throw ProcessRunnerError(description: "timed out waiting for \(what)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test("SIGKILL after k answers, then resume: acknowledged answers kept, integrity ok, same score",
          .timeLimit(.minutes(2)), arguments: [1, 3, 4])
    func killAndResume(k: Int) throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CoachSandbox.binary)
        process.arguments = ["--store", sandbox.store, "--as", "Ana"]
        process.environment = sandbox.environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        signal(SIGPIPE, SIG_IGN)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let writer = input.fileHandleForWriting
        try writer.write(contentsOf: Data("run who-5\n".utf8))
        for index in 0..<k {
            try writer.write(contentsOf: Data((Self.answers[index] + "\n").utf8))
            try waitUntil("answer \(index + 1) in the store", seconds: 20) {
                try sandbox.sqlValue("SELECT count(*) FROM answer") == "\(index + 1)"
            }
        }
        #expect(process.isRunning, "coach still waits for the next answer")
        kill(process.processIdentifier, SIGKILL)
        #expect(exited.wait(timeout: .now() + 10) == .success)
        #expect(process.terminationReason == .uncaughtSignal)
        try? writer.close()

        let acknowledged = Self.answers.prefix(k).map { #"{"type":"choice","value":\#($0)}"# }
        #expect(try sandbox.sql("SELECT value FROM answer ORDER BY position") == Array(acknowledged))
        #expect(try sandbox.sql("SELECT state FROM session") == ["in_progress"], "nobody paused it")

        let resumed = try sandbox.shell(["resume"] + Self.answers[k...], as: "Ana")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(resumed.stdoutText.contains("Resuming WHO-5 Well-Being Index: \(k) answer"))
        #expect(resumed.stdoutText.contains("[\(k + 1)/5]"))
        #expect(try sandbox.sqlValue("PRAGMA integrity_check") == "ok")
        #expect(try sandbox.sql("SELECT value FROM answer WHERE session_id = 1 ORDER BY position")
                == Self.answers.map { #"{"type":"choice","value":\#($0)}"# })
        #expect(try sandbox.sql("SELECT state FROM session WHERE id = 1") == ["completed"])

        let straight = try sandbox.shell(["run who-5"] + Self.answers, as: "Ana")
        #expect(straight.status == 0, "\(straight.stderrText)")
        let scores = try sandbox.sql("SELECT session_id, score_id, value, band, alert FROM score ORDER BY session_id")
        #expect(scores == ["1|wellbeing|60.0|ok|1", "2|wellbeing|60.0|ok|1"])
    }
}
