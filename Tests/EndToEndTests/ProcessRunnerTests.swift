import CoachTestSupport
import Foundation
import Testing

@Suite("ProcessRunner")
struct ProcessRunnerTests {
    @Test func feedsStdinAndCapturesStdout() throws {
        let result = try ProcessRunner.run("/bin/cat", stdin: Data("hello\nworld\n".utf8))
        #expect(result.status == 0)
        #expect(!result.killedBySignal)
        #expect(result.stdoutText == "hello\nworld\n")
        #expect(result.stderrText == "")
    }

    @Test func capturesStderrAndExitStatus() throws {
        let result = try ProcessRunner.run("/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdoutText == "out\n")
        #expect(result.stderrText == "err\n")
    }

    @Test func mergesOrReplacesTheEnvironment() throws {
        let merged = try ProcessRunner.run(
            "/bin/sh", arguments: ["-c", "echo $COACH_TEST_VAR:${PATH:+has-path}"],
            environment: ["COACH_TEST_VAR": "x"])
        #expect(merged.stdoutText == "x:has-path\n")
        let replaced = try ProcessRunner.run(
            "/usr/bin/env", environment: ["ONLY": "this"], inheritEnvironment: false)
        #expect(replaced.stdoutText == "ONLY=this\n")
    }

    @Test func handlesBigOutputOnBothPipesWithoutDeadlock() throws {
        // 2 MB in and out, plus 1 MB on stderr: far beyond a pipe's 64 KiB buffer.
        let input = Data(repeating: UInt8(ascii: "a"), count: 2_000_000)
        let result = try ProcessRunner.run(
            "/bin/sh", arguments: ["-c", "head -c 1000000 /dev/zero >&2; cat"],
            stdin: input, timeout: .seconds(20))
        #expect(result.status == 0)
        #expect(result.stdout == input)
        #expect(result.stderr.count == 1_000_000)
    }

    @Test func childThatIgnoresStdinStillFinishes() throws {
        let input = Data(repeating: 0, count: 1_000_000)
        let result = try ProcessRunner.run("/bin/true", stdin: input)
        #expect(result.status == 0)
    }

    @Test func killsAHangingChildAtTheTimeout() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: ProcessRunnerError.self) {
            try ProcessRunner.run(
                "/bin/sh", arguments: ["-c", "echo started; exec sleep 30"], timeout: .seconds(1))
        }
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(5))
        #expect(error?.description.contains("timed out") == true)
        #expect(error?.description.contains("started") == true)
    }

    @Test func reportsALaunchFailure() {
        #expect(throws: ProcessRunnerError.self) {
            try ProcessRunner.run("/nonexistent/program")
        }
    }

    @Test func reportsDeathBySignal() throws {
        let result = try ProcessRunner.run("/bin/sh", arguments: ["-c", "kill -KILL $$"])
        #expect(result.killedBySignal)
        #expect(result.status == SIGKILL)
    }
}
