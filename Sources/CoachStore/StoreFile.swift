import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prepares the store's folder and file before SQLite sees them: private permissions,
/// and a check that an existing file is a SQLite database (so a wrong `--store` is never touched).
enum StoreFile {
    /// The 16-byte header every SQLite 3 database starts with.
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

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

    /// Creates the file with mode 0600 if missing; otherwise checks that a non-empty file
    /// starts with the SQLite header. Never modifies an existing file.
    static func prepareFile(at path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            defer { close(fd) }
            fchmod(fd, 0o600)  // exact, whatever the umask
            return
        }
        guard errno == EEXIST else {
            throw StoreError.fileUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        try checkHeader(at: path)
        guard access(path, R_OK | W_OK) == 0 else {
            throw StoreError.fileUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Throws `notADatabase` when the file is non-empty and does not start with the SQLite header.
    static func checkHeader(at path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StoreError.fileUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw StoreError.fileUnavailable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError.fileUnavailable(path: path, reason: "it is not a regular file")
        }
        guard info.st_size > 0 else { return }  // SQLite turns an empty file into a database
        var header = [UInt8](repeating: 0, count: sqliteHeader.count)
        let count = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count == sqliteHeader.count, header == sqliteHeader else {
            throw StoreError.notADatabase(path: path)
        }
    }
}
