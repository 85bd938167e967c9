import Foundation

/// Watches the store file an `AppDatabase` opened, around its writes.
///
/// Before each write it checks that the path still names the file coach opened: a file replaced
/// (renamed over, restored from a copy) or removed while a session runs would otherwise keep
/// acknowledging answers into a file nobody will open again. After the first write it checks
/// SQLite's `-wal` and `-shm` files once more (owned by the user, 0600).
final class StoreFileWatch: @unchecked Sendable {
    let file: OpenedStoreFile
    private let lock = NSLock()
    private var sideFilesChecked = false

    init(_ file: OpenedStoreFile) { self.file = file }

    /// Throws `storeReplaced` unless the store's path still names the file coach opened.
    func ensureUnchanged() throws {
        guard StoreFile.identity(of: file.path) == file.identity else {
            throw StoreError.storeReplaced(path: file.path)
        }
    }

    /// After a committed write: the first time, checks the `-wal` and `-shm` files.
    func wrote() throws {
        let first: Bool = lock.withLock {
            defer { sideFilesChecked = true }
            return !sideFilesChecked
        }
        if first { try StoreFile.adoptSideFiles(of: file.target) }
    }
}
