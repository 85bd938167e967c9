import CoachCore
import CoachOrgStore
import CoachTestSupport
import Foundation
import PostgresNIO

/// An organisation store on the throwaway server, set up by `org init`, with people who each
/// have a login, and rows written as the administrator (who bypasses row-level security), for
/// the tests that then read and write as each person.
///
/// People: HR Hana; managers Mara (North) and Mo (South); reps Rhea and Rob (North, managed by
/// Mara; Rhea shares her wellbeing since 10 January) and Sam (South, managed by Mo).
struct OrgFixture {
    let server: TestPostgres
    let database: String
    let admin: ServerConnection
    /// Each person's login by first name, lower-cased ("mara").
    let logins: [String: String]

    init(seeded: Bool = true) throws {
        server = try TestPostgres.server()
        database = try server.makeDatabase()
        admin = try ServerConnection.open(server.administrator(database: database))
        var logins: [String: String] = ["hana": TestPostgres.uniqueLogin("hana")]
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: logins["hana"]))
        for (name, role, team, manager) in [("Mara", "manager", "North", nil), ("Mo", "manager", "South", nil),
                                            ("Rhea", "rep", "North", "Mara"), ("Rob", "rep", "North", "Mara"),
                                            ("Sam", "rep", "South", "Mo")] as [(String, String, String, String?)] {
            let login = TestPostgres.uniqueLogin(name.lowercased())
            logins[name.lowercased()] = login
            try admin.query("""
                SELECT coach.insert_person(\(name), \(NameKey.key(for: name)), \(role), \(team), \(NameKey.key(for: team)),
                                           \(manager), \(login), \(ScramVerifier.verifier(for: "pw-" + name)))
                """)
        }
        self.logins = logins
        if seeded { try seed() }
    }

    /// A connection as `person` (first name, lower-cased), over the socket.
    func connect(_ person: String) throws -> ServerConnection {
        try ServerConnection.open(server.socket(login: logins[person]!, database: database))
    }

    func personID(_ name: String) throws -> Int {
        try admin.query("SELECT id::int FROM coach.person WHERE name = \(name)").first!.decode(Int.self)
    }

    /// Sessions 1–10, each with an answer `q` (value `s<id>`), a score `total` (value = id,
    /// band `low`), and for the one-on-ones 5 and 6 a private note; see the table in the suite.
    private func seed() throws {
        try admin.query("UPDATE coach.person SET share_wellbeing = true, share_since = '2026-01-10' WHERE name = 'Rhea'")
        try admin.query("INSERT INTO coach.survey_version VALUES ('h1', 'any', 'content', now())")
        let sessions: [(Int, String, String, String, String, Bool)] = [
            (1, "check-in", "Rob", "Rob", "2026-01-05", false),
            (2, "check-in", "Rhea", "Rhea", "2026-01-05", false),
            (3, "check-in", "Rhea", "Rhea", "2026-01-20", false),
            (4, "self-assessment", "Rob", "Rob", "2026-01-20", false),
            (5, "one-on-one", "Rob", "Mara", "2026-01-21", false),
            (6, "one-on-one", "Rob", "Mo", "2025-12-01", false),
            (7, "quiz", "Rob", "Rob", "2026-01-22", false),
            (8, "feedback", "Rob", "Rob", "2026-01-22", false),
            (9, "one-on-one", "Sam", "Mo", "2026-01-21", false),
            (10, "self-assessment", "Rhea", "Rhea", "2026-01-21", true),
        ]
        for (id, kind, subject, author, day, draft) in sessions {
            try admin.query("""
                INSERT INTO coach.session (id, survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at,
                                           completed_at, state, draft)
                VALUES (\(id), 'any', 'h1', \(kind), \(try personID(subject)), \(try personID(author)),
                        \(day)::timestamptz, \(day)::timestamptz, \(day)::timestamptz, 'completed', \(draft))
                """)
            try admin.query("""
                INSERT INTO coach.answer (session_id, question_id, value, position, answered_at)
                VALUES (\(id), 'q', \("s\(id)"), 1, now())
                """)
            try admin.query("""
                INSERT INTO coach.score (session_id, score_id, value, band, alert, band_private)
                VALUES (\(id), 'total', \(Double(id)), 'low', \(id == 3), \(id == 3))
                """)
        }
        for id in [5, 6] {
            try admin.query("""
                INSERT INTO coach.answer (session_id, question_id, value, is_private, position, answered_at)
                VALUES (\(id), 'note', \("private note \(id)"), true, 2, now())
                """)
        }
        try admin.query("SELECT setval(pg_get_serial_sequence('coach.session', 'id'), 10)")
        try admin.query("INSERT INTO coach.question_mark VALUES (7, 'q', 1, 1)")
        for (person, manager) in [("Rob", "Mara"), ("Sam", "Mo")] {
            let personID = try self.personID(person), managerID = try self.personID(manager)
            try admin.query("""
                INSERT INTO coach.goal (person_id, kpi, period, target, set_by_id, set_at)
                VALUES (\(personID), 'revenue', '2026-01', 100, \(managerID), now())
                """)
            try admin.query("""
                INSERT INTO coach.kpi_actual (person_id, kpi, period, actual, recorded_at)
                VALUES (\(personID), 'revenue', '2026-01', 90, now())
                """)
            try admin.query("""
                INSERT INTO coach.action_item (subject_id, owner_id, text, created_at)
                VALUES (\(personID), \(personID), \("action for \(person)"), now())
                """)
            try admin.query("""
                INSERT INTO coach.agenda_item (person_id, text, created_at) VALUES (\(personID), \("agenda of \(person)"), now())
                """)
        }
    }
}

extension ServerConnection {
    /// The integers in the first column of `query`'s rows.
    func integers(_ query: PostgresQuery) throws -> [Int] {
        try self.query(query).map { try $0.decode(Int.self) }
    }

    /// The texts in the first column of `query`'s rows.
    func texts(_ query: PostgresQuery) throws -> [String] {
        try self.query(query).map { try $0.decode(String.self) }
    }
}
