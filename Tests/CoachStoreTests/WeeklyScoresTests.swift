import CoachCore
import CoachScoring
import Foundation
import GRDB
import CoachTestSupport
import Testing
@testable import CoachStore

/// The weekly aggregates the store keeps for team trends must always equal what the sessions
/// say, however sessions arrive: one by one, amended, several a week, or in a bulk import.
@Suite("Weekly score aggregates")
struct WeeklyScoresTests {
    static let utc = ISOWeek.calendar(timeZone: TimeZone(identifier: "UTC")!)
    /// Monday 2026-11-02 09:00 UTC, in 2026-W45.
    static let monday = Date(timeIntervalSince1970: 1_793_610_000)

    /// A store in UTC weeks with `reps` reps split over teams East and West (and one in no team).
    func organisation(reps: Int) throws -> (AppDatabase, [Int64]) {
        var store = try AppDatabase.inMemory()
        store.calendar = Self.utc
        try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
        try store.addPerson(name: "Mia", role: .manager, team: "East", manager: nil, by: "Hana")
        try store.addPerson(name: "Max", role: .manager, team: "West", manager: nil, by: "Hana")
        var ids: [Int64] = []
        for index in 0..<reps {
            let team: String? = index == reps - 1 ? nil : index % 2 == 0 ? "East" : "West"
            ids.append(try store.addPerson(name: "Rep \(index)", role: .rep, team: team, manager: nil, by: "Hana").id!)
        }
        try store.recordSurveyVersion(surveyID: "who-5", hash: "h", content: "")
        return (store, ids)
    }

    @discardableResult
    func checkIn(_ store: AppDatabase, _ subject: Int64, _ value: Double?, at date: Date, supersedes: Int64? = nil,
                 kind: String = "check-in") throws -> Int64 {
        let id = try store.startSession(surveyID: "who-5", surveyHash: "h", kind: kind, subjectID: subject,
                                        authorID: subject, supersedes: supersedes, at: date)
        try store.completeSession(id: id, scores: [ScoreRow(scoreID: "wellbeing", value: value)], at: date)
        return id
    }

