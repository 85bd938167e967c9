import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a ``PseudoTerminal`` call failed; timeouts quote the output so far.
public struct PseudoTerminalError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A program running on a pseudo-terminal, driven like a user at a keyboard.
///
/// The child is spawned with `posix_spawn` in a new session (`setsid`) and
/// opens the pty's slave side as its standard input, output and error, which
/// makes it the controlling terminal: `tty` works, and Ctrl-C (`"\u{3}"`)
/// sends SIGINT through the line discipline. `TERM=xterm`, 120x30 window.
///
/// Keys: `"\r"` submits a line, `"\u{3}"` Ctrl-C, `"\t"` Tab, `"\u{1b}[A"` Up,
/// `"\u{4}"` Ctrl-D. Wait for a prompt before sending control keys: typed
/// earlier, they meet the terminal in cooked mode (Ctrl-D is swallowed as
/// end-of-file, Ctrl-C hits whatever SIGINT disposition is current). Every wait has a timeout, so a hang fails the test
/// instead of stalling CI; dropping the session kills the child.
public final class PseudoTerminal: @unchecked Sendable {
    /// The child's process id.
    public let pid: pid_t
    private let master: Int32
    /// The child's output, filled by a reader thread that holds only this
    /// (not `self`), so dropping the session still runs `deinit`.
    private let state = OutputState()
    private var exitStatus: Int32?     // guarded by `state.lock`
    /// Where the next ``waitFor(_:timeout:)`` starts looking.
    private var mark = 0

    /// Starts `executable` with `arguments` on a fresh pty.
    /// - Parameters:
    ///   - environment: added to this process's environment (after `TERM=xterm`),
    ///     or used alone when `inheritEnvironment` is false.
    ///   - columns, rows: the window size the child sees.
    public init(
        _ executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        inheritEnvironment: Bool = true,
        columns: UInt16 = 120,
        rows: UInt16 = 30
    ) throws {
        // posix_openpt/grantpt/unlockpt/ptsname are hidden from Swift's Glibc
        // module (they need _XOPEN_SOURCE); this is what they do on Linux.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Self.failure("open /dev/ptmx") }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, Self.TIOCSPTLCK, &unlock) == 0,
              ioctl(master, Self.TIOCGPTN, &number) == 0 else {
            let error = Self.failure("unlocking the pty")
            close(master)
            throw error
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var env = inheritEnvironment ? ProcessInfo.processInfo.environment : [:]
        env["TERM"] = "xterm"
        env.merge(environment) { _, new in new }

        // Hold the slave open across the spawn, so the master never sees "no
        // slave" (EIO) before the child has opened its own descriptor.
        let parentSlave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        defer { if parentSlave >= 0 { close(parentSlave) } }
        do {
            pid = try Self.spawn(
                executable, arguments: arguments, environment: env,
                slavePath: slavePath)
        } catch {
            close(master)
            throw error
        }
        self.master = master
        let state = self.state
        Thread.detachNewThread { state.readLoop(master) }
    }

    deinit {
        terminate()
        state.lock.lock()
        state.stopReading = true
        while !state.readerDone { state.lock.wait() }
        state.lock.unlock()
        close(master)
    }

    /// Everything the child wrote so far (lossily decoded).
    public var output: String {
        state.lock.lock()
        defer { state.lock.unlock() }
        return String(decoding: state.buffer, as: UTF8.self)
    }

    /// `text` without terminal control sequences (colours, cursor moves) and
    /// carriage returns, for comparing screen output with expectations.
    /// (Scalar semantics: `"\r\n"` is one `Character`, whose `\r` must go.)
    public static func plain(_ text: String) -> String {
        text.replacing(#/\u{1B}(\[[0-9;?]*[ -\/]*[@-~]|\][^\u{7}]*\u{7}|[()][0-9A-Za-z]|[=>78])|\r|\u{7}/#.matchingSemantics(.unicodeScalar), with: "")
    }

    /// Types `text` on the keyboard.
    public func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n > 0 { offset += n } else if n < 0, errno != EINTR, errno != EAGAIN { return }
        }
    }

