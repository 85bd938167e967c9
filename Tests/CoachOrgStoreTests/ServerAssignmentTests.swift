import CoachCore
import CoachOrgStore
import CoachStore
import CoachTestSupport
import Foundation
import PostgresNIO
import Testing

/// Assignments as the database enforces them: each person connects with their own login and
/// reads and writes `coach.assignment` and `coach.assignment_progress` directly, as with psql.
///
/// Mara assigns WHO-5 to team North (Rhea and Rob) and CRM basics to Rob; Hana (HR) assigns CRM
/// basics to Sam. Rob then completes both; he does not share his wellbeing.
@Suite("assignments on the organisation store")
struct ServerAssignmentTests {
    let org: OrgFixture
    init() throws {
        org = try OrgFixture()
        let mara = try OrgDatabase(connection: try org.connect("mara"))
        let hana = try OrgDatabase(connection: try org.connect("hana"))
        let now = Date()
        _ = try mara.assign(AssignmentRequest(surveyID: "who-5", kind: .checkIn, audience: .rep, phase: nil, scope: .team("North"),
                                              due: "2030-01-01"), by: "Mara", at: now)
        _ = try mara.assign(AssignmentRequest(surveyID: "crm-basics", kind: .quiz, audience: .rep, phase: nil, scope: .person("Rob"),
                                              due: "2030-01-01"), by: "Mara", at: now)
        _ = try hana.assign(AssignmentRequest(surveyID: "crm-basics", kind: .quiz, audience: .rep, phase: nil, scope: .person("Sam"),
                                              due: "2030-01-01"), by: "Hana", at: now)
        let rob = try org.personID("Rob")
        for (survey, kind) in [("who-5", "check-in"), ("crm-basics", "quiz"), ("cbi", "check-in")] {
            try org.admin.query("""
                INSERT INTO coach.session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                                           completed_at, state)
                VALUES (\(survey), 'h1', \(kind), \(rob), \(rob), now(), now(), now() + interval '1 minute', 'completed')
                """)
        }
    }

    /// `person survey done` for each row `person` reads from `coach.assignment_progress`, `?` for an unnamed one.
    func progress(_ person: String, minGroup: Int = 0) throws -> [String] {
        let connection = try org.connect(person)
        defer { connection.close() }
        return try connection.texts("""
            SELECT coalesce(person, '?') || ' ' || survey_id || ' ' || done::text || ' ' || coalesce(id::text, '-')
            FROM coach.assignment_progress(\(minGroup)::integer) ORDER BY survey_id, person, done
            """)
    }

    func rows(_ person: String) throws -> [String] {
        let connection = try org.connect(person)
        defer { connection.close() }
        return try connection.texts("""
            SELECT p.name || ' ' || a.survey_id FROM coach.assignment a JOIN coach.person p ON p.id = a.person_id
            ORDER BY a.survey_id, p.name
            """)
    }

    @Test("each login reads its own assignments and those it made, and nobody else's")
    func readRules() throws {
        #expect(try rows("mara") == ["Rob crm-basics", "Rhea who-5", "Rob who-5"])
        #expect(try rows("hana") == ["Sam crm-basics"], "HR reads what HR assigned, not a manager's")
        #expect(try rows("rob") == ["Rob crm-basics", "Rob who-5"])
        #expect(try rows("rhea") == ["Rhea who-5"])
        #expect(try rows("sam") == ["Sam crm-basics"])
        #expect(try rows("mo").isEmpty)
    }

