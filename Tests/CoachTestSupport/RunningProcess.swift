import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process running in the background while a test acts on the world around it:
/// the test can wait for a line on its standard error, then for its end.
///
/// Standard input is given whole at the start and then closed, as with ``ProcessRunner``.
/// Every wait has a timeout; dropping an unfinished process kills it.
public final class RunningProcess {
    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)
    private let out: Collector
    private let err: Collector
    private var finished = false

    /// Starts `executable` with `arguments`, `environment` (added to this process's unless
    /// `inheritEnvironment` is false) and `stdin`.
    public init(_ executable: String, arguments: [String] = [], environment: [String: String] = [:],
                inheritEnvironment: Bool = true, stdin input: Data = Data()) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        env.merge(environment) { _, new in new }
        process.environment = env
        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        signal(SIGPIPE, SIG_IGN)
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw ProcessRunnerError(description: "could not launch \(executable): \(error)")
        }
        out = Collector(stdoutPipe.fileHandleForReading)
        err = Collector(stderrPipe.fileHandleForReading)
        let writer = stdinPipe.fileHandleForWriting
        Thread.detachNewThread {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
    }

    /// Waits until standard error contains `text`; throws, quoting it, if it does not within `timeout`.
    public func waitForStderr(containing text: String, timeout: Duration = .seconds(30)) throws {
        guard err.waitFor(text, seconds: timeout.timeInterval) else {
            throw ProcessRunnerError(description: """
                \(text.debugDescription) did not appear on standard error within \(timeout)
                --- stderr so far ---
                \(String(decoding: err.waitForEnd(seconds: 0), as: UTF8.self))
                """)
        }
    }

    /// Waits for the process to end and returns what it produced; kills it and throws if it
    /// runs past `timeout`.
    public func finish(timeout: Duration = .seconds(30)) throws -> ProcessResult {
        finished = true
        if exited.wait(timeout: .now() + timeout.timeInterval) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 5)
            throw ProcessRunnerError(description: "\(process.executableURL?.path ?? "") timed out after \(timeout) and was killed")
        }
        return ProcessResult(status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
                             stdout: out.waitForEnd(seconds: 10), stderr: err.waitForEnd(seconds: 10))
    }

    deinit {
        if !finished, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
