import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process produced.
public struct ProcessResult: Sendable {
    /// The exit status, or the signal number if the process was killed by one.
    public var status: Int32
    /// Whether the process was ended by a signal (then `status` is the signal).
    public var killedBySignal: Bool
    public var stdout: Data
    public var stderr: Data

    /// Standard output decoded as UTF-8 (invalid bytes replaced).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error decoded as UTF-8 (invalid bytes replaced).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Why ``ProcessRunner`` could not produce a result.
public struct ProcessRunnerError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// Runs an executable to completion with given arguments, environment and
/// standard input, capturing standard output and error.
///
/// Both pipes are drained on their own threads while standard input is
/// written on a third, so a chatty child never deadlocks on a full pipe. A
/// child still running at the timeout is killed (SIGTERM, then SIGKILL) and
/// the run throws, quoting the output so far.
public enum ProcessRunner {
    /// - Parameters:
    ///   - executable: path to the program.
    ///   - arguments: its arguments (without the program name).
    ///   - environment: variables to set; merged into this process's
    ///     environment unless `inheritEnvironment` is false.
    ///   - stdin: bytes fed to standard input, which is then closed (so the
    ///     child sees end of input). `nil` gives an empty input.
    ///   - currentDirectory: the working directory, or this process's.
    ///   - timeout: how long the child may run.
    public static func run(
        _ executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        inheritEnvironment: Bool = true,
        stdin input: Data? = nil,
        currentDirectory: URL? = nil,
        timeout: Duration = .seconds(30)
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        env.merge(environment) { _, new in new }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }

        let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe

        // Writing stdin to a child that exits without reading it must fail
        // with EPIPE rather than kill the test runner.
        signal(SIGPIPE, SIG_IGN)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw ProcessRunnerError(description: "could not launch \(executable): \(error)")
        }

        let out = Collector(stdoutPipe.fileHandleForReading)
        let err = Collector(stderrPipe.fileHandleForReading)
        let writer = stdinPipe.fileHandleForWriting
        let bytes = input ?? Data()
        Thread.detachNewThread {
            // A child that exits without reading makes this fail (EPIPE): fine.
            try? writer.write(contentsOf: bytes)
            try? writer.close()
        }

        if exited.wait(timeout: .now() + timeout.timeInterval) == .timedOut {
            kill(process.processIdentifier, SIGTERM)
            if exited.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = exited.wait(timeout: .now() + 5)
            }
            let soFar = out.waitForEnd(seconds: 1), errSoFar = err.waitForEnd(seconds: 1)
            throw ProcessRunnerError(description: """
                \(executable) \(arguments.joined(separator: " ")) timed out after \(timeout) and was killed
                --- stdout so far ---
                \(String(decoding: soFar, as: UTF8.self))
                --- stderr so far ---
                \(String(decoding: errSoFar, as: UTF8.self))
                """)
        }
        // The child is gone; its pipes end unless a grandchild still holds them.
        let stdout = out.waitForEnd(seconds: 10), stderr = err.waitForEnd(seconds: 10)
        return ProcessResult(
            status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: stdout, stderr: stderr)
    }
}

/// Drains a pipe on a thread of its own, keeping what it read so far.
final class Collector: @unchecked Sendable {
    private let lock = NSCondition()
    private var data = Data()
    private var ended = false

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                lock.lock()
                if chunk.isEmpty { ended = true } else { data.append(chunk) }
                lock.broadcast()
                lock.unlock()
                if chunk.isEmpty { break }
            }
            try? handle.close()
        }
    }

    /// Waits up to `seconds` until what was read contains `text`; returns whether it does.
    func waitFor(_ text: String, seconds: Double) -> Bool {
        let needle = Data(text.utf8)
        let deadline = Date(timeIntervalSinceNow: seconds)
        lock.lock()
        defer { lock.unlock() }
        while data.range(of: needle) == nil {
            if ended || !lock.wait(until: deadline) { return data.range(of: needle) != nil }
        }
        return true
    }

    /// Waits up to `seconds` for the end of the stream; returns what was read.
    func waitForEnd(seconds: Double) -> Data {
        let deadline = Date(timeIntervalSinceNow: seconds)
        lock.lock()
        defer { lock.unlock() }
        while !ended, lock.wait(until: deadline) {}
        return data
    }
}

extension Duration {
    /// The duration in seconds, for APIs that take `TimeInterval`.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
