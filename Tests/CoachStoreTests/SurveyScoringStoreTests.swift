import CoachCore
import Foundation
import GRDB
import Testing
@testable import CoachStore

@Suite("What the store keeps for reading scores")
struct SurveyScoringStoreTests {
    @Test("a recorded version's kind and score definitions come back from the cache, as parsed")
    func scoringIsCached() throws {
        let store = try AppDatabase.inMemory()
        let content = try #require(BundledSurveys.files.first { $0.name == "who-5.yaml" }?.content)
        guard case .success(let survey) = SurveyLoader.load(yaml: content, file: "who-5.yaml") else {
            Issue.record("who-5 does not load")
            return
        }
        try store.recordSurveyVersion(surveyID: "who-5", hash: survey.contentHash, content: content)
        let first = try #require(try store.surveyScoring(hash: survey.contentHash))
        #expect(first == SurveyScoring(survey))
        #expect(first.trendDefinition(scoreID: "wellbeing")?.range == 0...100)
        let cached = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM survey_scoring") }
        #expect(cached == 1)
        #expect(try store.surveyScoring(hash: survey.contentHash) == first)
        // Content that is not a survey, and a hash never recorded, have none.
        try store.recordSurveyVersion(surveyID: "junk", hash: "junk", content: "not: [a survey")
        #expect(try store.surveyScoring(hash: "junk") == nil)
        #expect(try store.surveyScoring(hash: "unknown") == nil)
    }

    @Test("opening a store from before v2 builds the weekly aggregates from the sessions it holds")
    func migrationBuildsAggregates() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO team (id, name) VALUES (1, 'East');
                    INSERT INTO person (id, name, role, team_id, created_at) VALUES (1, 'Rita', 'rep', 1, '2026-01-01 00:00:00.000');
                    INSERT INTO survey_version (hash, survey_id, content, first_seen_at) VALUES ('h', 'who-5', '', '2026-01-01 00:00:00.000');
                    INSERT INTO session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, completed_at, state)
                    VALUES (1, 'who-5', 'h', 'check-in', 1, 1, '2026-11-04 12:00:00.000', '2026-11-04 12:00:00.000', '2026-11-04 12:00:00.000', 'completed');
                    INSERT INTO score (session_id, score_id, value, alert) VALUES (1, 'wellbeing', 64, 0);
                    """)
            }
            try queue.close()
            let store = try AppDatabase.open(path: path)
            let rows = try store.writer.read { db in
                try Row.fetchAll(db, sql: "SELECT week, team_id, respondents, total FROM team_week_score")
            }
            #expect(rows.count == 1)
            #expect(rows.first?["week"] == "2026-W45")
            #expect(rows.first?["team_id"] == 1)
            #expect(rows.first?["respondents"] == 1)
            #expect(rows.first?["total"] == 64.0)
        }
    }
}
