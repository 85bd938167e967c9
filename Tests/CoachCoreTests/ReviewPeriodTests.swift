import CoachCore
import Foundation
import Testing

/// The periods a review covers (`review --period`), and the quarter a review session is held for.
@Suite("Review periods")
struct ReviewPeriodTests {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }

    @Test("quarters, halves and years parse to their months; anything else is refused",
          arguments: [("2026-Q1", 1, 3, "2026-Q1"), ("2026-q4", 10, 12, "2026-Q4"), ("2026-H1", 1, 6, "2026-H1"),
                      ("2026-h2", 7, 12, "2026-H2"), ("2026", 1, 12, "2026")])
    func parses(text: String, first: Int, last: Int, name: String) throws {
        let period = try #require(ReviewPeriod(text))
        #expect(period.firstMonth == first && period.lastMonth == last && period.description == name)
        #expect(period.months.map(\.month) == Array(first...last))
        #expect(period.start(calendar: Self.utc) == Self.utc.date(from: DateComponents(year: 2026, month: first, day: 1)))
        let next = last == 12 ? DateComponents(year: 2027, month: 1, day: 1) : DateComponents(year: 2026, month: last + 1, day: 1)
        #expect(period.end(calendar: Self.utc) == Self.utc.date(from: next))
    }

    @Test("bad forms", arguments: ["", "2026-Q0", "2026-Q5", "2026-H3", "2026-12", "26", "2026-Q1-x", "Q4", "0000", "2026-QQ", "２０２６"])
    func refuses(text: String) {
        #expect(ReviewPeriod(text) == nil)
    }

    @Test("a review belongs to its quarter, or to the one before in a quarter's first month",
          arguments: [(2026, 12, "2026-Q4"), (2027, 1, "2026-Q4"), (2027, 2, "2027-Q1"), (2027, 3, "2027-Q1"),
                      (2027, 4, "2027-Q1"), (2027, 5, "2027-Q2"), (2027, 7, "2027-Q2"), (2027, 10, "2027-Q3")])
    func reviewedQuarter(year: Int, month: Int, expected: String) throws {
        let day = try #require(Self.utc.date(from: DateComponents(year: year, month: month, day: 15)))
        #expect(ReviewPeriod.reviewedQuarter(at: day, calendar: Self.utc).description == expected)
    }

    @Test("a period holds its own reviews and those of the quarters and halves inside it")
    func covers() throws {
        let year = try #require(ReviewPeriod("2026")), half = try #require(ReviewPeriod("2026-H2"))
        #expect(year.covers("2026-Q4") && year.covers("2026-H1") && year.covers("2026"))
        #expect(half.covers("2026-Q3") && half.covers("2026-H2") && !half.covers("2026-Q2") && !half.covers("2026"))
        #expect(!year.covers("2025-Q4") && !year.covers("2026-W48") && !year.covers("once"))
    }
}
