import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A headless Chromium process and the DevTools protocol pipe to it: Chromium reads commands on
/// its descriptor 3 and writes replies and events on its descriptor 4, each message one JSON
/// object followed by a NUL byte. Every wait has a deadline; nothing blocks without one.
final class DevToolsPipe {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let pid: pid_t
    /// Chromium's standard output and error (its own folder), quoted when it fails.
    let logFile: URL
    private var commands: Int32
    private var replies: Int32
    private var buffer: [UInt8] = []
    private var answers: [Int: [String: Any]] = [:]
    private var nextID = 0
    private var exited = false
    /// Called with each event (a message without an `id`) as it is read.
    var onEvent: ([String: Any]) -> Void = { _ in }

    /// Starts `executable` with `arguments` and `environment`, its descriptors 3 and 4 the two
    /// ends of the protocol pipe, 0 reading /dev/null and 1–2 writing `logFile`; nothing else of
    /// the test process is inherited (tests run in parallel; see `CleanSpawn`).
    init(executable: String, arguments: [String], environment: [String: String], logFile: URL) throws {
        self.logFile = logFile
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard Self.closeOnExecPipe(&toChild) else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        guard Self.closeOnExecPipe(&fromChild) else {
            close(toChild[0]); close(toChild[1])
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // The child's ends moved to 10 or above, so mapping them onto 3 and 4 overwrites neither.
        let childIn = fcntl(toChild[0], F_DUPFD_CLOEXEC, 10), childOut = fcntl(fromChild[1], F_DUPFD_CLOEXEC, 10)
        close(toChild[0]); close(fromChild[1])
        defer { close(childIn); close(childOut) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_adddup2(&actions, childIn, 3)
        posix_spawn_file_actions_adddup2(&actions, childOut, 4)
        Self.closeDescriptors(from: 5, &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner ignores SIGPIPE and may block signals; the child starts clean.
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw Failure(description: "could not start \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        commands = toChild[1]
        replies = fromChild[0]
    }

    deinit { stop(within: 0) }

    /// Sends `method` (to the page's session when `session` is given) and returns its result,
    /// reading events meanwhile; fails on a protocol error, Chromium's exit or the deadline.
    func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil,
              timeout: TimeInterval = 30) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        try write(bytes, method: method)
        let deadline = Date().addingTimeInterval(timeout)
        while answers[id] == nil {
            guard try read(until: deadline) else {
                throw Failure(description: "Chromium did not answer \(method) within \(Int(timeout)) s")
            }
        }
        let answer = answers.removeValue(forKey: id)!
        if let error = answer["error"] as? [String: Any] {
            throw Failure(description: "\(method) failed: \(error["message"] ?? error)")
        }
        return answer["result"] as? [String: Any] ?? [:]
    }

    /// Reads messages until `done()` holds; false when the deadline passed first.
    func wait(until deadline: Date, for done: () -> Bool) throws -> Bool {
        while !done() {
            guard try read(until: deadline) else { return false }
        }
        return true
    }

    /// Reads the messages already waiting, without waiting for more.
    func drain() {
        while (try? read(until: Date.distantPast)) == true {}
    }

    /// Asks Chromium to quit (`Browser.close`), waits up to `seconds` for it to exit, then kills
    /// it; closes the pipe. Safe to call more than once.
    func stop(within seconds: TimeInterval) {
        let deadline = Date().addingTimeInterval(seconds)
        if !exited, commands >= 0, seconds > 0 {
            _ = try? call("Browser.close", timeout: seconds)
        }
        while !exited {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result < 0 && errno != EINTR) { exited = true; break }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                exited = true
                break
            }
            usleep(20_000)
        }
        if commands >= 0 { close(commands); commands = -1 }
        if replies >= 0 { close(replies); replies = -1 }
    }

    /// The end of Chromium's own output, for a failure message.
    var logTail: String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(8).joined(separator: "\n")
    }

    private func write(_ bytes: [UInt8], method: String) throws {
        guard commands >= 0 else { throw Failure(description: "\(method): the browser is closed") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(commands, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "\(method): Chromium is gone (\(String(cString: strerror(errno))))\n\(logTail)")
            }
            offset += written
        }
    }

    /// Waits for input until `deadline`, reads what came and dispatches every whole message.
    /// False when nothing came in time.
    private func read(until deadline: Date) throws -> Bool {
        guard replies >= 0 else { throw Failure(description: "the browser is closed") }
        var poller = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(min(max(deadline.timeIntervalSinceNow * 1000, 0), 60_000).rounded(.up))
        let ready = poll(&poller, 1, milliseconds)
        if ready < 0 && errno == EINTR { return true }
        guard ready > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(replies, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { return true }
        guard count > 0 else {
            throw Failure(description: "Chromium exited before answering:\n\(logTail)")
        }
        buffer.append(contentsOf: chunk[0..<count])
        while let end = buffer.firstIndex(of: 0) {
            let message = Data(buffer[..<end])
            buffer.removeSubrange(...end)
            guard let object = try JSONSerialization.jsonObject(with: message) as? [String: Any] else { continue }
            if let id = object["id"] as? Int { answers[id] = object } else { onEvent(object) }
        }
        return true
    }

    /// A pipe whose ends other children do not inherit (glibc's `pipe2` with O_CLOEXEC, looked
    /// up at run time as Swift's Glibc module does not declare it; else `pipe` then `fcntl`).
    private static func closeOnExecPipe(_ ends: inout [Int32]) -> Bool {
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") {
            return unsafeBitCast(symbol, to: Pipe2.self)(&ends, O_CLOEXEC) == 0
        }
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Adds "close every descriptor from `first` up" to `actions` (glibc's
    /// `posix_spawn_file_actions_addclosefrom_np`, looked up at run time as Swift's Glibc module
    /// does not declare it); else closes each descriptor open now, as /proc lists them.
    private static func closeDescriptors(from first: Int32, _ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, first) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor >= first {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }
}
