import Foundation

/// Watches the store file an `AppDatabase` opened, around its writes: after the first write it
/// checks SQLite's `-wal` and `-shm` files once more (owned by the user, 0600).
final class StoreFileWatch: @unchecked Sendable {
    let file: OpenedStoreFile
    private let lock = NSLock()
    private var sideFilesChecked = false

    init(_ file: OpenedStoreFile) { self.file = file }

    /// After a committed write: the first time, checks the `-wal` and `-shm` files.
    func wrote() throws {
        let first: Bool = lock.withLock {
            defer { sideFilesChecked = true }
            return !sideFilesChecked
        }
        if first { try StoreFile.adoptSideFiles(of: file.target) }
    }
}
