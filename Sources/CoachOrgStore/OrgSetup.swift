import CoachCore
import CoachStore
import PostgresNIO

/// `coach org init`: sets up an organisation store on a PostgreSQL database, once, as its
/// administrator. Idempotent: run again, it does only what is missing and says so.
public enum OrgSetup {
    /// The first HR person to add when the organisation has none.
    public struct FirstHR: Sendable {
        public var name: String
        public var login: String?
        public init(name: String, login: String?) {
            self.name = name
            self.login = login
        }
    }

    /// What `initialise` did, line by line, and the one-time password of a login it created.
    public struct Report: Sendable {
        public var done: [String] = []
        public var alreadyThere: [String] = []
        public var missing: [String] = []
        /// The login created for the first HR person and its one-time password, shown once.
        public var newLogin: (login: String, name: String, password: String)?
    }

    /// Creates what the database lacks: the group roles, the schema at the latest version with
    /// its row-level security and functions, and the first HR person with a login.
    public static func initialise(_ connection: ServerConnection, firstHR: FirstHR?) throws -> Report {
        try initialise(connection, firstHR: firstHR, upTo: OrgSchema.latestVersion)
    }

    /// `initialise`, stopping at schema version `target`: for the tests of an upgrade from an
    /// older version.
    static func initialise(_ connection: ServerConnection, firstHR: FirstHR?, upTo target: Int) throws -> Report {
        var report = Report()
        try requireAdministrator(connection)
        let (created, existing) = try ensureRoles(connection)
        if !created.isEmpty { report.done.append("created the group roles " + created.joined(separator: ", ")) }
        if !existing.isEmpty { report.alreadyThere.append("the group roles " + existing.joined(separator: ", ") + " exist") }

        try connection.transaction {
            try connection.query("CREATE SCHEMA IF NOT EXISTS coach AUTHORIZATION coach_owner")
            let before = try OrgSchema.version(connection)
            let applied = try OrgSchema.migrate(connection, upTo: target)
            if applied.isEmpty {
                report.alreadyThere.append("schema coach is at version \(before), the latest")
            } else {
                report.done.append("schema coach: applied version\(applied.count == 1 ? "" : "s") "
                    + applied.map(String.init).joined(separator: ", ")
                    + " (tables, row-level security, functions)" + (before == 0 ? "" : ", was \(before)"))
            }
            try addFirstHR(connection, firstHR, into: &report)
        }
        return report
    }

    /// A superuser, or a role that may create roles (then made a member of `coach_owner`).
    static func requireAdministrator(_ connection: ServerConnection) throws {
        let rows = try connection.query("SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user")
        guard let (superuser, createRole) = try rows.first?.decode((Bool, Bool).self),
              superuser || createRole else {
            throw OrgStoreError.notAnAdministrator(connection.address.user)
        }
    }

    private static func ensureRoles(_ connection: ServerConnection) throws -> (created: [String], existing: [String]) {
        var created: [String] = [], existing: [String] = []
        for role in [OrgSchema.ownerRole] + OrgSchema.groupRoles {
            let found = try connection.query("SELECT 1 FROM pg_roles WHERE rolname = \(role)")
            if found.isEmpty {
                let options = role == OrgSchema.ownerRole ? "NOLOGIN CREATEROLE" : "NOLOGIN"
                do {
                    try connection.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) \(options)"))
                    created.append(role)
                } catch let OrgStoreError.server(_, code) where code == "42710" || code == "23505" {
                    existing.append(role)   // another org init (another database on this server) just made it
                }
            } else {
                existing.append(role)
            }
        }
        let member = try connection.query("SELECT pg_has_role(current_user, 'coach_owner', 'MEMBER')")
        if try member.first?.decode(Bool.self) != true {
            try connection.query("GRANT coach_owner TO CURRENT_USER")
        }
        return (created, existing)
    }

    private static func addFirstHR(_ connection: ServerConnection, _ firstHR: FirstHR?, into report: inout Report) throws {
        let rows = try connection.query("SELECT name, coalesce(login, '') FROM coach.person WHERE role = 'hr' ORDER BY id LIMIT 1")
        if let (name, login) = try rows.first?.decode((String, String).self) {
            report.alreadyThere.append("HR person \(name)" + (login.isEmpty ? "" : " (login \(login))") + " exists")
            return
        }
        guard let firstHR else {
            report.missing.append("no HR person yet: run again with --hr NAME to add the first one")
            return
        }
        let name = try NameRules.validated(firstHR.name)
        let new = try NewLogin(for: name, login: firstHR.login)
        try connection.query("""
            SELECT coach.insert_person(\(name), \(NameKey.key(for: name)), 'hr', NULL, NULL, NULL, \(new.login), \(new.verifier))
            """)
        report.done.append("added the HR person \(name) with the login \(new.login)")
        report.newLogin = (new.login, name, new.password)
    }
}
