import Foundation
import GRDB

/// How long coach waits for another process's lock on the store, and what it says meanwhile.
///
/// Several coach processes share one store; a write waits while another holds the write lock
/// (a session saving an answer takes milliseconds, `demo` or `check --repair` can take longer).
/// After `noticeAfter` seconds of one wait, `notice` is told once; after `limit` seconds coach
/// gives up with `StoreError.locked`.
public struct LockWait: Sendable {
    /// Give up after this many seconds of one wait.
    public var limit: TimeInterval
    /// Say that coach is waiting once a wait has lasted this many seconds.
    public var noticeAfter: TimeInterval
    /// Receives ``noticeText(limit:)``; by default written to standard error, so standard output (JSON,
    /// CSV) stays clean.
    public var notice: @Sendable (String) -> Void

    /// What coach says while it waits.
    public static func noticeText(limit: TimeInterval) -> String {
        "waiting for the store (locked by another coach process), up to \(Int(limit.rounded())) s…"
    }

    /// Up to 30 s, saying so on standard error after 1 s.
    public static let standard = LockWait(limit: 30, noticeAfter: 1) { text in
        FileHandle.standardError.write(Data("coach: \(text)\n".utf8))
    }

    public init(limit: TimeInterval, noticeAfter: TimeInterval, notice: @escaping @Sendable (String) -> Void) {
        self.limit = limit
        self.noticeAfter = noticeAfter
        self.notice = notice
    }
}

/// SQLite's busy handler for one connection: sleeps between tries, tells once when a wait gets
/// long, and remembers how long it waited when it gave up (for the error message).
final class LockWaiter: @unchecked Sendable {
    private let wait: LockWait
    private let lock = NSLock()
    private var started = ContinuousClock.now
    private var noticed = false
    private var gaveUpAfter: Duration?

    /// SQLite's own pauses between tries, in milliseconds; then 100 ms each.
    private static let pauses: [Int] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50]

    init(_ wait: LockWait) { self.wait = wait }

    /// The connection setting that routes SQLite's busy callbacks here.
    var busyMode: Database.BusyMode {
        .callback { [self] tries in retry(tries: tries) }
    }

    /// Called by SQLite while the store is locked; `tries` is 0 at the start of each wait.
    /// Returns whether to try again.
    func retry(tries: Int) -> Bool {
        let now = ContinuousClock.now
        let waited: Duration
        let tell: Bool
        do {
            lock.lock()
            defer { lock.unlock() }
            if tries == 0 {
                started = now
                noticed = false
                gaveUpAfter = nil
            }
            waited = now - started
            if waited >= .seconds(wait.limit) {
                gaveUpAfter = waited
                return false
            }
            tell = !noticed && waited >= .seconds(wait.noticeAfter)
            if tell { noticed = true }
        }
        if tell { wait.notice(LockWait.noticeText(limit: wait.limit)) }
        let pause = tries < Self.pauses.count ? Self.pauses[tries] : 100
        let left = Duration.seconds(wait.limit) - waited
        Thread.sleep(forTimeInterval: seconds(min(Duration.milliseconds(pause), left)))
        return true
    }

    /// How long the last wait lasted if it ended in giving up, in whole seconds (at least 1);
    /// 0 if SQLite reported the store busy without waiting. Reading it forgets it.
    func takeGiveUpSeconds() -> Int {
        lock.lock()
        defer { lock.unlock() }
        defer { gaveUpAfter = nil }
        guard let gaveUpAfter else { return 0 }
        return max(1, Int(seconds(gaveUpAfter).rounded()))
    }
}

/// `duration` in seconds.
private func seconds(_ duration: Duration) -> TimeInterval {
    let (whole, attoseconds) = duration.components
    return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
}
