import Foundation
import Testing
@testable import CoachCore

/// `DateAnswer.parsePast`, the day `--on DATE` names: the due-date parser's forms, counting back.
@Suite("A day already past")
struct PastDateTests {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Wednesday 2 December 2026, 10:00 UTC.
    static let wednesday = Date(timeIntervalSince1970: 1_796_205_600)

    func past(_ text: String) -> String? {
        try? DateAnswer.parsePast(text, today: Self.wednesday, calendar: Self.calendar).get()
    }

    @Test func countsBack() {
        #expect(DateAnswer.iso(Self.wednesday, calendar: Self.calendar) == "2026-12-02")
        #expect(past("today") == "2026-12-02")
        #expect(past("yesterday") == "2026-12-01")
        #expect(past("-3d") == "2026-11-29")
        #expect(past("-2w") == "2026-11-18")
        #expect(past("tuesday") == "2026-12-01", "the last one")
        #expect(past("Last Tue") == "2026-12-01")
        #expect(past("wednesday") == "2026-11-25", "a weekday is never today: the week before")
        #expect(past("thursday") == "2026-11-26")
        #expect(past("2026-11-24") == "2026-11-24")
        #expect(past("2027-01-05") == "2027-01-05", "a future day is the caller's to refuse, with its reason")
    }

    @Test func refusesWhatIsNotADay() {
        for text in ["+3d", "tomorrow", "2026-02-30", "someday", "-d", ""] {
            guard case let .failure(problem) = DateAnswer.parsePast(text, today: Self.wednesday, calendar: Self.calendar) else {
                Issue.record("\(text) was read as a day")
                continue
            }
            #expect(problem.reason.contains("is not a date; type YYYY-MM-DD, today, yesterday"), "\(problem.reason)")
        }
    }
}
