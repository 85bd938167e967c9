import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prepares the store's folder and file before SQLite sees them, so a wrong `--store` is never
/// touched and the file coach writes to is private.
///
/// For writing, coach adopts the file: it creates it 0600 in a 0700 folder, or takes an existing
/// one only if it is a regular file owned by the user running coach (`geteuid`) that is empty or
/// starts with the SQLite header, and then removes every group and other permission (0666 becomes
/// 0600; a 0400 file stays 0400 and is refused as not writable). SQLite's `-wal` and `-shm` files
/// beside it must be regular files the user owns too, and are made 0600.
///
/// A symbolic link is followed, as `sqlite3` does: the rules apply to the file it points to,
/// and SQLite keeps its `-wal` and `-shm` files beside that file. A FIFO, socket, device or
/// folder is refused at once, without being opened.
///
/// None of this protects the file from its owner, from root, or from anyone who can read the
/// folder's backups: it keeps coach from writing answers into a file others can read, or into
/// someone else's file.
enum StoreFile {
    /// The 16-byte header every SQLite 3 database starts with.
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// The store file at `path`, ready for SQLite to open for reading and writing: created 0600
    /// if missing (with its folder), else adopted by the rules above.
    static func adoptForWriting(path: String) throws -> OpenedStoreFile {
        try prepareFolder(for: path)
        let created = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if created >= 0 {
            defer { close(created) }
            fchmod(created, 0o600)  // exact, whatever the umask
            var info = stat()
            guard fstat(created, &info) == 0 else { throw unavailable(path) }
            return OpenedStoreFile(path: path, target: try realPath(path), identity: FileIdentity(info), immutable: false)
        }
        guard errno == EEXIST else { throw unavailable(path) }
        let file = try ExistingFile(path: path)
        defer { file.release() }
        let user = geteuid()
        guard file.info.st_uid == user else {
            throw StoreError.ownedByAnotherUser(path: path, owner: UInt32(file.info.st_uid), user: UInt32(user))
        }
        try file.checkHeader()
        let mode = file.info.st_mode & 0o7777
        if mode != mode & 0o600, fchmod(file.descriptor, mode & 0o600) != 0 {
            throw StoreError.fileUnavailable(path: path, reason: "it cannot be made private (\(String(cString: strerror(errno))))")
        }
        guard access(file.target, R_OK | W_OK) == 0 else { throw unavailable(path) }
        try adoptSideFiles(of: file.target)
        return OpenedStoreFile(path: path, target: file.target, identity: FileIdentity(file.info), immutable: false)
    }

    /// The existing store file at `path`, ready for SQLite to open read-only (for `check`):
    /// a regular file the user can read, empty or starting with the SQLite header, whoever owns
    /// it. Nothing is created and no permission changes. A copy that cannot be written (no write
    /// permission, or a folder coach cannot write) with no `-wal` or `-journal` file beside it is
    /// read as it stands (SQLite's immutable mode), so SQLite creates no `-wal` or `-shm` file
    /// beside it.
    static func inspectForReading(path: String) throws -> OpenedStoreFile {
        var link = stat()
        if lstat(path, &link) != 0, errno == ENOENT {
            throw StoreError.fileUnavailable(path: path, reason: "it does not exist")
        }
        let file = try ExistingFile(path: path)
        defer { file.release() }
        try file.checkHeader()
        guard access(file.target, R_OK) == 0 else { throw unavailable(path) }
        var journal = stat()
        let hasLog = lstat(file.target + "-wal", &journal) == 0 || lstat(file.target + "-journal", &journal) == 0
        let folder = (file.target as NSString).deletingLastPathComponent
        let unwritable = file.info.st_mode & 0o222 == 0 || access(folder.isEmpty ? "/" : folder, W_OK) != 0
        return OpenedStoreFile(path: path, target: file.target, identity: FileIdentity(file.info),
                               immutable: !hasLog && unwritable)
    }

    /// Checks SQLite's `-wal` and `-shm` files beside the store file `target`, where they
    /// exist: regular files owned by the user, made 0600 if they are not.
    static func adoptSideFiles(of target: String) throws {
        for side in [target + "-wal", target + "-shm"] {
            var link = stat()
            guard lstat(side, &link) == 0 else {
                if errno == ENOENT { continue }  // SQLite creates it with the store file's mode
                throw unavailable(side)
            }
            guard FileKind(link) == .regular else {
                throw StoreError.fileUnavailable(path: side, reason: "it is \(FileKind(link).phrase), not SQLite's own file")
            }
            let user = geteuid()
            guard link.st_uid == user else {
                throw StoreError.ownedByAnotherUser(path: side, owner: UInt32(link.st_uid), user: UInt32(user))
            }
            guard link.st_mode & 0o7777 != 0o600 else { continue }
            let fd = open(side, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)
            guard fd >= 0 else {
                if errno == ENOENT { continue }  // removed meanwhile by the last SQLite to close
                throw unavailable(side)
            }
            defer { close(fd) }
            guard fchmod(fd, 0o600) == 0 else {
                throw StoreError.fileUnavailable(path: side, reason: "it cannot be made private (\(String(cString: strerror(errno))))")
            }
        }
    }

    /// Which file `path` names now (symbolic links followed); nil if none.
    static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        return stat(path, &info) == 0 ? FileIdentity(info) : nil
    }

    // MARK: - The folder

    /// Creates the folder holding `path` (and missing parents) with mode 0700, and checks it
    /// is writable.
    static func prepareFolder(for path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let target = folder.isEmpty ? "." : folder
        try createFolder(target)
        guard access(target, W_OK | X_OK) == 0 else {
            throw StoreError.folderUnavailable(path: target, reason: String(cString: strerror(errno)))
        }
    }

    /// `mkdir -p` with mode 0700 for each folder it creates; existing folders are left alone.
    private static func createFolder(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError.folderUnavailable(path: folder, reason: "it is a file, not a folder")
            }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != folder {
            try createFolder(parent)
        }
        if mkdir(folder, 0o700) != 0 {
            let error = errno
            if error == EEXIST { return }  // created concurrently by another coach
            throw StoreError.folderUnavailable(path: folder, reason: String(cString: strerror(error)))
        }
        chmod(folder, 0o700)  // mkdir's mode is filtered by the umask; make it exact
    }

    // MARK: - Helpers

    /// `fileUnavailable` for `path` with the reason `errno` gives.
    static func unavailable(_ path: String) -> StoreError {
        .fileUnavailable(path: path, reason: String(cString: strerror(errno)))
    }

    /// `path` with symbolic links resolved, absolute.
    static func realPath(_ path: String) throws -> String {
        guard let resolved = realpath(path, nil) else {
            if errno == ENOENT { throw StoreError.fileUnavailable(path: path, reason: "it is a symbolic link to a missing file") }
            throw unavailable(path)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
