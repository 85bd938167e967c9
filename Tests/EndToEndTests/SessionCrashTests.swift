import CoachTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// coach killed with SIGKILL in the middle of a survey, then resumed by a new process: every
/// answer the store had acknowledged is there, the store is sound, and the score is the one an
/// uninterrupted run gives. On the organisation store the killed coach's connection ends with
/// it, so its claim on the session lapses and the resume takes it over.
/// Polls `condition` every 20 ms until it holds, or throws after `seconds`.
func waitUntil(_ what: String, seconds: Double, _ condition: () throws -> Bool) throws {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while try !condition() {
        guard Date() < deadline else { throw ProcessRunnerError(description: "timed out waiting for \(what)") }
        Thread.sleep(forTimeInterval: 0.02)
    }
}

/// A coach shell reading its standard input from a pipe, typed into line by line and killed at will.
final class PipedCoach {
    let process = Process()
    private let writer: FileHandle
    private let exited = DispatchSemaphore(value: 0)

    init(sandbox: any EngineStore, as user: String, arguments: [String] = []) throws {
        let invocation = sandbox.invocation(as: user)
        process.executableURL = URL(fileURLWithPath: CoachSandbox.binary)
        process.arguments = invocation.arguments + arguments
        process.environment = invocation.environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        signal(SIGPIPE, SIG_IGN)
        writer = input.fileHandleForWriting
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
    }

    /// Sends one line.
    func type(_ line: String) throws {
        try writer.write(contentsOf: Data((line + "\n").utf8))
    }

    /// SIGKILL, then waits (10 s at most); true when coach was ended by the signal.
    func kill() -> Bool {
        Glibc.kill(process.processIdentifier, SIGKILL)
        let ended = exited.wait(timeout: .now() + 10) == .success
        try? writer.close()
        return ended && process.terminationReason == .uncaughtSignal
    }

    /// Makes sure the child is gone (for `defer`).
    func end() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        try? writer.close()
    }
}

@Suite("A session killed mid-survey")
struct SessionCrashTests {
    static let answers = ["4", "2", "5", "1", "3"]

    @Test("SIGKILL after k answers, then resume: acknowledged answers kept, integrity ok, same score",
          .timeLimit(.minutes(2)), arguments: [1, 3, 4], StoreEngine.allCases)
    func killAndResume(k: Int, engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }

        let coach = try PipedCoach(sandbox: sandbox, as: "Ana")
        defer { coach.end() }
        try coach.type("run who-5")
        for index in 0..<k {
            try coach.type(Self.answers[index])
            try waitUntil("answer \(index + 1) in the store", seconds: 20) {
                try sandbox.sqlValue("SELECT count(*) FROM answer") == "\(index + 1)"
            }
        }
        #expect(coach.process.isRunning, "coach still waits for the next answer")
        #expect(coach.kill(), "coach ended by SIGKILL")