    @Test("done comes from the function: the assigner learns a wellbeing check-in of a small group only as unnamed rows")
    func progressRules() throws {
        let mara = try org.connect("mara")
        defer { mara.close() }
        #expect(try mara.integers("SELECT id::int FROM coach.session WHERE survey_id = 'who-5'").isEmpty,
                "Mara cannot read Rob's check-in itself")
        #expect(try progress("mara") == ["Rob crm-basics true 3", "? who-5 false -", "? who-5 true -"])
        #expect(try progress("mara", minGroup: 1) == progress("mara"), "a caller's minimum only raises the organisation's")
        #expect(try progress("rob").map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
                == ["Rob crm-basics true", "Rob who-5 true"])
        #expect(try progress("rhea").map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == ["Rhea who-5 false"])
        #expect(try progress("hana") == ["Sam crm-basics false 4"])
        #expect(try progress("mo").isEmpty)
        // The organisation's lowest minimum group (3) still exceeds the group of two.
        try org.admin.query("INSERT INTO coach.org_setting (key, value, updated_at) VALUES ('min-group', '3', now())")
        #expect(try progress("mara") == ["Rob crm-basics true 3", "? who-5 false -", "? who-5 true -"])
    }

    @Test("writes: a manager for his own reps only, a rep never; the assigner alone changes and removes, on the server's clock")
    func writeRules() throws {
        let rob = try org.personID("Rob"), sam = try org.personID("Sam")
        let mo = try org.connect("mo"), robLogin = try org.connect("rob"), mara = try org.connect("mara")
        defer { mo.close(); robLogin.close(); mara.close() }
        #expect(throws: (any Error).self) {
            try mo.query("""
                INSERT INTO coach.assignment (survey_id, kind, person_id, assigned_by_id, due, addressed)
                VALUES ('who-5', 'check-in', \(rob), coach.me(), '2030-01-01', 'Rob')
                """)
        }
        #expect(throws: (any Error).self) {
            try mara.query("""
                INSERT INTO coach.assignment (survey_id, kind, person_id, assigned_by_id, due, addressed)
                VALUES ('who-5', 'check-in', \(sam), coach.me(), '2030-01-01', 'Sam')
                """)
        }
        #expect(throws: (any Error).self) {
            try robLogin.query("""
                INSERT INTO coach.assignment (survey_id, kind, person_id, assigned_by_id, due, addressed)
                VALUES ('who-5', 'check-in', \(rob), coach.me(), '2030-01-01', 'Rob')
                """)
        }
        try mo.query("UPDATE coach.assignment SET due = '2031-01-01'")
        try mo.query("DELETE FROM coach.assignment")
        #expect(throws: (any Error).self) { try robLogin.query("DELETE FROM coach.assignment") }
        #expect(throws: (any Error).self) { try robLogin.query("UPDATE coach.assignment SET due = '2031-01-01'") }
        #expect(try org.admin.integers("SELECT count(*)::int FROM coach.assignment WHERE due = '2030-01-01'") == [4])

        // Dated back, an assignment still counts from now: Rob's earlier session does not make it done.
        try mara.query("UPDATE coach.assignment SET assigned_at = '2000-01-01' WHERE survey_id = 'crm-basics'")
        #expect(try org.admin.integers("""
            SELECT count(*)::int FROM coach.assignment WHERE survey_id = 'crm-basics' AND assigned_at > now() - interval '1 hour'
            """) == [2])
        // A row stating another kind than the survey's sessions is never done: Rob's CBI check-in stays unknown.
        try mara.query("""
            INSERT INTO coach.assignment (survey_id, kind, person_id, assigned_by_id, due, addressed)
            VALUES ('cbi', 'quiz', \(rob), coach.me(), '2030-01-01', 'Rob')
            """)
        #expect(try progress("mara").contains { $0.hasPrefix("Rob cbi false") })

        let maraStore = try OrgDatabase(connection: mara)
        let removed = try maraStore.unassign(id: 1, person: nil, by: "Mara")
        #expect(removed.people == ["Rhea", "Rob"] && removed.surveyID == "who-5")
        #expect(try rows("rob") == ["Rob cbi", "Rob crm-basics"])
        let hana = try OrgDatabase(connection: try org.connect("hana"))
        #expect(throws: AssignmentError.unknownAssignment(2)) { _ = try hana.unassign(id: 2, person: nil, by: "Hana") }
    }
}
