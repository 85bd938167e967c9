import CoachCore
import Foundation
import Testing

@Suite("Cadence: periods and what is due")
struct CadenceTests {
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar
    }

    func date(_ text: String, _ hour: Int = 12) -> Date {
        let day = DateAnswer.isoDate(text, calendar: calendar)!
        return calendar.date(byAdding: .hour, value: hour, to: day)!
    }

    @Test("ISO weeks across the new year: 2026-12-31 is in 2026-W53, 2027-01-04 starts 2027-W01")
    func isoWeeks() {
        #expect(Cadence.weekly.periodKey(for: date("2026-12-31"), calendar: calendar) == "2026-W53")
        #expect(Cadence.weekly.periodKey(for: date("2027-01-03"), calendar: calendar) == "2026-W53")
        #expect(Cadence.weekly.periodKey(for: date("2027-01-04"), calendar: calendar) == "2027-W01")
    }

    @Test("weekly: done this week is not due; Monday starts a new week in the user's time zone")
    func weekly() {
        let sunday = date("2026-11-29", 23)
        #expect(!Cadence.weekly.isDue(lastCompleted: date("2026-11-23", 9), now: sunday, calendar: calendar))
        #expect(Cadence.weekly.isDue(lastCompleted: sunday, now: date("2026-11-30", 0), calendar: calendar))
        #expect(Cadence.weekly.isDue(lastCompleted: nil, now: sunday, calendar: calendar))
    }

    @Test("monthly follows calendar months; once is due only until done")
    func monthlyAndOnce() {
        #expect(!Cadence.monthly.isDue(lastCompleted: date("2026-11-01", 0), now: date("2026-11-30", 23), calendar: calendar))
        #expect(Cadence.monthly.isDue(lastCompleted: date("2026-11-30", 23), now: date("2026-12-01", 0), calendar: calendar))
        #expect(Cadence.once.isDue(lastCompleted: nil, now: Date(), calendar: calendar))
        #expect(!Cadence.once.isDue(lastCompleted: date("2020-01-01"), now: Date(), calendar: calendar))
    }

    @Test("fortnightly: periods are two whole ISO weeks, Monday to Sunday")
    func fortnightly() {
        let start = date("2026-11-02")
        let keys = (0..<56).map { Cadence.fortnightly.periodKey(for: start + Double($0) * 86_400, calendar: calendar) }
        var runs: [Int] = []
        var previous: String?
        for key in keys {
            if key == previous { runs[runs.count - 1] += 1 } else { runs.append(1) }
            previous = key
        }
        #expect(runs.dropFirst().dropLast().allSatisfy { $0 == 14 }, "\(runs)")
        #expect(runs.first.map { $0 == 7 || $0 == 14 } == true, "a fortnight starts on a Monday")
    }
}
