import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

@Suite("Migration v4 marks private bands from the stored survey versions")
struct BandPrivateMigrationTests {
    @Test("bands at support_at become private, alerts alone do not, other surveys are untouched")
    func backfill() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v3")
        let who5 = try #require(BundledSurveys.files.first { $0.name == "who-5.yaml" }).content
        let selfAssessment = try #require(BundledSurveys.files.first { $0.name == "weekly-self-assessment.yaml" }).content
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO person (id, name, role, created_at) VALUES (1, 'Ana', 'rep', '2026-11-01 09:00:00.000');
                INSERT INTO survey_version (hash, survey_id, content, first_seen_at) VALUES
                  ('h-who5', 'who-5', ?, '2026-11-01 09:00:00.000'),
                  ('h-self', 'weekly-self-assessment', ?, '2026-11-01 09:00:00.000');
                """, arguments: [who5, selfAssessment])
            for (id, hash, band, alert) in [(1, "h-who5", "poor", true), (2, "h-who5", "ok", true), (3, "h-who5", "low", true),
                                            (4, "h-self", "ok", false)] {
                try db.execute(sql: """
                    INSERT INTO session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                                         completed_at, state)
                    VALUES (?, ?, ?, 'check-in', 1, 1, '2026-11-01 09:00:00.000', '2026-11-01 09:00:00.000',
                            '2026-11-01 09:00:00.000', 'completed')
                    """, arguments: [id, hash == "h-who5" ? "who-5" : "weekly-self-assessment", hash])
                try db.execute(sql: "INSERT INTO score (session_id, score_id, value, band, alert) VALUES (?, ?, 40, ?, ?)",
                               arguments: [id, hash == "h-who5" ? "wellbeing" : "effort", band, alert])
            }
        }
        try Schema.migrator.migrate(queue)
        let marked = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT session_id, band_private FROM score ORDER BY session_id")
                .map { [$0[0] as Int64: $0[1] as Bool] }
        }
        #expect(marked == [[1: true], [2: false], [3: true], [4: false]])
    }
}
