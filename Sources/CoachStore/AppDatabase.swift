import CSQLiteSettings
import Foundation
import GRDB

/// The coach store: one SQLite database, reached only through intent methods
/// (`addPerson`, `saveAnswer`, `completeSession`, ...), each one transaction.
public struct AppDatabase: Sendable {
    /// The connection; intent methods are the only way in.
    let writer: any DatabaseWriter
    /// The store file, watched around writes; nil in memory and when opened for reading.
    let watch: StoreFileWatch?
    /// SQLite's busy handler: how long a wait for another process's lock lasted.
    let waiter: LockWaiter
    /// The store's path as given, for messages.
    let path: String
    /// The calendar whose time zone places a completed session in its ISO week (`WeeklyScores`).
    public var calendar: Calendar = .current
    /// This opened store's claim on the sessions it runs (`SessionClaim`).
    let claim = SessionClaim.current()
    /// The newest schema version this coach writes (`v9`), for `coach --version`.
    public static var schemaVersion: String { Schema.knownMigrations.last ?? "none" }

    /// Opens (creating if needed) the store at `path` for reading and writing, and migrates it
    /// to the current schema.
    ///
    /// The folder is created 0700 and a new file 0600; an existing file must be a regular file
    /// the user owns, and loses any group and other permissions (`StoreFile`). Commits are
    /// durable (WAL, `synchronous = FULL`). A command waits for another coach process's lock as
    /// `lockWait` says (30 s, saying so after 1 s). A file that is not a SQLite database, or a
    /// store written by a newer coach, is refused and left byte-for-byte unchanged. Every write
    /// first checks that `path` still names the file opened (`StoreError.storeReplaced`).
    public static func open(path: String, lockWait: LockWait = .standard) throws -> AppDatabase {
        let file = try StoreFile.adoptForWriting(path: path)
        let waiter = LockWaiter(lockWait)
        do {
            let queue = try DatabaseQueue(path: file.sqlitePath, configuration: configuration(waiter))
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
            guard StoreFile.identity(of: path) == file.identity else {
                throw StoreError.fileUnavailable(path: path, reason: "it was replaced while coach was opening it; try again")
            }
            try StoreFile.adoptSideFiles(of: file.target)
            try Schema.migrator.migrate(queue)
            return AppDatabase(writer: queue, watch: StoreFileWatch(file), waiter: waiter, path: path)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, waiter: waiter)
        }
    }

    /// Opens the existing store at `path` for reading only, for `check`: nothing is created,
    /// migrated or chmod-ed, and the file may belong to anyone who lets the user read it (a
    /// 0400 copy made by `coach backup` is fine). A store with an older schema is refused
    /// (`olderSchema`: `check --repair` opens it for writing and migrates it), as is one from a
    /// newer coach, and one with a transaction left to roll back (`interruptedWrite`).
    public static func openForReading(path: String, lockWait: LockWait = .standard) throws -> AppDatabase {
        let file = try StoreFile.inspectForReading(path: path)
        let waiter = LockWaiter(lockWait)
        var config = configuration(waiter)
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: file.sqlitePath, configuration: config)
            let (unknown, missing) = try queue.read { db in (try unknownMigrations(db), try missingMigrations(db)) }
            guard unknown.isEmpty else { throw StoreError.newerSchema(path: path, migrations: unknown) }
            guard missing.isEmpty else { throw StoreError.olderSchema(path: path, missing: missing) }
            return AppDatabase(writer: queue, watch: nil, waiter: waiter, path: path)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_READONLY_ROLLBACK {
            throw StoreError.interruptedWrite(path: path)
        } catch let error as DatabaseError {
            throw StoreError(error, path: path, waiter: waiter)
        }
    }

    /// An empty, migrated in-memory store, for tests.
    public static func inMemory() throws -> AppDatabase {
        let waiter = LockWaiter(.standard)
        do {
            let queue = try DatabaseQueue(configuration: configuration(waiter))
            try Schema.migrator.migrate(queue)
            return AppDatabase(writer: queue, watch: nil, waiter: waiter, path: ":memory:")
        } catch let error as DatabaseError {
            throw StoreError(error, path: ":memory:", waiter: waiter)
        }
    }

    private init(writer: any DatabaseWriter, watch: StoreFileWatch?, waiter: LockWaiter, path: String) {
        self.writer = writer
        self.watch = watch
        self.waiter = waiter
        self.path = path
    }

    /// SQLite's process-wide settings (`coach_sqlite_configure`), applied once before the first
    /// connection opens.
    private static let sqliteConfigured: Bool = coach_sqlite_configure() == 0

    private static func configuration(_ waiter: LockWaiter) -> Configuration {
        _ = sqliteConfigured
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = waiter.busyMode
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

    /// Migrations this build knows that the store has not had: an older coach wrote it.
    private static func missingMigrations(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return Schema.knownMigrations }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return Schema.knownMigrations.filter { !applied.contains($0) }
    }

    // MARK: - Transactions mapping errors to StoreError

    /// Runs `updates` in one write transaction; database errors become `StoreError`.
    /// First checks that the store file is still the one opened (`storeReplaced` otherwise).
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            let result = try writer.write { db in
                try watch?.ensureUnchanged()
                return try updates(db)
            }
            try watch?.wrote()
            return result
        } catch let error as StoreError where error.isStoreReplaced {
            checkpointIntoOpenedFile()
            throw error
        } catch let error as DatabaseError {
            throw storeError(error)
        }
    }

    /// After the store file was replaced or removed: moves everything committed from the
    /// write-ahead log into the file coach opened (wherever it is now) and empties the log, so
    /// that file holds every acknowledged answer and the file now at the path never reads this
    /// store's log as its own. Best effort: a failure leaves the log to SQLite's next close.
    func checkpointIntoOpenedFile() {
        _ = try? writer.writeWithoutTransaction { db in
            try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
    }

    /// Runs `value` in one read transaction; database errors become `StoreError`.
    func read<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(value)
        } catch let error as DatabaseError {
            throw storeError(error)
        }
    }

    /// `error` as a `StoreError` about this store.
    func storeError(_ error: DatabaseError) -> StoreError {
        StoreError(error, path: path, waiter: waiter)
    }
}

extension StoreError {
    /// Maps a GRDB error: a file that is not a database gets its own case, and a lock that
    /// outlasted the wait says how long `waiter` waited.
    init(_ error: DatabaseError, path: String, waiter: LockWaiter?) {
        switch error.resultCode {
        case .SQLITE_BUSY:
            self = .locked(path: path, seconds: waiter?.takeGiveUpSeconds() ?? 0)
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
