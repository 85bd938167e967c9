import Foundation
import GRDB
import Testing
@testable import CoachStore

@Suite("Opening a store")
struct OpenStoreTests {
    @Test func migratesAnEmptyInMemoryDatabase() throws {
        let store = try AppDatabase.inMemory()
        let tables = [
            "team", "person", "goal", "kpi_actual", "survey_version", "session", "answer",
            "score", "question_mark", "action_item", "agenda_item",
        ]
        let (missing, foreignKeys) = try store.writer.read { db in
            (try tables.filter { try !db.tableExists($0) },
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(missing.isEmpty)
        #expect(foreignKeys == 1)
        #expect(try store.peopleCount() == 0)
    }

    @Test func createsAPrivateFolderAndFile() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("a/b/coach.sqlite").path
            _ = try AppDatabase.open(path: path)
            #expect(try permissions(folder.appendingPathComponent("a").path) == 0o700)
            #expect(try permissions(folder.appendingPathComponent("a/b").path) == 0o700)
            #expect(try permissions(path) == 0o600)
        }
    }

    @Test func fileStoreIsDurableWAL() throws {
        try withTemporaryFolder { folder in
            let store = try AppDatabase.open(path: folder.appendingPathComponent("coach.sqlite").path)
            let pragmas = try store.writer.read { db in
                try ["journal_mode", "synchronous", "foreign_keys"].map {
                    try String.fetchOne(db, sql: "PRAGMA \($0)")
                }
            }
            // WAL, synchronous FULL (2), foreign keys on. Waiting for a lock is coach's own busy
            // handler (LockWaitTests).
            #expect(pragmas == ["wal", "2", "1"])
        }
    }

    @Test func refusesAFileThatIsNotADatabase() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("notes.txt").path
            let bytes = Data("meeting notes, not a database\n".utf8)
            try bytes.write(to: URL(fileURLWithPath: path))
            let error = storeError { _ = try AppDatabase.open(path: path) }
            #expect(error == .notADatabase(path: path))
            #expect(error?.description.contains(path) == true)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        }
    }

    @Test func refusesAFileWithASQLiteHeaderButGarbageAfter() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("broken.sqlite").path
            let bytes = Data("SQLite format 3\0".utf8) + Data(repeating: 0xAB, count: 4096)
            try bytes.write(to: URL(fileURLWithPath: path))
            let error = storeError { _ = try AppDatabase.open(path: path) }
            #expect(error == .notADatabase(path: path))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        }
    }

    @Test func refusesAStoreFromANewerCoach() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            do {
                let store = try AppDatabase.open(path: path)
                try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
                try store.writer.write { db in
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
                }
            }  // closed here: the WAL is checkpointed into the file
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = storeError { _ = try AppDatabase.open(path: path) }
            #expect(error == .newerSchema(path: path, migrations: ["v99-future"]))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["coach.sqlite"])
        }
    }

    @Test func reportsAFolderThatCannotBeUsed() throws {
        try withTemporaryFolder { folder in
            let parent: URL
            if getuid() == 0 {
                // Root ignores permissions: a regular file as the parent fails for anyone.
                parent = folder.appendingPathComponent("plain-file")
                try Data("x".utf8).write(to: parent)
            } else {
                parent = folder.appendingPathComponent("read-only")
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: false)
                chmod(parent.path, 0o500)
            }
            defer { chmod(parent.path, 0o700) }
            let path = parent.appendingPathComponent("sub/coach.sqlite").path
            let error = try #require(storeError { _ = try AppDatabase.open(path: path) })
            guard case let .folderUnavailable(reported, _) = error else {
                Issue.record("expected folderUnavailable, got \(error)")
                return
            }
            #expect(reported.hasPrefix(parent.path))
            #expect(error.description.contains(parent.path))
        }
    }

    @Test func reopeningKeepsData() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            try AppDatabase.open(path: path)
                .addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            #expect(try AppDatabase.open(path: path).peopleCount() == 1)
        }
    }

    @Test func twoHandlesOnOneFileShareWrites() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let one = try AppDatabase.open(path: path)
            let two = try AppDatabase.open(path: path)
            try one.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            try two.addPerson(name: "Mia", role: .manager, team: "North", manager: nil, by: "Hana")
            #expect(try one.people().map(\.name) == ["Hana", "Mia"])
        }
    }

    @Test("a bulk load writes through a rollback journal, then the store is WAL again; a rollback is whole")
    func rollbackJournalForBulkLoads() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let store = try AppDatabase.open(path: path)
            func mode() throws -> String? { try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } }
            var during: String?
            try store.withRollbackJournal {
                during = try mode()
                _ = try store.bulkImport { importer in
                    try importer.addPerson(ImportedPerson(name: "Hana", role: .hr, team: nil, managerID: nil,
                                                          shareWellbeing: nil, createdAt: Date()))
                }
                // A failed import leaves nothing behind.
                struct Stop: Error {}
                #expect(throws: Stop.self) {
                    try store.bulkImport { importer in
                        try importer.addPerson(ImportedPerson(name: "Mia", role: .manager, team: "North", managerID: nil,
                                                              shareWellbeing: nil, createdAt: Date()))
                        throw Stop()
                    }
                }
            }
            #expect(during == "delete")
            #expect(try mode() == "wal")
            // The import's connection settings are put back (statement journals on file again).
            #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") } == 0)
            #expect(try AppDatabase.open(path: path).people().map(\.name) == ["Hana"])
        }
    }

    @Test("with the store open elsewhere, a bulk load keeps the write-ahead log")
    func rollbackJournalNeedsTheStoreAlone() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let store = try AppDatabase.open(path: path)
            let other = try AppDatabase.open(path: path)
            #expect(try other.peopleCount() == 0)
            try store.withRollbackJournal {
                #expect(try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
                try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            }
            #expect(try other.peopleCount() == 1)
        }
    }
}
