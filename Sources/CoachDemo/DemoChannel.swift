import CoachStore
import Foundation

/// One rep's generated rows, with the item ids the import must produce.
final class DemoBatch: @unchecked Sendable {
    /// Prepared on the generator thread, so the writer only binds and steps.
    var goals: [PreparedGoals] = []
    var sessions: [PreparedSession] = []
    var actionIDs: [[Int64]] = []
    var agendaIDs: [[Int64]] = []
    /// The sessions with their weekly rows (`seal`), as the writer imports them.
    private(set) var history = PreparedHistory([], calendar: .current)

    /// Works out the weekly rows of the sessions generated, in the store's calendar.
    func seal(calendar: Calendar) {
        history = PreparedHistory(sessions, calendar: calendar)
        sessions = []
    }
}

/// Hands batches from the generator thread to the writer, at most eight ahead (a rep's batch is
/// small, and the first one is ready soon: the writer starts sooner than with a team's).
final class DemoChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [DemoBatch] = []
    private var finished = false
    private var cancelled = false
    private var error: (any Error)?

    /// Waits for room; false once the writer cancelled.
    func put(_ batch: DemoBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= 8, !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch; nil when the generator finished; throws what the generator threw.
    func take() throws -> DemoBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !finished { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let error { throw error }
        return nil
    }

    func fail(_ error: any Error) {
        condition.lock()
        self.error = error
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
