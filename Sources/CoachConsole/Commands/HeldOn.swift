import ArgumentParser
import CoachCore
import CoachSessions
import Foundation

/// `--on DATE` of the guided sessions: records a session held on an earlier day (a one-on-one
/// held on paper last Tuesday). The session service applies the day's rules (`Backfill`).
enum HeldOn {
    static let help = ArgumentHelp(
        "Record a session held earlier, on DATE: YYYY-MM-DD, yesterday, a weekday (the last one), or --on=-3d, --on=-2w.",
        valueName: "DATE")

    /// The day `text` names (its start), or nil without `--on` or for today (a live session);
    /// bad usage for what is not a date or is in the future.
    static func day(_ text: String?, context: CommandContext) throws -> Date? {
        guard let text else { return nil }
        let today = context.clock.now()
        switch DateAnswer.parsePast(text, today: today) {
        case let .failure(problem):
            throw CoachError.invalidValue(option: "--on", reason: problem.reason)
        case let .success(iso):
            guard let day = DateAnswer.isoDate(iso) else { throw CoachError.invalidValue(option: "--on", reason: "'\(text)' is not a date") }
            if Calendar.current.isDate(day, inSameDayAs: today) { return nil }
            guard day <= today else { throw CoachError.invalidValue(option: "--on", reason: BackfillError.inFuture(day: iso).description) }
            return day
        }
    }

    /// The time a session held on `day` is placed at (noon), for what is shown before it starts.
    static func time(of day: Date?, context: CommandContext) -> Date {
        guard let day else { return context.clock.now() }
        return Calendar.current.date(bySettingHour: Backfill.hour, minute: 0, second: 0, of: day) ?? day
    }
}
