import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

@Suite("One live check-in per person, survey and period, kept by the store")
struct OnePerPeriodTests {
    static func store() throws -> (AppDatabase, Int64) {
        let database = try AppDatabase.inMemory()
        let ana = try database.addPerson(name: "Ana", role: .rep, team: nil, manager: nil, by: nil)
        try database.recordSurveyVersion(surveyID: "who-5", hash: "h", content: "x")
        return (database, try #require(ana.id))
    }

    static func start(_ database: AppDatabase, _ ana: Int64, supersedes: Int64? = nil) throws -> Int64 {
        try database.startSession(surveyID: "who-5", surveyHash: "h", kind: "check-in", subjectID: ana, authorID: ana,
                                  periodKey: "2026-W49", supersedes: supersedes)
    }

    @Test("a second start while one is open is sessionOpen; after it completes, periodTaken; an amendment starts")
    func startRules() throws {
        let (database, ana) = try Self.store()
        let first = try Self.start(database, ana)
        #expect(throws: StoreError.sessionOpen(id: first, survey: "who-5", claimedBy: nil)) { try Self.start(database, ana) }
        try database.completeSession(id: first, scores: [ScoreRow(scoreID: "wellbeing", value: 60)])
        #expect(throws: StoreError.periodTaken(survey: "who-5", period: "2026-W49", id: first)) { try Self.start(database, ana) }
        let amendment = try Self.start(database, ana, supersedes: first)
        #expect(amendment != first)
    }

    @Test("the unique index refuses a duplicate that slips past the rules (a second writer)")
    func indexBacksTheRule() throws {
        let (database, ana) = try Self.store()
        _ = try Self.start(database, ana)
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state, period_key)
                    VALUES ('who-5', 'h', 'check-in', ?, ?, '2026-12-01 09:00:00.000', '2026-12-01 09:00:00.000', 'in_progress', '2026-W49')
                    """, arguments: [ana, ana])
            }
        }
    }

    @Test("check reports check-ins racing for one period in a store without the index")
    func checkFindsDuplicates() throws {
        let (database, ana) = try Self.store()
        _ = try Self.start(database, ana)
        try database.writer.write { db in
            try db.execute(sql: "DROP INDEX session_one_per_period")
            try db.execute(sql: """
                INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, state, period_key)
                VALUES ('who-5', 'h', 'check-in', ?, ?, '2026-12-01 09:00:00.000', '2026-12-01 09:00:00.000', 'paused', '2026-W49')
                """, arguments: [ana, ana])
        }
        let finding = try #require(try database.check().first { $0.name == "one live check-in per person, survey and period" })
        #expect(finding.problem == "1 groups of check-ins that race for one period (neither amends the other)")
    }

    @Test("migration v6 chains duplicates an older store holds, so the index can be built")
    func migrationChains() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v5")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO person (id, name, role, created_at) VALUES (1, 'Ana', 'rep', '2026-11-01 09:00:00.000');
                INSERT INTO survey_version (hash, survey_id, content, first_seen_at) VALUES ('h', 'who-5', 'x', '2026-11-01 09:00:00.000');
                """)
            for id in 1...3 {
                try db.execute(sql: """
                    INSERT INTO session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                                         completed_at, state, period_key)
                    VALUES (?, 'who-5', 'h', 'check-in', 1, 1, '2026-12-01 09:00:00.000', '2026-12-01 09:00:00.000',
                            '2026-12-01 09:00:00.000', 'completed', '2026-W49')
                    """, arguments: [id])
            }
        }
        try Schema.migrator.migrate(queue)
        let chain = try queue.read { db in try String.fetchAll(db, sql: "SELECT IFNULL(supersedes_id, '-') FROM session ORDER BY id") }
        #expect(chain == ["-", "1", "2"])
    }
}
