import Foundation

/// Where "now" comes from. Commands, sessions and the shell read the time through the clock of
/// their context, so a test can fix it (cadence, due dates, week boundaries) and a real run
/// reads the system time.
public struct CoachClock: Sendable {
    private let read: @Sendable () -> Date

    /// A clock that reads `now` each time it is asked.
    public init(_ now: @escaping @Sendable () -> Date) { read = now }

    /// The current time.
    public func now() -> Date { read() }

    /// The system's time.
    public static let system = CoachClock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> CoachClock { CoachClock { date } }
}
