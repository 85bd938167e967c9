import PostgresNIO

/// The organisation store's schema `coach`, in versioned migrations like the local store's:
/// applied in order, each once, recorded in `coach.schema_migration`, and never edited once
/// released. A database at a version newer than this coach knows is refused, not touched.
public enum OrgSchema {
    /// The group roles: every person's login is a member of one, as their role says.
    public static let groupRoles = ["coach_rep", "coach_manager", "coach_hr"]
    /// Owns the schema and its security-definer functions; nobody logs in as it.
    public static let ownerRole = "coach_owner"

    /// The migrations, oldest first.
    static let migrations: [(version: Int, sql: String)] = [
        (1, v1Tables + v1Privacy + v1Access),
        (2, v2Trends + v2Policies),
        (3, v3Speed),
        (4, v4Agenda),
        (5, v5People + v5KPIImport + v5Assignments + v5Backfill + v5Reviews),
        (6, v6Recognition),
        (7, v7Retro + v7Feedback),
    ]

    /// The newest schema version this coach knows.
    public static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The version the database is at (0 for none), as anyone with a login may read it.
    static func version(_ connection: ServerConnection) throws -> Int {
        let exists = try connection.query("SELECT to_regclass('coach.schema_migration') IS NOT NULL")
        guard try exists.first?.decode(Bool.self) == true else { return 0 }
        let rows = try connection.query("SELECT coalesce(max(version), 0)::int FROM coach.schema_migration")
        return try rows.first?.decode(Int.self) ?? 0
    }

    /// Refuses a database without the schema, or at another version than this coach's: older
    /// ones wait for `org init` to upgrade them, newer ones for a newer coach.
    static func requireLatest(_ connection: ServerConnection) throws {
        let version = try OrgSchema.version(connection)
        guard version > 0 else { throw OrgStoreError.notInitialised(connection.address.redacted) }
        guard version <= latestVersion else { throw OrgStoreError.newerSchema(found: version, known: latestVersion) }
        guard version == latestVersion else {
            throw OrgStoreError.olderSchema(connection.address.redacted, found: version, needed: latestVersion)
        }
    }

    /// Applies the migrations the database lacks up to `target`, as `coach_owner`, inside the
    /// caller's transaction; returns the versions applied.
    static func migrate(_ connection: ServerConnection, upTo target: Int = latestVersion) throws -> [Int] {
        try connection.query("SET LOCAL ROLE coach_owner")
        try connection.query("""
            CREATE TABLE IF NOT EXISTS coach.schema_migration (
              version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
            """)
        // Two administrators running org init at once: the second waits, then finds it done.
        try connection.query("LOCK TABLE coach.schema_migration IN EXCLUSIVE MODE")
        let current = try version(connection)
        guard current <= latestVersion else { throw OrgStoreError.newerSchema(found: current, known: latestVersion) }
        var applied: [Int] = []
        for migration in migrations where migration.version > current && migration.version <= target {
            try connection.execute(script: migration.sql)
            try connection.query("INSERT INTO coach.schema_migration (version) VALUES (\(migration.version))")
            applied.append(migration.version)
        }
        return applied
    }
}
