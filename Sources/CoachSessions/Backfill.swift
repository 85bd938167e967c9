import CoachCore
import CoachStore
import Foundation

/// A session held earlier and recorded now (`--on DATE`): its day's rules.
///
/// A back-filled session's time is noon of its day in the recorder's time zone, so trends,
/// history, cadence and `due` see it on that day; the store keeps when it was recorded
/// (`Session.backfilledAt`). Today is no back-fill: `--on` today records a live session.
public enum Backfill {
    /// The hour of the day a back-filled session is placed at.
    public static let hour = 12

    /// The time a session about `subject` held on `day` is recorded at, or nil when `day` is
    /// today (a live session). Refuses a day in the future, and one before the subject was added.
    public static func time(of day: Date, now: Date, subject: Person, calendar: Calendar = .current) throws -> Date? {
        let held = calendar.startOfDay(for: day), today = calendar.startOfDay(for: now)
        if held == today { return nil }
        guard held < today else { throw BackfillError.inFuture(day: DateAnswer.iso(held, calendar: calendar)) }
        guard held >= calendar.startOfDay(for: subject.createdAt) else {
            throw BackfillError.beforePerson(name: subject.name, day: DateAnswer.iso(held, calendar: calendar),
                                             added: DateAnswer.iso(subject.createdAt, calendar: calendar))
        }
        return calendar.date(bySettingHour: hour, minute: 0, second: 0, of: held) ?? held
    }

    /// Whether `session` is on the same footing as a start held at `heldAt` (nil: live): both
    /// live, or both back-filled to the same day.
    static func sameDay(_ session: Session, as heldAt: Date?, calendar: Calendar = .current) -> Bool {
        guard let heldAt else { return session.backfilledAt == nil }
        return session.backfilledAt != nil && calendar.isDate(session.startedAt, inSameDayAs: heldAt)
    }

    /// The day a session is on, as `YYYY-MM-DD`, when it is back-filled.
    public static func day(of session: Session, calendar: Calendar = .current) -> String? {
        session.backfilledAt.map { _ in DateAnswer.iso(session.startedAt, calendar: calendar) }
    }
}

/// Why a session cannot be back-filled to a day, each with what to do instead.
public enum BackfillError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case inFuture(day: String)
    case beforePerson(name: String, day: String, added: String)
    /// An open session of the same survey is on another day (or live): finish or abandon it first.
    case openElsewhen(sessionID: Int64, survey: String, on: String)

    public var description: String {
        switch self {
        case let .inFuture(day):
            return "\(day) is in the future; --on records a session held earlier (today or before)"
        case let .beforePerson(name, day, added):
            return "\(day) is before \(name) was added to coach (\(added)); a session can be back-filled to \(added) or later"
        case let .openElsewhen(id, survey, on):
            return "\(survey) (session #\(id), \(on)) is still open: finish it with 'resume \(id)' "
                + "or give it up with 'abandon \(id)', then start this one"
        }
    }

    public var errorDescription: String? { description }
}
