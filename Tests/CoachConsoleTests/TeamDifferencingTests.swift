import CoachCore
import CoachScoring
@testable import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// Team numbers viewed again and again while the data changes under them: no sequence of views
/// may give away one person's value (the attacks a curious manager tried).
@Suite("Team trends cannot be differenced over time")
struct TeamDifferencingTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Wednesday 4 November 2026, 12:00 UTC (ISO week 2026-W45), plus `days`.
    static func day(_ days: Double) -> Date { Date(timeIntervalSince1970: 1_793_793_600 + days * 86_400) }

    /// Marco's team North with Ana and Rep1…Rep5 (six reps; minimum group 5).
    static func team() throws -> HistoryBuilder {
        let history = try HistoryBuilder.seeded()
        for index in 1...5 { try history.database.addPerson(name: "Rep\(index)", role: .rep, team: "North", manager: nil, by: "Dana") }
        return history
    }

    static let reps = ["Ana"] + (1...5).map { "Rep\($0)" }

    static func week45(_ history: HistoryBuilder, viewer: String = "Marco", at now: Date) throws -> GroupPoint? {
        let series = try history.database.teamTrends(viewer: viewer, team: "North", now: now, weeks: 8, viewerMinGroup: 0,
                                                     calendar: utc, score: "wellbeing")
        return series.first?.points.first { $0.week.description == "2026-W45" }
    }

    @Test("the newest respondent: a week is not shown while it fills, then once, with everyone")
    func newestRespondent() throws {
        let history = try Self.team()
        for (index, rep) in Self.reps.prefix(5).enumerated() {
            try history.session("who-5", kind: "check-in", subject: rep, at: Self.day(Double(index) * 0.01), scores: ["wellbeing": 64])
        }
        #expect(try Self.week45(history, at: Self.day(1)) == nil, "the week has not ended: five of six have answered")
        #expect(try Self.week45(history, at: Self.day(5)) == nil, "ended less than a day ago (a later time zone may still write)")
        try history.session("who-5", kind: "check-in", subject: "Rep5", at: Self.day(2), scores: ["wellbeing": 12])
        let shown = try #require(try Self.week45(history, at: Self.day(7)))
        #expect(shown.n == 6)
        #expect(abs(shown.mean - (5 * 64 + 12) / 6) < 1e-9)
    }

    @Test("an amendment or a late check-in after the week was shown does not move it")
    func frozenAfterShown() throws {
        let history = try Self.team()
        var ids: [Int64] = []
        for (index, rep) in Self.reps.enumerated() {
            ids.append(try history.session("who-5", kind: "check-in", subject: rep, at: Self.day(Double(index) * 0.01),
                                           scores: ["wellbeing": 60]))
        }
        let first = try #require(try Self.week45(history, at: Self.day(7)))
        // Ana's check-in amended with a value dated in the shown week (a writer in another time zone).
        try history.session("who-5", kind: "check-in", subject: "Ana", at: Self.day(0.5), scores: ["wellbeing": 0], supersedes: ids[0])
        let again = try #require(try Self.week45(history, at: Self.day(14)))
        #expect(again == first)
    }

    @Test("sharing shows a rep's wellbeing from the moment it is turned on, not the weeks before")
    func sharingRevealsNoPast() throws {
        let history = try Self.team()
        for (index, rep) in Self.reps.enumerated() {
            try history.session("who-5", kind: "check-in", subject: rep, at: Self.day(Double(index) * 0.01), scores: ["wellbeing": 50 + Double(index)])
        }
        let before = try #require(try Self.week45(history, at: Self.day(7)))
        try history.database.setShareWellbeing(true, for: "Ana", at: Self.day(7))
        try history.database.setShareWellbeing(true, for: "Rep1", at: Self.day(7))
        // Marco sees neither rep's week-45 value, so the team row cannot be reduced to four people.
        let own = try history.database.scorePoints(viewer: "Marco", subject: "Ana")
        #expect(own.isEmpty, "\(own)")
        #expect(try Self.week45(history, at: Self.day(8)) == before)
        // From now on Ana's check-ins are his to see.
        try history.session("who-5", kind: "check-in", subject: "Ana", at: Self.day(8), scores: ["wellbeing": 70])
        #expect(try history.database.scorePoints(viewer: "Marco", subject: "Ana").count == 1)
    }

    @Test("a week where the reps a manager sees one by one leave fewer than the minimum is not shown")
    func sharedRepsLeaveTooFew() throws {
        let history = try Self.team()
        try history.database.setShareWellbeing(true, for: "Ana", at: Self.day(-1))
        try history.database.setShareWellbeing(true, for: "Rep1", at: Self.day(-1))
        for (index, rep) in Self.reps.enumerated() {
            try history.session("who-5", kind: "check-in", subject: rep, at: Self.day(Double(index) * 0.01), scores: ["wellbeing": 60])
        }
        #expect(try Self.week45(history, at: Self.day(7)) == nil, "two known, four unknown: below the minimum of 5")
        #expect(try Self.week45(history, viewer: "Dana", at: Self.day(7))?.n == 6, "HR sees no one's wellbeing one by one")
    }
}
