import CoachScoring
import Foundation
import GRDB

/// Which weeks team numbers may show, and the frozen rows they show.
///
/// A week's team numbers are shown only once it has ended everywhere (a day after it ends,
/// for every time zone a colleague may write from), and then always the same: the first read
/// after that copies the week's rows from `team_week_score` into `team_week_frozen`, and team
/// trends read only the copy. A mean that changed as a week filled, or after an amendment,
/// a late check-in or a move between teams, could be subtracted from an earlier one to reveal
/// one person's value; a frozen week cannot.
enum TeamWeeks {
    /// How long after its end a week counts as ended everywhere: UTC+14 to UTC−12 is 26 hours.
    static let grace: TimeInterval = 26 * 3_600

    /// The newest week that has ended everywhere at `now`, in `calendar`'s time zone.
    static func lastEnded(now: Date, calendar: Calendar) -> ISOWeek? {
        let iso = ISOWeek.calendar(timeZone: calendar.timeZone)
        guard let start = iso.dateInterval(of: .weekOfYear, for: now.addingTimeInterval(-grace))?.start else { return nil }
        return ISOWeek.of(start.addingTimeInterval(-1), calendar: iso)
    }

    /// Copies the team rows of every week after the newest frozen one, up to `lastEnded`, into
    /// `team_week_frozen`. Weeks frozen once are never copied again.
    static func freeze(through lastEnded: ISOWeek, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO team_week_frozen (week, survey_id, score_id, team_id, kind, respondents, total)
            SELECT week, survey_id, score_id, team_id, kind, respondents, total FROM team_week_score
            WHERE week > (SELECT IFNULL(MAX(week), '') FROM team_week_frozen) AND week <= ?
            """, arguments: [lastEnded.description])
    }

    /// The newest frozen week's key, or nil when nothing is frozen yet.
    static func newestFrozen(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT MAX(week) FROM team_week_frozen")
    }
}
