import CoachCore
import CoachOrgStore
import Foundation
import PostgresNIO

/// An organisation store for end-to-end tests: a fresh database on the throwaway server, set up
/// by `org init`, people with logins, and a sandbox (its own HOME) to run the coach binary in as
/// any of them, each connecting as their own login over the server's socket.
public final class OrgSandbox: @unchecked Sendable {
    public let server: TestPostgres
    public let database: String
    /// The HOME coach runs in.
    public let sandbox: CoachSandbox
    /// Each person's login, by name.
    public private(set) var logins: [String: String] = [:]

    /// A new organisation whose first HR person is `hr`, on `server` (the shared test server by default).
    public convenience init(hr: String, on server: TestPostgres? = nil) throws {
        let server = try server ?? TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        let login = TestPostgres.uniqueLogin(LoginName.derived(from: hr))
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: hr, login: login))
        try self.init(server: server, database: database, logins: [hr: login])
    }

    private init(server: TestPostgres, database: String, logins: [String: String]) throws {
        self.server = server
        self.database = database
        self.logins = logins
        sandbox = try CoachSandbox()
    }

    /// Adds a person and their login as the administrator, by the rules `person add` applies
    /// (team found or created, a rep's manager the team's).
    public func addPerson(_ name: String, role: Role, team: String? = nil, manager: String? = nil) throws {
        let login = TestPostgres.uniqueLogin(LoginName.derived(from: name))
        try administrator { admin in
            try admin.query("""
                SELECT coach.insert_person(\(name), \(NameKey.key(for: name)), \(role.rawValue), \(team),
                                           \(team.map(NameKey.key(for:))), \(manager), \(login),
                                           \(ScramVerifier.verifier(for: "unused-" + login)))
                """)
        }
        logins[name] = login
    }

    /// The store URL `person` connects with: their login over the server's socket.
    public func url(as person: String) -> String {
        "postgres://\(logins[person] ?? person)@localhost:\(server.port)/\(database)?host=\(server.socketFolder)"
    }

    /// Runs coach as `person`, with `COACH_STORE` naming their login.
    public func run(_ arguments: [String], as person: String, input: String = "",
                    timeout: Duration = .seconds(60)) throws -> ProcessResult {
        try sandbox.run(arguments, input: input, environment: ["COACH_STORE": url(as: person)], timeout: timeout)
    }

    /// Feeds `lines` to coach's shell as `person`.
    public func shell(_ lines: [String], as person: String) throws -> ProcessResult {
        try run([], as: person, input: lines.joined(separator: "\n") + "\n")
    }

    /// The rows of the last statement of `script` (text columns) as the administrator, in schema
    /// `coach`, columns joined by `|`.
    public func sql(_ script: String) throws -> [String] {
        try administrator { admin in
            try admin.query("SET search_path = coach")
            var rows: [String] = []
            for statement in SQLScript.statements(in: script) {
                rows = try admin.query(PostgresQuery(unsafeSQL: statement)).map { row in
                    row.map(Self.text).joined(separator: "|")
                }
            }
            return rows
        }
    }

    /// A cell as `sqlite3` prints it: numbers as numbers (a double with its `.0`), booleans as 1
    /// and 0, NULL as nothing.
    private static func text(_ cell: PostgresCell) -> String {
        if cell.bytes == nil { return "" }
        switch cell.dataType {
        case .int2, .int4, .int8: return (try? cell.decode(Int64.self)).map(String.init) ?? "?"
        case .float4, .float8: return (try? cell.decode(Double.self)).map { "\($0)" } ?? "?"
        case .bool: return (try? cell.decode(Bool.self)).map { $0 ? "1" : "0" } ?? "?"
        default: return (try? cell.decode(String.self)) ?? "?"
        }
    }

    /// A copy of the whole database (people, logins and data), to change without touching this one.
    public func copy() throws -> OrgSandbox {
        let name = try server.makeDatabase()
        try administrator(database: "postgres") { admin in
            try admin.execute(script: "DROP DATABASE \(name); CREATE DATABASE \(name) TEMPLATE \(database)")
        }
        return try OrgSandbox(server: server, database: name, logins: logins)
    }

    public func remove() { sandbox.remove() }

    private func administrator<T>(database: String? = nil, _ body: (ServerConnection) throws -> T) throws -> T {
        let admin = try ServerConnection.open(server.administrator(database: database ?? self.database))
        defer { admin.close() }
        return try body(admin)
    }
}
