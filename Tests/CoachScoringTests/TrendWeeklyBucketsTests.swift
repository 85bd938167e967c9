import Foundation
import Testing
@testable import CoachScoring

private let utc = ISOWeek.calendar(timeZone: TimeZone(secondsFromGMT: 0)!)
private let berlinWinter = ISOWeek.calendar(timeZone: TimeZone(secondsFromGMT: 3600)!)

/// Midnight UTC of a day, from seconds since 1970 for 2026-12-31 plus whole days.
private func dec31(plusDays days: Double, hours: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_798_675_200 + days * 86_400 + hours * 3_600)
}

@Suite("ISO weeks and the --weeks window")
struct TrendWeeklyBucketsTests {
    @Test func isoWeeksAroundNewYear() {
        #expect(ISOWeek.of(dec31(plusDays: 0), calendar: utc) == ISOWeek(year: 2026, week: 53))
        #expect(ISOWeek.of(dec31(plusDays: 1), calendar: utc) == ISOWeek(year: 2026, week: 53))  // 2027-01-01
        #expect(ISOWeek.of(dec31(plusDays: 3, hours: 23.5), calendar: utc) == ISOWeek(year: 2026, week: 53)) // Sun 23:30
        #expect(ISOWeek.of(dec31(plusDays: 4), calendar: utc) == ISOWeek(year: 2027, week: 1))   // 2027-01-04
        #expect(ISOWeek(year: 2026, week: 53).description == "2026-W53")
        #expect(ISOWeek(year: 2027, week: 1).description == "2027-W01")
        #expect(ISOWeek.of(Date(timeIntervalSinceReferenceDate: .nan), calendar: utc) == nil)
    }

    @Test func theUsersTimeZoneDecidesTheWeek() {
        // Sunday 2027-01-03 23:30 UTC is Monday 00:30 at UTC+1.
        let date = dec31(plusDays: 3, hours: 23.5)
        #expect(ISOWeek.of(date, calendar: utc) == ISOWeek(year: 2026, week: 53))
        #expect(ISOWeek.of(date, calendar: berlinWinter) == ISOWeek(year: 2027, week: 1))
        // Only the time zone of the given calendar is used: a Sunday-first calendar still gets ISO weeks.
        var us = Calendar(identifier: .gregorian)
        us.timeZone = TimeZone(secondsFromGMT: 0)!
        #expect(ISOWeek.of(dec31(plusDays: 3), calendar: us) == ISOWeek(year: 2026, week: 53))
    }

