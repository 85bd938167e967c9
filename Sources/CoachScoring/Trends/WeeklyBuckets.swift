import Foundation

/// An ISO 8601 week: weeks start on Monday, and week 1 is the week with the year's first Thursday.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The week-numbering year (2026-12-31 is in 2026-W53; 2027-01-01 too).
    public var year: Int
    /// 1…53.
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// `2026-W53`.
    public var description: String { "\(year)-W" + week.zeroPadded(2) }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    /// A calendar with ISO 8601 week rules in `timeZone`.
    public static func calendar(timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// The ISO week holding `date` in `calendar`'s time zone (only the time zone is used);
    /// nil for a date the calendar cannot place.
    public static func of(_ date: Date, calendar: Calendar) -> ISOWeek? {
        guard date.timeIntervalSinceReferenceDate.isFinite else { return nil }
        let iso = ISOWeek.calendar(timeZone: calendar.timeZone)
        let c = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        guard let year = c.yearForWeekOfYear, let week = c.weekOfYear else { return nil }
        return ISOWeek(year: year, week: week)
    }
}

/// One value of one respondent, as read from the store.
public struct RespondentValue: Sendable, Equatable {
    public var respondent: String
    public var date: Date
    public var value: Double

    public init(respondent: String, date: Date, value: Double) {
        self.respondent = respondent
        self.date = date
        self.value = value
    }
}

/// One week of the `--weeks N` window with each respondent's latest value in it.
public struct WeekBucket: Sendable, Equatable {
    public var week: ISOWeek
    /// Monday 00:00 of the week in the time zone used (the `date` of a team point).
    public var start: Date
    /// Each respondent's latest point in the week; a respondent without one is absent.
    public var latest: [String: TrendPoint]

    public init(week: ISOWeek, start: Date, latest: [String: TrendPoint] = [:]) {
        self.week = week
        self.start = start
        self.latest = latest
    }
}

/// Grouping dated values into the last N ISO weeks.
public enum WeeklyBuckets {
    /// The most weeks a window holds (about 190 years); larger requests are cut to it.
    public static let maximumWeeks = 10_000

    /// The last `weeks` ISO weeks up to and including the week of `now`, oldest first, each with
    /// no values. Empty when `weeks` ≤ 0 or `now` cannot be placed. Only `calendar`'s time zone
    /// is used: weeks always follow ISO 8601 (see `ISOWeek`).
    public static func window(now: Date, weeks: Int, calendar: Calendar) -> [WeekBucket] {
        let count = Swift.min(weeks, maximumWeeks)
        guard count > 0, now.timeIntervalSinceReferenceDate.isFinite else { return [] }
        let iso = ISOWeek.calendar(timeZone: calendar.timeZone)
        guard let current = iso.dateInterval(of: .weekOfYear, for: now)?.start else { return [] }
        var buckets: [WeekBucket] = []
        buckets.reserveCapacity(count)
        for back in stride(from: count - 1, through: 0, by: -1) {
            // Midday of the Monday, moved by whole weeks, then back to the week's start:
            // robust to daylight-saving shifts.
            guard let noon = iso.date(byAdding: .hour, value: 12, to: current),
                  let day = iso.date(byAdding: .weekOfYear, value: -back, to: noon),
                  let start = iso.dateInterval(of: .weekOfYear, for: day)?.start,
                  let week = ISOWeek.of(start, calendar: iso) else { continue }
            buckets.append(WeekBucket(week: week, start: start))
        }
        return buckets
    }

    /// Groups `values` into the window of `window(now:weeks:calendar:)`, keeping each
    /// respondent's latest value per week (the later given wins a tie of dates).
    /// Values outside the window, and values or dates that are not finite, are left out.
    public static func group(_ values: [RespondentValue], now: Date, weeks: Int, calendar: Calendar) -> [WeekBucket] {
        var buckets = window(now: now, weeks: weeks, calendar: calendar)
        let iso = ISOWeek.calendar(timeZone: calendar.timeZone)
        guard let last = buckets.last?.start,
              let noon = iso.date(byAdding: .hour, value: 12, to: last),
              let next = iso.date(byAdding: .weekOfYear, value: 1, to: noon),
              let end = iso.dateInterval(of: .weekOfYear, for: next)?.start else { return [] }
        let starts = buckets.map(\.start)
        for v in values where v.value.isFinite && v.date >= starts[0] && v.date < end {
            // The last week starting at or before the date (binary search; no calendar per value).
            var lo = 0, hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid] <= v.date { lo = mid } else { hi = mid - 1 }
            }
            if let held = buckets[lo].latest[v.respondent], held.date > v.date { continue }
            buckets[lo].latest[v.respondent] = TrendPoint(date: v.date, value: v.value)
        }
        return buckets
    }

    /// One person's series over the window: the latest value of each week, nil for a week
    /// without one, oldest first (for `Sparkline.render`; `compactMap` it for `TrendSummary`).
    public static func series(_ points: [TrendPoint], now: Date, weeks: Int, calendar: Calendar) -> [TrendPoint?] {
        let values = points.map { RespondentValue(respondent: "", date: $0.date, value: $0.value) }
        return group(values, now: now, weeks: weeks, calendar: calendar).map { $0.latest[""] }
    }
}

extension ISOWeek {
    /// The ISO week holding `date` in `calendar`'s time zone, with its start (Monday 00:00) and
    /// end (the next Monday 00:00); nil for a date the calendar cannot place.
    public static func span(of date: Date, calendar: Calendar) -> (week: ISOWeek, start: Date, end: Date)? {
        guard date.timeIntervalSinceReferenceDate.isFinite else { return nil }
        let iso = ISOWeek.calendar(timeZone: calendar.timeZone)
        guard let interval = iso.dateInterval(of: .weekOfYear, for: date),
              let week = ISOWeek.of(interval.start, calendar: iso) else { return nil }
        return (week, interval.start, interval.end)
    }
}
