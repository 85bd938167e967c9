import CSQLiteSettings
import Foundation
import GRDB

/// The coach store: one SQLite database, reached only through intent methods
/// (`addPerson`, `saveAnswer`, `completeSession`, ...), each one transaction.
public struct AppDatabase: Sendable {
    /// The connection; intent methods are the only way in.
    let writer: any DatabaseWriter
    /// The calendar whose time zone places a completed session in its ISO week (`WeeklyScores`).
    public var calendar: Calendar = .current
    /// This opened store's claim on the sessions it runs (`SessionClaim`).
    let claim = SessionClaim.current()

    /// Opens (creating if needed) the store at `path`, and migrates it to the current schema.
    ///
    /// The folder is created 0700 and a new file 0600. Commits are durable (WAL,
    /// `synchronous = FULL`), and concurrent coach processes wait up to 5 s for each other.
    /// A file that is not a SQLite database, or a store written by a newer coach, is
    /// refused and left byte-for-byte unchanged.
    public static func open(path: String) throws -> AppDatabase {
        try StoreFile.prepareFolder(for: path)
        try StoreFile.prepareFile(at: path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration())
            // Refuse a newer store before anything writes to it (even the journal mode).
            let unknown = try queue.read { db in try unknownMigrations(db) }
            guard unknown.isEmpty else {
                throw StoreError.newerSchema(path: path, migrations: unknown)
            }
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw StoreError.fileUnavailable(path: path, reason: "cannot turn on WAL journaling")
                }
            }
            return try AppDatabase(queue)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        }
    }

    /// An empty, migrated in-memory store, for tests.
    public static func inMemory() throws -> AppDatabase {
        do {
            return try AppDatabase(DatabaseQueue(configuration: configuration()))
        } catch let error as DatabaseError {
            throw StoreError(error, path: ":memory:")
        }
    }

    private init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Schema.migrator.migrate(writer)
    }

    /// SQLite's process-wide settings (`coach_sqlite_configure`), applied once before the first
    /// connection opens.
    private static let sqliteConfigured: Bool = coach_sqlite_configure() == 0

    private static func configuration() -> Configuration {
        _ = sqliteConfigured
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.label = "coach.store"
        config.prepareDatabase { db in
            // An acknowledged answer survives power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Applied migrations this build does not know: a newer coach wrote the store.
    private static func unknownMigrations(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return [] }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        let known = Set(Schema.knownMigrations)
        return applied.filter { !known.contains($0) }
    }

    // MARK: - Transactions mapping errors to StoreError

    /// Runs `updates` in one write transaction; database errors become `StoreError`.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try writer.write(updates)
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path)
        }
    }

    /// Runs `value` in one read transaction; database errors become `StoreError`.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(value)
        } catch let error as DatabaseError {
            throw StoreError(error, path: writer.path)
        }
    }
}

extension StoreError {
    /// Maps a GRDB error: a file that is not a database gets its own case.
    init(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_NOTADB:
            self = .notADatabase(path: path)
        case .SQLITE_CORRUPT:
            self = .damaged(path: path, reason: error.message ?? "database disk image is malformed")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            self = .fileUnavailable(path: path, reason: error.message ?? "\(error.resultCode)")
        default:
            self = .database(error.message ?? "\(error)")
        }
    }
}

extension AppDatabase {
    /// How many people the store holds.
    public func peopleCount() throws -> Int {
        try read { db in try Person.fetchCount(db) }
    }
}
