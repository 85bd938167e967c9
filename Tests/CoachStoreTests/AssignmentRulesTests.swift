import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

/// Assignments on the local store, through the store's own methods (the rules of
/// `AssignmentRules`, as the organisation store's tests check them as each login).
///
/// `sampleStore` plus Ria (rep, North, Mia's): Mia assigns WHO-5 to team North (Rita and Ria) and
/// CRM basics to Rita; Hana (HR) assigns CRM basics to Rob. Rita then completes both.
@Suite("Assignments follow their rules on the local store")
struct AssignmentRulesTests {
    static let assignedAt = Date(timeIntervalSince1970: 1_780_000_000)

    static func request(_ survey: String, _ kind: SurveyKind, _ scope: AssignmentScope, phase: SessionPhase? = nil)
        -> AssignmentRequest {
        AssignmentRequest(surveyID: survey, kind: kind, audience: .rep, phase: phase, scope: scope, due: "2030-01-01")
    }

    static func store() throws -> AppDatabase {
        let database = try sampleStore()
        try database.addPerson(name: "Ria", role: .rep, team: "North", manager: nil, by: "Hana")
        _ = try database.assign(request("who-5", .checkIn, .team("North")), by: "Mia", at: assignedAt)
        _ = try database.assign(request("crm-basics", .quiz, .person("Rita")), by: "Mia", at: assignedAt)
        _ = try database.assign(request("crm-basics", .quiz, .person("Rob")), by: "Hana", at: assignedAt)
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO survey_version (hash, survey_id, content, first_seen_at) VALUES ('h', 'any', '', '2026-01-01 00:00:00.000');
                INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, completed_at, state)
                  SELECT s.survey_id, 'h', s.kind, p.id, p.id, '2026-06-01 00:00:00.000', '2026-06-01 00:00:00.000',
                         '2026-06-01 00:00:00.000', 'completed'
                  FROM person p, (SELECT 'who-5' AS survey_id, 'check-in' AS kind UNION ALL SELECT 'crm-basics', 'quiz') s
                  WHERE p.name = 'Rita';
                """)
        }
        return database
    }

    /// `person survey done id` for each row `viewer` may see, `?` and `-` where not named.
    static func progress(_ database: AppDatabase, _ viewer: String, minGroup: Int = 0) throws -> [String] {
        try database.assignmentRows(viewer: viewer, minGroup: minGroup).map {
            "\($0.person ?? "?") \($0.surveyID) \($0.done) \($0.id.map(String.init) ?? "-")"
        }.sorted()
    }

    @Test("each person sees their own and what they assigned; a wellbeing check-in of a small group comes unnamed")
    func visibility() throws {
        let database = try Self.store()
        #expect(try Self.progress(database, "Mia") == ["? who-5 false -", "? who-5 true -", "Rita crm-basics true 3"])
        #expect(try Self.progress(database, "Mia", minGroup: 1) == Self.progress(database, "Mia"), "a viewer only raises the minimum")
        #expect(try Self.progress(database, "Rita") == ["Rita crm-basics true 3", "Rita who-5 true 2"])
        #expect(try Self.progress(database, "Ria") == ["Ria who-5 false 1"])
        #expect(try Self.progress(database, "Hana") == ["Rob crm-basics false 4"], "HR: what HR assigned, not Mia's")
        #expect(try Self.progress(database, "Max").isEmpty)
    }

    @Test("who may assign to whom, and a row that misstates the kind is never done")
    func writes() throws {
        let database = try Self.store()
        #expect(storeError { _ = try database.assign(Self.request("who-5", .checkIn, .person("Rita")), by: "Max", at: Date()) }
            == .notAllowed("a manager assigns to their own reps only, and Rita is not one of yours"))
        #expect(storeError { _ = try database.assign(Self.request("who-5", .checkIn, .person("Ria")), by: "Rita", at: Date()) }
            == .notAllowed("a rep assigns nothing; your manager or HR assigns surveys to you"))
        #expect(throws: AssignmentError.phaseNotAQuiz(survey: "who-5", kind: "check-in")) {
            _ = try database.assign(Self.request("who-5", .checkIn, .all, phase: .pre), by: "Mia", at: Date())
        }
        _ = try database.assign(Self.request("who-5", .quiz, .person("Rita")), by: "Hana", at: Self.assignedAt)
        #expect(try Self.progress(database, "Hana").contains("Rita who-5 false 5"))

        // Assigned again: the same row, counted from then on.
        let again = try database.assign(Self.request("crm-basics", .quiz, .person("Rita")), by: "Mia", at: Date())
        #expect(again.updated == ["Rita"] && again.added.isEmpty)
        #expect(try Self.progress(database, "Mia").contains("Rita crm-basics false 3"))
        #expect(throws: AssignmentError.unknownAssignment(1)) { _ = try database.unassign(id: 1, person: nil, by: "Hana") }
        #expect(try database.unassign(id: 1, person: nil, by: "Mia").people == ["Ria", "Rita"])
    }
}
