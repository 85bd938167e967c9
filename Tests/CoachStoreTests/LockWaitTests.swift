import Foundation
import GRDB
import Testing
@testable import CoachStore

/// Notices collected from a `LockWait`, from whichever thread SQLite's busy handler runs on.
final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    private let first = DispatchSemaphore(value: 0)

    func add(_ text: String) {
        lock.withLock { texts.append(text) }
        first.signal()
    }

    var all: [String] { lock.withLock { texts } }

    /// Waits for the first notice.
    func waitForFirst() { first.wait() }
}

/// A write that meets another connection's lock waits, says so once, and either goes through
/// when the lock is released or gives up with a message that says how long it waited.
@Suite("Waiting for the store's lock")
struct LockWaitTests {
    @Test("a write waits for a lock held elsewhere, says so once, and goes through once it is released")
    func waitsThenWrites() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let holder = try AppDatabase.open(path: path)
            let notices = Notices()
            let waiter = try AppDatabase.open(path: path, lockWait: LockWait(limit: 600, noticeAfter: 0) { notices.add($0) })
            let locked = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                try? holder.writer.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    locked.signal()
                    notices.waitForFirst()  // released only once the waiting write said it waits
                    try db.execute(sql: "COMMIT")
                }
                done.signal()
            }
            locked.wait()
            try waiter.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            done.wait()
            #expect(notices.all.count == 1 && notices.all.allSatisfy { $0.hasPrefix("waiting for the store (locked by another coach process), up to ") })
            #expect(try holder.peopleCount() == 1)
        }
    }

    @Test("a lock held past the limit: the write gives up with how long it waited and what to do")
    func givesUp() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let holder = try AppDatabase.open(path: path)
            let notices = Notices()
            let waiter = try AppDatabase.open(path: path, lockWait: LockWait(limit: 0.5, noticeAfter: 0) { notices.add($0) })
            var error: StoreError?
            try holder.writer.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                defer { try? db.execute(sql: "ROLLBACK") }
                error = storeError { try waiter.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil) }
            }
            guard case let .locked(reported, seconds) = error else {
                Issue.record("expected locked, got \(String(describing: error))")
                return
            }
            #expect(reported == path)
            #expect(seconds >= 1)
            #expect(error?.description.contains("another coach process kept locked, and gave up") == true)
            #expect(notices.all.count == 1 && notices.all.allSatisfy { $0.hasPrefix("waiting for the store (locked by another coach process), up to ") })
            #expect(try waiter.peopleCount() == 0)
        }
    }
}
