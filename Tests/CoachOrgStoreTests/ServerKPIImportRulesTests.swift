import CoachCore
import CoachOrgStore
import CoachStore
import CoachTestSupport
import Foundation
import PostgresNIO
import Testing

/// What the database itself allows a login with psql for imported KPI actuals (rows of
/// `kpi_actual` with no session) and people's e-mail addresses: the rules `kpi import` and
/// `person edit --email` keep, whoever asks.
///
/// The fixture's people: HR Hana; managers Mara (North: Rhea, Rob) and Mo (South: Sam). Rob and
/// Sam each have an actual with no session for revenue in 2026-01; session 5 is Mara's one-on-one with Rob.
@Suite("imported KPI actuals and e-mail addresses on the organisation store")
struct ServerKPIImportRulesTests {
    let org: OrgFixture
    init() throws { org = try OrgFixture() }

    func code(_ person: String, _ statement: PostgresQuery) throws -> String? {
        let connection = try org.connect(person)
        defer { connection.close() }
        do {
            try connection.query(statement)
            return nil
        } catch let OrgStoreError.server(_, code) {
            return code
        }
    }

    func actual(_ person: String, _ period: String, session: Bool = false) throws -> [Double] {
        try org.admin.query("""
            SELECT a.actual FROM coach.kpi_actual a JOIN coach.person p ON p.id = a.person_id
            WHERE p.name = \(person) AND a.period = \(period) AND (a.session_id IS NOT NULL) = \(session) ORDER BY a.id
            """).map { try $0.decode(Double.self) }
    }

    @Test("a manager writes and replaces their own reps' imported actuals only; one row per person, KPI and month")
    func importedActuals() throws {
        let rob = try org.personID("Rob"), sam = try org.personID("Sam")
        let upsert = { (person: Int, value: Double) -> PostgresQuery in
            """
            INSERT INTO coach.kpi_actual (person_id, kpi, period, actual, recorded_at) VALUES (\(person), 'revenue', '2026-01', \(value), now())
            ON CONFLICT (person_id, kpi, period) WHERE session_id IS NULL DO UPDATE SET actual = excluded.actual
            """
        }
        #expect(try code("mara", upsert(rob, 120)) == nil)
        #expect(try actual("Rob", "2026-01") == [120], "replaced in place, not added")
        #expect(try code("mara", upsert(sam, 120)) == "42501", "Sam is Mo's rep")
        #expect(try code("rob", upsert(rob, 500)) == "42501", "a rep records no actuals of their own")
        #expect(try code("hana", upsert(sam, 130)) == nil, "HR records anyone's")
        #expect(try actual("Sam", "2026-01") == [130])
        let plainInsert: PostgresQuery = """
            INSERT INTO coach.kpi_actual (person_id, kpi, period, actual, recorded_at) VALUES (\(rob), 'revenue', '2026-01', 1, now())
            """
        #expect(try code("hana", plainInsert) == "23505", "a second imported row for the month")

        // A meeting's actual is never changed by an import's rules: no row with a session is updatable.
        try org.admin.query("""
            INSERT INTO coach.kpi_actual (person_id, kpi, period, actual, session_id, recorded_at) VALUES (\(rob), 'revenue', '2026-02', 50, 5, now())
            """)
        let connection = try org.connect("mara")
        defer { connection.close() }
        try connection.query("UPDATE coach.kpi_actual SET actual = 999 WHERE period = '2026-02'")
        #expect(try actual("Rob", "2026-02", session: true) == [50])
    }

    @Test("an e-mail is set by HR for anyone and by a manager for their own reps, unique in any case")
    func emails() throws {
        let rob = try org.personID("Rob"), sam = try org.personID("Sam"), hana = try org.personID("Hana")
        #expect(try code("mara", "SELECT coach.set_person_email(\(rob), 'rob@example.com')") == nil)
        #expect(try code("mara", "SELECT coach.set_person_email(\(sam), 'sam@example.com')") == "42501", "Mo's rep")
        #expect(try code("mara", "SELECT coach.set_person_email(\(hana), 'hana@example.com')") == "42501")
        #expect(try code("rob", "SELECT coach.set_person_email(\(rob), 'me@example.com')") == "42501", "a rep")
        #expect(try code("rob", "UPDATE coach.person SET email = 'me@example.com' WHERE id = \(rob)") == "42501")
        #expect(try code("hana", "SELECT coach.set_person_email(\(sam), 'ROB@example.com')") == "23505", "taken, in another case")
        #expect(try code("hana", "SELECT coach.set_person_email(\(sam), 'not an address')") == "23514")
        #expect(try org.admin.query("SELECT email FROM coach.person WHERE email IS NOT NULL").map { try $0.decode(String.self) }
            == ["rob@example.com"])
    }
}
