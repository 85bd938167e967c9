import Foundation

extension Cadence {
    /// The period a date falls in for this cadence, as a key two dates share when they are in
    /// the same period: `2026-W48` (ISO week), `2026-W47/48` (fortnight), `2026-11` (month),
    /// `once`. Weeks are ISO 8601 weeks in `calendar`'s time zone.
    public func periodKey(for date: Date, calendar: Calendar = .current) -> String {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = calendar.timeZone
        let week = iso.component(.weekOfYear, from: date)
        let year = iso.component(.yearForWeekOfYear, from: date)
        switch self {
        case .weekly:
            return year.zeroPadded(4) + "-W" + week.zeroPadded(2)
        case .fortnightly:
            let weeks = Self.isoWeekNumber(of: date, calendar: iso)
            return "fortnight-\(weeks / 2)"
        case .monthly:
            return Period(containing: date, calendar: calendar).description
        case .once:
            return "once"
        }
    }

    /// Whether a survey last completed at `last` is due again at `now`: never done, or last done
    /// in an earlier period than `now`'s.
    public func isDue(lastCompleted last: Date?, now: Date, calendar: Calendar = .current) -> Bool {
        guard let last else { return true }
        if self == .once { return false }
        return periodKey(for: last, calendar: calendar) != periodKey(for: now, calendar: calendar)
    }

    /// The nominal length of the period in days, for "overdue by" messages.
    public var days: Int? {
        switch self {
        case .weekly: return 7
        case .fortnightly: return 14
        case .monthly: return 30
        case .once: return nil
        }
    }

    /// Weeks since a fixed Monday (1970-01-05), counting ISO weeks, so fortnights are stable.
    private static func isoWeekNumber(of date: Date, calendar: Calendar) -> Int {
        let epoch = calendar.date(from: DateComponents(year: 1970, month: 1, day: 5)) ?? Date(timeIntervalSince1970: 0)
        let start = calendar.startOfDay(for: date)
        let days = calendar.dateComponents([.day], from: epoch, to: start).day ?? 0
        return days >= 0 ? days / 7 : (days - 6) / 7
    }
}
