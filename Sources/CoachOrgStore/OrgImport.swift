import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// `coach org import LOCAL.sqlite URL`: moves a local store into an organisation store, run by
/// the database administrator. Everything goes in one transaction: people and teams, survey
/// versions, sessions with their original times, answers, scores and marks, goals, KPI actuals,
/// action and agenda items, assignments, recognition, retros, customer feedback. Rows are streamed with `COPY`, the largest tables straight into
/// place and the others through temporary tables, their ids moved past the ids already there. Names that collide with people or teams
/// already in the organisation refuse the whole import. Each person gets a login with a
/// one-time password. The local store's settings and published survey catalog stay behind:
/// the organisation has its own, set by its HR.
public enum OrgImport {
    /// What was moved, and the logins made.
    public struct Report: Sendable {
        public var counts: [(what: String, count: Int)] = []
        /// Each moved person's name, role, login and one-time password (valid 7 days).
        public var logins: [(name: String, role: String, login: String, password: String)] = []
    }

    /// Rows per COPY chunk read from the local store.
    static let pageSize = 20_000

    /// Moves `local` into the organisation store on `connection` (an administrator's).
    public static func run(from local: AppDatabase, into connection: ServerConnection) throws -> Report {
        try OrgSetup.requireAdministrator(connection)
        try OrgSchema.requireLatest(connection)
        let names = try local.names()
        return try connection.transaction {
            // Local dates are stored in UTC without a zone; search_path names the COPY targets.
            try connection.query("SET LOCAL TIME ZONE 'UTC'")
            try connection.query("SET LOCAL search_path = pg_temp, coach, pg_catalog")
            try refuseCollisions(names, connection)
            var offsets: [String: Int64] = [:]
            for (table, offset) in offsetTables {
                offsets[offset] = try connection.query(PostgresQuery(unsafeSQL: "SELECT coalesce(max(id), 0) FROM coach.\(table)"))
                    .first?.decode(Int64.self) ?? 0
            }
            func moved(_ sql: String) -> String {
                // Longest names first: `$session` before a shorter name it might start with.
                offsets.sorted { $0.key.count > $1.key.count }.reduce(sql) { $0.replacingOccurrences(of: $1.key, with: String($1.value)) }
            }
            var report = Report()
            for table in tables {
                if let direct = table.direct {
                    let pages = PageReader(local: local, table: table, offsets: direct.offsets.mapValues { offsets[$0] ?? 0 })
                    try connection.copy(into: table.local, columns: direct.columns) { try pages.next() }
                    report.counts.append((table.local, pages.rows))
                    continue
                }
                try connection.query(PostgresQuery(unsafeSQL: "CREATE TEMPORARY TABLE \(table.temporary) (\(table.definition)) ON COMMIT DROP"))
                let pages = PageReader(local: local, table: table, offsets: [:])
                try connection.copy(into: table.temporary, columns: []) { try pages.next() }
                try connection.query(PostgresQuery(unsafeSQL: moved(table.insert)))
                if table.local == "person" {
                    for statement in managers { try connection.query(PostgresQuery(unsafeSQL: moved(statement))) }
                }
                report.counts.append((table.local, pages.rows))
            }
            for (table, _) in offsetTables {
                try connection.query(PostgresQuery(unsafeSQL: """
                    SELECT setval(pg_get_serial_sequence('coach.\(table)', 'id'), greatest((SELECT max(id) FROM coach.\(table)), 1))
                    """))
            }
            try connection.query("SELECT setval(pg_get_serial_sequence('coach.answer', 'id'), greatest((SELECT max(id) FROM coach.answer), 1))")
            try connection.query("SELECT coach.rebuild_weeks()")
            // Fresh statistics: without them the planner takes a table of millions for a few rows.
            for table in tables.map(\.local) + ["week_score"] {
                try connection.query(PostgresQuery(unsafeSQL: "ANALYZE coach.\(table)"))
            }
            report.logins = try makeLogins(personOffset: offsets["$person"] ?? 0, connection)
            return report
        }
    }

