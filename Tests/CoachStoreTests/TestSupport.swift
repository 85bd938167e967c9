import CoachCore
import Foundation
@testable import CoachStore

/// A fresh temporary folder, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("coach-store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer {
        // Restore permissions a test may have removed, so the cleanup succeeds.
        chmod(folder.path, 0o700)
        try? FileManager.default.removeItem(at: folder)
    }
    return try body(folder)
}

/// The POSIX permission bits of the file or folder at `path`.
func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// An in-memory store with a small organisation:
/// HR "Hana"; managers "Mia" (team North) and "Max" (team South); reps "Rita" (Mia) and "Rob" (Max).
func sampleStore() throws -> AppDatabase {
    let store = try AppDatabase.inMemory()
    try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
    try store.addPerson(name: "Mia", role: .manager, team: "North", manager: nil, by: "Hana")
    try store.addPerson(name: "Max", role: .manager, team: "South", manager: nil, by: "Hana")
    try store.addPerson(name: "Rita", role: .rep, team: "North", manager: nil, by: "Hana")
    try store.addPerson(name: "Rob", role: .rep, team: nil, manager: "Max", by: "Hana")
    return store
}

/// Runs `body` expecting it to throw a `StoreError`, and returns that error (nil otherwise).
func storeError(_ body: () throws -> Void) -> StoreError? {
    do {
        try body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        return .database("unexpected error type: \(error)")
    }
}