    /// Waits until `substring` appears in the output after the previous match.
    ///
    /// - Returns: the output from the end of the previous match through the end
    ///   of this one; the next wait starts after it.
    /// - Throws: ``PseudoTerminalError`` with the output so far if `substring`
    ///   does not appear within `timeout` or the child closes the terminal.
    @discardableResult
    public func waitFor(_ substring: String, timeout: Duration = .seconds(10)) throws -> String {
        let needle = Array(substring.utf8)
        let deadline = Date(timeIntervalSinceNow: timeout.timeInterval)
        state.lock.lock()
        defer { state.lock.unlock() }
        while true {
            if let range = Self.find(needle, in: state.buffer, from: mark) {
                let text = String(decoding: state.buffer[mark..<range.upperBound], as: UTF8.self)
                mark = range.upperBound
                return text
            }
            let soFar = String(decoding: state.buffer, as: UTF8.self)
            if state.readerDone {
                throw PseudoTerminalError(description:
                    "terminal closed before \(substring.debugDescription) appeared; output:\n\(soFar)")
            }
            if !state.lock.wait(until: deadline) {
                throw PseudoTerminalError(description:
                    "timed out after \(timeout) waiting for \(substring.debugDescription); output:\n\(soFar)")
            }
        }
    }

    /// Waits for the child to exit.
    /// - Returns: its exit status, or 128 + the signal number if killed by one.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        let deadline = Date(timeIntervalSinceNow: timeout.timeInterval)
        while true {
            if let status = reap(blocking: false) { return status }
            if Date() >= deadline {
                throw PseudoTerminalError(description:
                    "process \(pid) still running after \(timeout); output:\n\(output)")
            }
            usleep(10_000)
        }
    }

    /// Ends the child: SIGTERM, then SIGKILL if it is still there after a second.
    public func terminate() {
        guard reap(blocking: false) == nil else { return }
        kill(pid, SIGTERM)
        for _ in 0..<100 {
            if reap(blocking: false) != nil { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        _ = reap(blocking: true)
    }

    // MARK: - Private

    /// Collects the child's status once (later calls return the saved one).
    private func reap(blocking: Bool) -> Int32? {
        state.lock.lock()
        defer { state.lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        } while result < 0 && errno == EINTR
        guard result == pid else { return nil }
        // WIFEXITED/WEXITSTATUS are macros Swift cannot import.
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    private static func spawn(
        _ executable: String, arguments: [String], environment: [String: String],
        slavePath: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Runs after setsid(): opening a terminal without O_NOCTTY as a session
        // leader with no controlling terminal makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // Nothing else of the test process reaches the child (see `CleanSpawn`).
        CleanSpawn.closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner may ignore or block signals; the child starts clean.
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        let setsid: Int32 = 0x80 // POSIX_SPAWN_SETSID (glibc 2.26+)
        posix_spawnattr_setflags(
            &attributes, Int16(setsid | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw PseudoTerminalError(description:
                "posix_spawn \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    // _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int): function-like
    // macros Swift cannot import (values for x86_64 and arm64 Linux).
    private static let TIOCSPTLCK: UInt = 0x4004_5431
    private static let TIOCGPTN: UInt = 0x8004_5430

    private static func failure(_ call: String) -> PseudoTerminalError {
        PseudoTerminalError(description: "\(call): \(String(cString: strerror(errno)))")
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty else { return start..<start }
        guard haystack.count - start >= needle.count else { return nil }
        for i in start...(haystack.count - needle.count)
        where haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i..<(i + needle.count)
        }
        return nil
    }
}

/// The output of a ``PseudoTerminal``'s child, shared with its reader thread.
private final class OutputState: @unchecked Sendable {
    public let lock = NSCondition()
    public var buffer: [UInt8] = []   // all guarded by `lock`
    public var readerDone = false
    public var stopReading = false

    /// Copies everything from `master` into `buffer` until the child side is
    /// closed (EIO) or `stopReading` is set.
    public func readLoop(_ master: Int32) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            lock.lock()
            let stop = stopReading
            lock.unlock()
            if stop { break }
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR || errno == EAGAIN { continue }
            guard n > 0 else { break } // EIO: every slave descriptor is closed
            lock.lock()
            buffer.append(contentsOf: chunk[0..<n])
            lock.broadcast()
            lock.unlock()
        }
        lock.lock()
        readerDone = true
        lock.broadcast()
        lock.unlock()
    }
}