    /// Refuses the import when a person's or team's name (or a look-alike of it), or a person's
    /// e-mail address, is taken.
    private static func refuseCollisions(_ names: (people: [(name: String, key: String)], teams: [(name: String, key: String)],
                                                   emails: [String]),
                                         _ connection: ServerConnection) throws {
        let people = try connection.query("SELECT name FROM coach.person WHERE name_key = ANY(\(names.people.map(\.key)))")
            .map { try $0.decode(String.self) }
        let teams = try connection.query("SELECT name FROM coach.team WHERE name_key = ANY(\(names.teams.map(\.key)))")
            .map { try $0.decode(String.self) }
        // An e-mail address belongs to one person: one the organisation has already is a collision too.
        let emails = try connection.query("""
            SELECT name || ' (' || email || ')' FROM coach.person WHERE lower(email) = ANY(\(names.emails.map { $0.lowercased() }))
            """).map { try $0.decode(String.self) }
        guard people.isEmpty, teams.isEmpty, emails.isEmpty else {
            if people.isEmpty, teams.isEmpty { throw OrgStoreError.importEmailCollision(emails) }
            throw OrgStoreError.importCollision(people: people, teams: teams)
        }
    }

    /// A login for every moved person, as `person add` makes one: derived from the name, made
    /// unique on the server, with a one-time password valid 7 days.
    private static func makeLogins(personOffset: Int64, _ connection: ServerConnection) throws
        -> [(name: String, role: String, login: String, password: String)] {
        var taken = Set(try connection.query("SELECT rolname::text FROM pg_catalog.pg_roles").map { try $0.decode(String.self) })
        let people = try connection.query("""
            SELECT id, name, role FROM coach.person WHERE id > \(personOffset) AND login IS NULL ORDER BY id
            """).map { try $0.decode((Int64, String, String).self) }
        var logins: [(name: String, role: String, login: String, password: String)] = []
        let validUntil = ISO8601DateFormatter().string(from: Date().addingTimeInterval(7 * 86_400))
        for (id, name, role) in people {
            let base = LoginName.derived(from: name)
            var login = base, suffix = 1
            while taken.contains(login) {
                suffix += 1
                login = String(base.prefix(60)) + String(suffix)
            }
            taken.insert(login)
            let new = try NewLogin(for: name, login: login)
            try connection.query("UPDATE coach.person SET login = \(new.login) WHERE id = \(id)")
            // The login is checked (letters, digits, _ . -) and the verifier is base64: both safe quoted.
            try connection.query(PostgresQuery(unsafeSQL: """
                CREATE ROLE "\(new.login)" LOGIN PASSWORD '\(new.verifier)' VALID UNTIL '\(validUntil)' IN ROLE coach_\(role)
                """))
            logins.append((name, role, new.login, new.password))
        }
        return logins
    }
}

/// The local rows of one table in COPY text, a page at a time, with the ids in `offsets`'
/// columns moved by their offsets.
private final class PageReader: @unchecked Sendable {
    let local: AppDatabase
    let table: OrgImport.Table
    let offsets: [Int: Int64]
    var lastRowID: Int64 = 0
    /// Rows read so far.
    private(set) var rows = 0

    init(local: AppDatabase, table: OrgImport.Table, offsets: [Int: Int64]) {
        self.local = local
        self.table = table
        self.offsets = offsets
    }

    func next() throws -> String? {
        guard let page = try local.textRows(of: table.local, columns: table.columns, after: lastRowID, limit: OrgImport.pageSize)
        else { return nil }
        lastRowID = page.lastRowID
        rows += page.rows.count
        var text = ""
        for row in page.rows {
            var cells = row
            for (column, offset) in offsets {
                if let id = cells[column].flatMap({ Int64($0) }) { cells[column] = String(id + offset) }
            }
            text += cells.map { $0.map(Self.escaped) ?? "\\N" }.joined(separator: "\t")
            text += "\n"
        }
        return text
    }

    /// COPY's text format: backslash, tab, newline and carriage return escaped.
    static func escaped(_ value: String) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\r\n": out += "\\r\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
