import Foundation

/// Reads the dates people type: `2026-12-04`, `today`, `tomorrow`, `+7d`, `+2w`, `friday`,
/// `next friday` (both the first Friday after today). Dates are calendar days, `YYYY-MM-DD`.
public enum DateAnswer {
    private static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// The ISO date `text` names, counted from `today` in `calendar`'s time zone.
    public static func parse(_ text: String, today: Date, calendar: Calendar = .current) -> Result<String, AnswerProblem> {
        let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let start = calendar.startOfDay(for: today)
        func shifted(days: Int) -> Result<String, AnswerProblem> {
            guard let date = calendar.date(byAdding: .day, value: days, to: start) else { return .failure(invalid(text)) }
            return .success(iso(date, calendar: calendar))
        }
        switch typed {
        case "today": return shifted(days: 0)
        case "tomorrow": return shifted(days: 1)
        default: break
        }
        if typed.hasPrefix("+"), let unit = typed.last, "dw".contains(unit),
           let count = Int(typed.dropFirst().dropLast()), (0...3650).contains(count) {
            return shifted(days: unit == "w" ? count * 7 : count)
        }
        let dayName = typed.hasPrefix("next ") ? String(typed.dropFirst(5)) : typed
        if let index = weekdays.firstIndex(where: { $0 == dayName || (dayName.count >= 3 && $0.hasPrefix(dayName)) }) {
            let todayIndex = calendar.component(.weekday, from: start) - 1
            var ahead = (index - todayIndex + 7) % 7
            if ahead == 0 { ahead = 7 }
            return shifted(days: ahead)
        }
        if let date = isoDate(typed, calendar: calendar) { return .success(iso(date, calendar: calendar)) }
        return .failure(invalid(text))
    }

    /// A due date: what `parse` reads, refused when it is before `today`.
    public static func parseDue(_ text: String, today: Date, calendar: Calendar = .current) -> Result<String, AnswerProblem> {
        parse(text, today: today, calendar: calendar).flatMap { day in
            let first = iso(calendar.startOfDay(for: today), calendar: calendar)
            return day < first
                ? .failure(AnswerProblem("\(day) is in the past; a due date is today (\(first)) or later, e.g. +7d or friday."))
                : .success(day)
        }
    }

    /// A day already past or today, for a session recorded afterwards (`--on`): what `parse`
    /// reads, except that `yesterday`, `-3d`, `-2w` and a weekday (`tuesday`, `last tuesday`:
    /// the last one before today) count back. A future day is returned as it is: the caller
    /// says why it refuses it.
    public static func parsePast(_ text: String, today: Date, calendar: Calendar = .current) -> Result<String, AnswerProblem> {
        var typed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let start = calendar.startOfDay(for: today)
        func shifted(days: Int) -> Result<String, AnswerProblem> {
            guard let date = calendar.date(byAdding: .day, value: -days, to: start) else { return .failure(invalidPast(text)) }
            return .success(iso(date, calendar: calendar))
        }
        if typed == "yesterday" { return shifted(days: 1) }
        if typed.hasPrefix("-"), let unit = typed.last, "dw".contains(unit),
           let count = Int(typed.dropFirst().dropLast()), (0...3650).contains(count) {
            return shifted(days: unit == "w" ? count * 7 : count)
        }
        if typed.hasPrefix("last ") { typed = String(typed.dropFirst(5)) }
        if let index = weekdays.firstIndex(where: { $0 == typed || (typed.count >= 3 && $0.hasPrefix(typed)) }) {
            let todayIndex = calendar.component(.weekday, from: start) - 1
            var back = (todayIndex - index + 7) % 7
            if back == 0 { back = 7 }
            return shifted(days: back)
        }
        if typed == "today" || isoDate(typed, calendar: calendar) != nil { return parse(typed, today: today, calendar: calendar) }
        return .failure(invalidPast(text))
    }

    private static func invalidPast(_ text: String) -> AnswerProblem {
        AnswerProblem("\(AnswerProblem.quoted(text)) is not a date; type YYYY-MM-DD, today, yesterday, -3d, -2w or a weekday such as tuesday (the last one).")
    }

    /// The day `YYYY-MM-DD` names, if it is a real day.
    public static func isoDate(_ text: String, calendar: Calendar = .current) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month else { return nil }
        return date
    }

    /// `YYYY-MM-DD` for a day in `calendar`'s time zone.
    public static func iso(_ date: Date, calendar: Calendar = .current) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? 1970).zeroPadded(4) + "-" + (parts.month ?? 1).zeroPadded(2) + "-" + (parts.day ?? 1).zeroPadded(2)
    }

    private static func invalid(_ text: String) -> AnswerProblem {
        AnswerProblem("\(AnswerProblem.quoted(text)) is not a date; type YYYY-MM-DD, today, tomorrow, +7d, +2w or a weekday such as friday.")
    }
}
