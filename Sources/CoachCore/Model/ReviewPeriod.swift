import Foundation

/// The period a performance review covers: a quarter (`2026-Q4`), a half year (`2026-H2`) or a
/// calendar year (`2026`), in the viewer's time zone.
public struct ReviewPeriod: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    /// The first and last month covered (1–12).
    public let firstMonth: Int
    public let lastMonth: Int
    public let description: String

    /// The forms `init?(_:)` accepts, for error messages.
    public static let accepted = "YYYY-Q1 to YYYY-Q4 (a quarter), YYYY-H1 or YYYY-H2 (a half year), YYYY (a year), e.g. 2026-Q4"

    /// Parses `2026-Q4`, `2026-H2` or `2026` (the letter in either case); nil for anything else.
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let year = Int(yearText), year >= 1 else { return nil }
        switch parts.count {
        case 1:
            self.init(year: year, first: 1, last: 12, description: yearText)
        case 2 where parts[1].count == 2:
            let unit = parts[1].prefix(1), number = Int(parts[1].dropFirst()) ?? 0
            if unit == "Q", (1...4).contains(number) {
                self.init(year: year, first: number * 3 - 2, last: number * 3, description: "\(yearText)-Q\(number)")
            } else if unit == "H", (1...2).contains(number) {
                self.init(year: year, first: number * 6 - 5, last: number * 6, description: "\(yearText)-H\(number)")
            } else {
                return nil
            }
        default:
            return nil
        }
    }

    private init(year: Int, first: Int, last: Int, description: String) {
        self.year = year
        firstMonth = first
        lastMonth = last
        self.description = description
    }

    /// The quarter `date` is reviewed for: the quarter it falls in, except in a quarter's first
    /// month, which still reviews the quarter before (a Q4 review held in January counts for Q4).
    public static func reviewedQuarter(at date: Date, calendar: Calendar = .current) -> ReviewPeriod {
        let month = Period(containing: date, calendar: calendar)
        var quarter = (month.month - 1) / 3 + 1, year = month.year
        if (month.month - 1) % 3 == 0 {
            quarter -= 1
            if quarter == 0 { quarter = 4; year -= 1 }
        }
        return ReviewPeriod("\(year.zeroPadded(4))-Q\(quarter)") ?? ReviewPeriod(year: year, first: 1, last: 3, description: "")
    }

    /// The quarter `date` falls in.
    public static func quarter(containing date: Date, calendar: Calendar = .current) -> ReviewPeriod {
        let month = Period(containing: date, calendar: calendar)
        let quarter = (month.month - 1) / 3 + 1
        return ReviewPeriod("\(month.year.zeroPadded(4))-Q\(quarter)")
            ?? ReviewPeriod(year: month.year, first: quarter * 3 - 2, last: quarter * 3, description: "")
    }

    /// The months covered, oldest first.
    public var months: [Period] { (firstMonth...lastMonth).compactMap { Period(year: year, month: $0) } }

    /// The first moment of the period in `calendar`'s time zone.
    public func start(calendar: Calendar = .current) -> Date {
        calendar.date(from: DateComponents(year: year, month: firstMonth, day: 1)) ?? .distantPast
    }

    /// The first moment after the period.
    public func end(calendar: Calendar = .current) -> Date {
        let next = lastMonth == 12 ? DateComponents(year: year + 1, month: 1, day: 1)
                                   : DateComponents(year: year, month: lastMonth + 1, day: 1)
        return calendar.date(from: next) ?? .distantFuture
    }

    /// Whether a review tied to `key` (a session's period key) reviews part of this period: the
    /// same period, or a quarter or half year inside it.
    public func covers(_ key: String) -> Bool {
        guard let other = ReviewPeriod(key) else { return false }
        return other.year == year && other.firstMonth >= firstMonth && other.lastMonth <= lastMonth
    }
}