    @Test func windowIsTheLastNWeeksOldestFirst() {
        let now = dec31(plusDays: 5, hours: 9)   // Tuesday 2027-01-05
        let window = WeeklyBuckets.window(now: now, weeks: 3, calendar: utc)
        #expect(window.map(\.week) == [ISOWeek(year: 2026, week: 52), ISOWeek(year: 2026, week: 53),
                                       ISOWeek(year: 2027, week: 1)])
        // Mondays 00:00 UTC: 2026-12-21, 2026-12-28, 2027-01-04.
        #expect(window.map(\.start) == [dec31(plusDays: -10), dec31(plusDays: -3), dec31(plusDays: 4)])
        #expect(WeeklyBuckets.window(now: now, weeks: 0, calendar: utc).isEmpty)
        #expect(WeeklyBuckets.window(now: now, weeks: -4, calendar: utc).isEmpty)
        #expect(WeeklyBuckets.window(now: Date(timeIntervalSinceReferenceDate: .infinity), weeks: 4, calendar: utc).isEmpty)
        #expect(WeeklyBuckets.window(now: now, weeks: Int.max, calendar: utc).count == WeeklyBuckets.maximumWeeks)
    }

    @Test func windowAcrossDaylightSaving() throws {
        let tz = try #require(TimeZone(identifier: "Europe/Berlin"))
        let berlin = ISOWeek.calendar(timeZone: tz)
        // 2026-11-05 12:00 UTC; the window reaches back over the end of summer time (2026-10-25).
        let now = Date(timeIntervalSince1970: 1_793_880_000)
        let window = WeeklyBuckets.window(now: now, weeks: 4, calendar: berlin)
        #expect(window.map(\.week.week) == [42, 43, 44, 45])
        for bucket in window {
            let c = berlin.dateComponents([.weekday, .hour, .minute], from: bucket.start)
            #expect(c.weekday == 2 && c.hour == 0 && c.minute == 0)
        }
    }

    @Test func groupKeepsEachRespondentsLatestValuePerWeek() {
        let now = dec31(plusDays: 5)   // in 2027-W01
        let values = [
            RespondentValue(respondent: "ann", date: dec31(plusDays: -3), value: 40),     // Mon W53
            RespondentValue(respondent: "ann", date: dec31(plusDays: 1), value: 44),      // Fri W53: later
            RespondentValue(respondent: "ann", date: dec31(plusDays: 0), value: 42),      // Thu W53: earlier
            RespondentValue(respondent: "bob", date: dec31(plusDays: 3, hours: 23.5), value: 70), // Sun W53
            RespondentValue(respondent: "bob", date: dec31(plusDays: 4), value: 72),      // Mon W01
            RespondentValue(respondent: "bob", date: dec31(plusDays: -30), value: 1),     // before the window
            RespondentValue(respondent: "bob", date: dec31(plusDays: 20), value: 2),      // after it
            RespondentValue(respondent: "cy", date: dec31(plusDays: 4), value: .nan),     // not a number
        ]
        let buckets = WeeklyBuckets.group(values, now: now, weeks: 3, calendar: utc)
        #expect(buckets.count == 3)
        #expect(buckets[0].latest.isEmpty)                                     // W52: no check-in
        #expect(buckets[1].latest.mapValues(\.value) == ["ann": 44, "bob": 70])
        #expect(buckets[2].latest.mapValues(\.value) == ["bob": 72])
        #expect(Set(buckets[1].latest.keys) == ["ann", "bob"])
        // The same values in UTC+1: bob's Sunday 23:30 UTC check-in is Monday there.
        let shifted = WeeklyBuckets.group(values, now: now, weeks: 3, calendar: berlinWinter)
        #expect(shifted[2].latest.mapValues(\.value) == ["bob": 72])           // Mon 01:00 beats Mon 00:30
        #expect(shifted[1].latest.mapValues(\.value) == ["ann": 44])
    }

    @Test func identicalTimesKeepTheLaterGiven() {
        let when = dec31(plusDays: 0)
        let values = [RespondentValue(respondent: "ann", date: when, value: 1),
                      RespondentValue(respondent: "ann", date: when, value: 2)]
        let buckets = WeeklyBuckets.group(values, now: when, weeks: 1, calendar: utc)
        #expect(buckets.first?.latest["ann"]?.value == 2)
    }

    @Test func onePersonsSeriesHasGapsForMissingWeeks() {
        let now = dec31(plusDays: 5)
        let points = [TrendPoint(date: dec31(plusDays: -10), value: 60),   // W52
                      TrendPoint(date: dec31(plusDays: 4), value: 80)]     // W01
        let series = WeeklyBuckets.series(points, now: now, weeks: 4, calendar: utc)
        #expect(series.map { $0?.value } == [nil, 60, nil, 80])
        #expect(Sparkline.render(values: series.map { $0?.value }, range: 0...100) == " ▅ ▇")
        #expect(WeeklyBuckets.series([], now: now, weeks: 2, calendar: utc).map { $0?.value } == [nil, nil])
    }

    @Test func farDatesDoNotTrap() {
        for t in [1e15, 1e300, -1e300] {
            let far = Date(timeIntervalSinceReferenceDate: t)
            _ = ISOWeek.of(far, calendar: utc)
            _ = WeeklyBuckets.window(now: far, weeks: 3, calendar: utc)
            let values = [RespondentValue(respondent: "a", date: far, value: 1)]
            #expect(WeeklyBuckets.group(values, now: dec31(plusDays: 0), weeks: 2, calendar: utc).allSatisfy { $0.latest.isEmpty })
        }
    }
}
