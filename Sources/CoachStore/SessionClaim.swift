import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which coach process holds a session open, so that two processes never write answers to the
/// same session (two `resume`s at once would each store answers the other's scores ignore).
///
/// A claim is `host|pid|start|token`: the machine, the process id, the process's start time
/// (so a recycled pid is not mistaken for the claimant) and a token per opened store (so two
/// stores opened by one process are two claimants). A claim whose process has ended is stale
/// and may be taken over: that is how a session left by a crash or a kill is resumed.
struct SessionClaim: Sendable, Equatable {
    let host: String
    let pid: Int32
    let start: String
    let token: String

    /// A new claimant for this process.
    static func current() -> SessionClaim {
        let pid = getpid()
        return SessionClaim(host: hostName(), pid: pid, start: startTime(of: pid) ?? "", token: UUID().uuidString)
    }

    /// The stored form.
    var text: String { "\(host)|\(pid)|\(start)|\(token)" }

    init(host: String, pid: Int32, start: String, token: String) {
        self.host = host
        self.pid = pid
        self.start = start
        self.token = token
    }

    /// Reads a stored claim; nil when it is not one.
    init?(text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let pid = Int32(parts[1]) else { return nil }
        self.init(host: parts[0], pid: pid, start: parts[2], token: parts[3])
    }

    /// Whether the claiming process may still be running. On another machine coach cannot
    /// tell, so the claim is taken to hold (a store is never shared between machines).
    var isAlive: Bool {
        guard host == Self.hostName() else { return true }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        return start.isEmpty || Self.startTime(of: pid) == start
    }

    /// "process 4242 on this machine", as messages name a claimant.
    var description: String {
        host == Self.hostName() ? "process \(pid) on this machine" : "process \(pid) on \(host)"
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Field 22 of `/proc/PID/stat` (clock ticks since boot), where Linux provides it.
    private static func startTime(of pid: Int32) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? String(fields[19]) : nil
    }
}