        let acknowledged = Self.answers.prefix(k).map { #"{"type":"choice","value":\#($0)}"# }
        #expect(try sandbox.sql("SELECT value FROM answer ORDER BY position") == Array(acknowledged))
        #expect(try sandbox.sql("SELECT state FROM session") == ["in_progress"], "nobody paused it")

        let resumed = try sandbox.shell(["resume"] + Self.answers[k...], as: "Ana")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(resumed.stdoutText.contains("Resuming WHO-5 Well-Being Index: \(k) answer"))
        #expect(resumed.stdoutText.contains("[\(k + 1)/5]"))
        if engine == .local { #expect(try sandbox.sqlValue("PRAGMA integrity_check") == "ok") }
        #expect(try sandbox.sql("SELECT value FROM answer WHERE session_id = 1 ORDER BY position")
                == Self.answers.map { #"{"type":"choice","value":\#($0)}"# })
        #expect(try sandbox.sql("SELECT state FROM session WHERE id = 1") == ["completed"])

        let straight = try sandbox.shell(["run who-5"] + Self.answers, as: "Ana")
        #expect(straight.status == 0, "\(straight.stderrText)")
        let scores = try sandbox.sql("SELECT session_id, score_id, value, band, alert FROM score ORDER BY session_id")
        #expect(scores == ["1|wellbeing|60.0|ok|1", "2|wellbeing|60.0|ok|1"])
    }

    static let weekly = ["4", "2", "5", "1", "3", "4", "2", "5", "1", "3", "4", "4", "3", "2", "5", "1", "3", "4", "2", "5",
                         "a,c", "the pipeline review", "shorter demos", "."]

    /// The bounded version of scripts/crash-test: kills at random points of who-5 and weekly
    /// self-assessment sessions, each after a random number of acknowledged answers.
    @Test("10 kills at random points: integrity ok, nothing acknowledged lost, nothing half-written completed, resume gives the uninterrupted scores",
          .timeLimit(.minutes(5)), arguments: StoreEngine.allCases)
    func randomKills(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        // The uninterrupted runs: sessions 1 (who-5) and 2 (weekly self-assessment).
        let plans = [("who-5", Self.answers), ("weekly-self-assessment", Self.weekly)]
        for (survey, answers) in plans {
            let run = try sandbox.shell(["run \(survey)"] + answers, as: "Ana")
            #expect(run.status == 0, "\(run.stderrText)")
        }
        func answers(_ session: Int) throws -> [String] {
            // A skip mark (the complaints question, ".") is no answer, and goes when the session completes.
            try sandbox.sql("""
                SELECT question_id, value FROM answer WHERE session_id = \(session) AND value NOT LIKE '%skipped%' ORDER BY position
                """)
        }
        func scores(_ session: Int) throws -> [String] {
            try sandbox.sql("SELECT score_id, value, band, alert FROM score WHERE session_id = \(session) ORDER BY score_id")
        }
        let expected = try [1, 2].map { (answers: try answers($0), scores: try scores($0)) }
        #expect(expected.allSatisfy { !$0.scores.isEmpty })

        var lost = 0
        for round in 0..<10 {
            let session = round + 3
            let plan = round % 2
            let (survey, typed) = plans[plan]
            let k = Int.random(in: 0..<typed.count)
            let coach = try PipedCoach(sandbox: sandbox, as: "Ana")
            defer { coach.end() }
            try coach.type("run \(survey)")
            try waitUntil("session \(session) to start", seconds: 20) {
                try sandbox.sqlValue("SELECT count(*) FROM session WHERE id = \(session)") == "1"
            }
            for index in 0..<k {
                try coach.type(typed[index])
                try waitUntil("answer \(index + 1) of session \(session)", seconds: 20) {
                    try answers(session).count == index + 1
                }
            }
            if Bool.random() {  // the next answer on its way in
                try coach.type(typed[k])
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.15))
            }
            let context = "round \(round): \(survey) killed after \(k) acknowledged answers"
            #expect(coach.kill(), "\(context)")

            if engine == .local { #expect(try sandbox.sqlValue("PRAGMA integrity_check") == "ok", "\(context)") }
            let kept = try answers(session)
            lost += expected[plan].answers.prefix(k).filter { !kept.contains($0) }.count
            #expect(kept.count == k || kept.count == k + 1, "\(context): \(kept)")
            #expect(kept == Array(expected[plan].answers.prefix(kept.count)), "\(context): acknowledged answers unchanged")
            let state = try sandbox.sqlValue("SELECT state FROM session WHERE id = \(session)")
            if state == "completed" {
                let completedScores = try scores(session)
                #expect(kept == expected[plan].answers && completedScores == expected[plan].scores, "\(context)")
            } else {
                #expect(try scores(session).isEmpty, "\(context): no scores before completion")
                let resumed = try sandbox.shell(["resume"] + typed[kept.count...], as: "Ana")
                #expect(resumed.status == 0, "\(context): \(resumed.stderrText)")
            }
            #expect(try sandbox.sqlValue("SELECT state FROM session WHERE id = \(session)") == "completed", "\(context)")
            #expect(try answers(session) == expected[plan].answers, "\(context)")
            #expect(try scores(session) == expected[plan].scores, "\(context)")
        }
        #expect(lost == 0)
        if engine == .local {
            let check = try sandbox.run(["check"], as: "Ana")
            #expect(check.status == 0, "\(check.stdoutText)")
        }
    }
}