    /// Both tables, as sorted text, for comparing.
    func tables(_ store: AppDatabase) throws -> [String] {
        try store.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT subject_id || ' ' || week || ' ' || survey_id || ' ' || score_id || ' ' || team_id || ' ' || kind || ' ' || session_id || ' ' || value
                FROM week_score ORDER BY 1
                """) + String.fetchAll(db, sql: """
                SELECT week || ' ' || survey_id || ' ' || score_id || ' ' || team_id || ' ' || kind || ' ' || respondents || ' ' || total
                FROM team_week_score ORDER BY 1
                """)
        }
    }

    @Test("a respondent's latest value in a week counts once; an amendment replaces the value it supersedes")
    func latestAndAmended() throws {
        let (store, reps) = try organisation(reps: 3)
        let day: TimeInterval = 86_400
        try checkIn(store, reps[0], 40, at: Self.monday)
        try checkIn(store, reps[0], 60, at: Self.monday.addingTimeInterval(2 * day))  // same week: 60 wins
        let amended = try checkIn(store, reps[1], 80, at: Self.monday.addingTimeInterval(day))
        // Amended the next week: W45 loses rep 1's 80, W46 gains its 20.
        try checkIn(store, reps[1], 20, at: Self.monday.addingTimeInterval(8 * day), supersedes: amended)
        try checkIn(store, reps[2], nil, at: Self.monday)  // no score: not counted
        let rows = try tables(store)
        #expect(rows.contains { $0.hasPrefix("\(reps[0]) 2026-W45 who-5 wellbeing") && $0.hasSuffix(" 60.0") })
        #expect(!rows.contains { $0.hasPrefix("\(reps[1]) 2026-W45") })
        #expect(rows.contains { $0.hasPrefix("\(reps[1]) 2026-W46 who-5 wellbeing") && $0.hasSuffix(" 20.0") })
        #expect(!rows.contains { $0.hasPrefix("\(reps[2]) ") })
        #expect(rows.contains { $0.hasPrefix("2026-W45 who-5 wellbeing") && $0.hasSuffix(" check-in 1 60.0") })
    }

    @Test("after any sequence of check-ins, what the store kept equals a rebuild from the sessions")
    func incrementalEqualsRebuild() throws {
        var random = SeededRandom(seed: 7)
        let (store, reps) = try organisation(reps: 9)
        var completed: [Int64: Int64] = [:]  // rep → their last session
        for step in 0..<300 {
            let rep = reps[Int(random.next() % UInt64(reps.count))]
            let date = Self.monday.addingTimeInterval(Double(step) * 3_600 * 7 + Double(random.next() % 3_600))
            let value: Double? = random.next() % 10 == 0 ? nil : Double(random.next() % 26) * 4
            let supersedes = random.next() % 4 == 0 ? completed[rep] : nil
            completed[rep] = try checkIn(store, rep, value, at: date, supersedes: supersedes)
        }
        let kept = try tables(store)
        try store.writer.write { db in try WeeklyScores.rebuild(db, calendar: Self.utc) }
        #expect(try tables(store) == kept)
        #expect(kept.count > 50)
    }

    @Test("a bulk import leaves the same aggregates as completing the sessions one by one")
    func bulkImportEqualsOneByOne() throws {
        let (one, reps) = try organisation(reps: 5)
        let (bulk, _) = try organisation(reps: 5)
        // Two reps have check-ins before the import (one in a week the import also fills).
        for store in [one, bulk] {
            try checkIn(store, reps[0], 12, at: Self.monday.addingTimeInterval(-86_400 * 7))
            try checkIn(store, reps[1], 16, at: Self.monday.addingTimeInterval(3_600 * 30))
        }
        var inputs: [CompletedSessionInput] = []
        for (index, rep) in reps.enumerated() {
            for week in 0..<4 {
                let date = Self.monday.addingTimeInterval(Double(week * 7 + index) * 86_400)
                try checkIn(one, rep, Double(40 + 4 * index + week), at: date)
                inputs.append(CompletedSessionInput(surveyID: "who-5", surveyHash: "h", kind: "check-in", subjectID: rep,
                                                    authorID: rep, startedAt: date, completedAt: date, answers: [],
                                                    scores: [ScoreRow(scoreID: "wellbeing", value: Double(40 + 4 * index + week))]))
            }
        }
        try bulk.importSessions(inputs)
        // Session ids match too: both stores numbered the sessions in the same order.
        #expect(try tables(bulk) == tables(one))
    }
}

extension WeeklyScoresTests {
    @Test("imported histories leave the same aggregates as completing the sessions one by one")
    func historiesEqualOneByOne() throws {
        var random = SeededRandom(seed: 11)
        let (one, reps) = try organisation(reps: 7)
        let (bulk, _) = try organisation(reps: 7)
        // Reps 0 and 1 have check-ins before the import (rebuilt from all their sessions).
        for store in [one, bulk] {
            try checkIn(store, reps[0], 12, at: Self.monday.addingTimeInterval(-86_400 * 7))
            try checkIn(store, reps[1], 16, at: Self.monday.addingTimeInterval(3_600 * 30))
        }
        func session(_ rep: Int64, _ step: Int) -> CompletedSessionInput {
            // Several a week, some at the same moment (the later one wins), some without a
            // value, some one-on-ones (never counted).
            let date = Self.monday.addingTimeInterval(Double(step / 2) * 3_600 * 60)
            let value: Double? = random.next() % 8 == 0 ? nil : Double(random.next() % 26) * 4
            let kind = random.next() % 9 == 0 ? "one-on-one" : "check-in"
            return CompletedSessionInput(surveyID: "who-5", surveyHash: "h", kind: kind, subjectID: rep, authorID: rep,
                                         startedAt: date, completedAt: date, answers: [],
                                         scores: [ScoreRow(scoreID: "wellbeing", value: value)])
        }
        // Two transactions: a history per rep (rep 2's twice, rep 3's mixed with rep 4's), then
        // rep 5 again (who has rows by then) and rep 6 for the first time.
        let batches: [[[CompletedSessionInput]]] = [
            [reps[0], reps[1], reps[2], reps[2]].map { rep in (0..<30).map { session(rep, $0) } }
                + [(0..<40).map { session($0 % 2 == 0 ? reps[3] : reps[4], $0) }, (0..<30).map { session(reps[5], $0) }],
            [(30..<60).map { session(reps[5], $0) }, (0..<30).map { session(reps[6], $0) }],
        ]
        for batch in batches {
            for input in batch.joined() {
                try checkIn(one, input.subjectID, input.scores[0].value, at: input.completedAt, kind: input.kind)
            }
            try bulk.bulkImport { importer in
                for history in batch {
                    try importer.importHistory(PreparedHistory(history.map(PreparedSession.init), calendar: Self.utc))
                }
            }
        }
        let kept = try tables(bulk)
        #expect(kept == (try tables(one)))
        #expect(kept.count > 60)
        #expect(try bulk.writer.read { db in try WeeklyScores.problems(db) } == nil)
    }
}
