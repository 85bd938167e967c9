import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path named: its device and inode. A file replaced by another (a rename over
/// it, a restore from a copy) has another identity; a file moved elsewhere keeps its own.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}

/// The store file as coach opened it.
struct OpenedStoreFile: Sendable {
    /// The path as given (`--store`), for messages and for noticing a replacement.
    let path: String
    /// The file's absolute path with symbolic links resolved: what SQLite opens, and beside
    /// which it keeps its `-wal` and `-shm` files.
    let target: String
    /// The file coach adopted or inspected.
    let identity: FileIdentity
    /// Read it as it stands (SQLite's `immutable`): a read-only copy nobody writes.
    let immutable: Bool

    /// What to hand SQLite: the absolute path (never taken for a URI), or a read-only,
    /// immutable `file:` URI.
    var sqlitePath: String {
        guard immutable else { return target }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = target.addingPercentEncoding(withAllowedCharacters: allowed) ?? target
        return "file:\(encoded)?mode=ro&immutable=1"
    }
}

/// What kind of file `stat` found.
enum FileKind: Equatable {
    case regular, folder, fifo, socket, device, link, other

    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        case S_IFCHR, S_IFBLK: self = .device
        case S_IFLNK: self = .link
        default: self = .other
        }
    }

    /// "a FIFO", "a socket", ...
    var phrase: String {
        switch self {
        case .regular: return "a regular file"
        case .folder: return "a folder"
        case .fifo: return "a FIFO"
        case .socket: return "a socket"
        case .device: return "a device"
        case .link: return "a symbolic link"
        case .other: return "a special file"
        }
    }
}

/// An existing file at a store path, opened for inspection only when it is a regular file:
/// a FIFO, socket, device or folder is refused from `lstat` alone, so nothing blocks.
struct ExistingFile {
    /// The file's absolute path, symbolic links resolved.
    let target: String
    let descriptor: Int32
    /// `fstat` of the open file.
    let info: stat
    private let path: String

    init(path: String) throws {
        self.path = path
        target = try StoreFile.realPath(path)
        var link = stat()
        guard lstat(target, &link) == 0 else { throw StoreFile.unavailable(path) }
        let kind = FileKind(link)
        guard kind == .regular else {
            let what = target == path ? "it is \(kind.phrase)" : "it is a symbolic link to \(kind.phrase)"
            throw StoreError.fileUnavailable(path: path, reason: "\(what), not a regular file")
        }
        let fd = open(target, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreFile.unavailable(path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = StoreFile.unavailable(path)
            close(fd)
            throw error
        }
        guard FileKind(info) == .regular, FileIdentity(info) == FileIdentity(link) else {
            close(fd)
            throw StoreError.fileUnavailable(path: path, reason: "it changed while coach was opening it; try again")
        }
        descriptor = fd
        self.info = info
    }

    /// Closes the descriptor.
    func release() { close(descriptor) }

    /// Throws `notADatabase` when the file is non-empty and does not start with the SQLite header.
    func checkHeader() throws {
        guard info.st_size > 0 else { return }  // SQLite turns an empty file into a database
        var header = [UInt8](repeating: 0, count: StoreFile.sqliteHeader.count)
        let count = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count == StoreFile.sqliteHeader.count, header == StoreFile.sqliteHeader else {
            throw StoreError.notADatabase(path: path)
        }
    }
}
