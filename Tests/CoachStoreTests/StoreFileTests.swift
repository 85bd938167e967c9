import Foundation
import Testing
@testable import CoachStore
#if canImport(Glibc)
import Glibc
#endif

/// What coach accepts as its store file, and what it makes of it: special files refused at
/// once, only the user's own regular files adopted, and everything made private.
@Suite("The store file")
struct StoreFileTests {
    /// A file at a store path that is not a regular file.
    enum Special: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case fifo, socket, folder, deviceLink

        var testDescription: String { rawValue }

        /// What the refusal says.
        var reason: String {
            switch self {
            case .fifo: return "it is a FIFO, not a regular file"
            case .socket: return "it is a socket, not a regular file"
            case .folder: return "it is a folder, not a regular file"
            case .deviceLink: return "it is a symbolic link to a device, not a regular file"
            }
        }

        /// Makes it at `path`; returns what to close afterwards (-1 for nothing).
        func make(at path: String) throws -> Int32 {
            switch self {
            case .fifo:
                try #require(mkfifo(path, 0o600) == 0)
                // Held open for both reading and writing, so that a coach that opened the FIFO
                // after all would fail this test instead of hanging it.
                return open(path, O_RDWR | O_NONBLOCK)
            case .socket:
                return try bindSocket(at: path)
            case .folder:
                try #require(mkdir(path, 0o700) == 0)
                return -1
            case .deviceLink:
                try #require(symlink("/dev/null", path) == 0)
                return -1
            }
        }
    }

    @Test("a FIFO, socket, folder or device is refused at once with what it is", arguments: Special.allCases)
    func refusesSpecialFiles(_ special: Special) throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let held = try special.make(at: path)
            defer { if held >= 0 { close(held) } }
            for attempt in [{ _ = try AppDatabase.open(path: path) }, { _ = try AppDatabase.openForReading(path: path) }] {
                let error = storeError(attempt)
                #expect(error == .fileUnavailable(path: path, reason: special.reason))
                #expect(error?.description.contains(special.reason) == true)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["coach.sqlite"])
        }
    }

    @Test("a symbolic link to a file of one's own is followed; SQLite's files go beside the file it points to")
    func followsASymbolicLink() throws {
        try withTemporaryFolder { folder in
            let real = folder.appendingPathComponent("real/coach.sqlite").path
            let link = folder.appendingPathComponent("coach.sqlite").path
            try FileManager.default.createDirectory(atPath: (real as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: real, contents: nil, attributes: [.posixPermissions: 0o644]))
            #expect(symlink(real, link) == 0)
            let store = try AppDatabase.open(path: link)
            try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            #expect(try permissions(real) == 0o600)
            #expect(FileManager.default.fileExists(atPath: real + "-wal"))
            #expect(!FileManager.default.fileExists(atPath: link + "-wal"))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
            #expect(try AppDatabase.openForReading(path: link).peopleCount() == 1)
        }
    }

    @Test("an empty file another process created 0666 is adopted 0600, and so are SQLite's -wal and -shm")
    func adoptsAnOpenFileAsPrivate() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o666)
            try #require(fd >= 0)
            fchmod(fd, 0o666)  // whatever the umask
            close(fd)
            #expect(try permissions(path) == 0o666)
            let store = try AppDatabase.open(path: path)
            try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            #expect(try permissions(path) == 0o600)
            #expect(try permissions(path + "-wal") == 0o600)
            #expect(try permissions(path + "-shm") == 0o600)
        }
    }

    @Test("-wal and -shm files left 0666 beside the store (by a crash, say) are made 0600")
    func tightensLeftoverSideFiles() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            _ = try AppDatabase.open(path: path)  // closed again: SQLite removes its -wal and -shm
            // Not empty: SQLite itself gives an empty one the store's mode when it opens it.
            for side in [path + "-wal", path + "-shm"] {
                #expect(FileManager.default.createFile(atPath: side, contents: Data(count: 4096)))
                chmod(side, 0o666)
            }
            let store = try AppDatabase.open(path: path)
            try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            #expect(try permissions(path + "-wal") == 0o600)
            #expect(try permissions(path + "-shm") == 0o600)
        }
    }

    @Test("an existing store loses its group and other permissions, and is never given more")
    func existingModes() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            _ = try AppDatabase.open(path: path)
            chmod(path, 0o644)
            _ = try AppDatabase.open(path: path)
            #expect(try permissions(path) == 0o600)
            chmod(path, 0o400)
            // Refused for writing unless root (who writes any file); either way still 0400.
            _ = try? AppDatabase.open(path: path)
            #expect(try permissions(path) == 0o400)
        }
    }

    static let isRoot = geteuid() == 0

    @Test("a store file owned by another user is refused, naming the owner, and left as it was",
          .enabled(if: isRoot, "only root can give a file to another user: run as root (as CI does) to check this"))
    func refusesAnotherUsersFile() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            _ = try AppDatabase.open(path: path)
            let empty = folder.appendingPathComponent("planted.sqlite").path
            #expect(FileManager.default.createFile(atPath: empty, contents: nil, attributes: [.posixPermissions: 0o666]))
            for file in [path, empty] {
                try #require(chown(file, 65534, 65534) == 0)
                let before = try FileManager.default.attributesOfItem(atPath: file)
                let error = storeError { _ = try AppDatabase.open(path: file) }
                #expect(error == .ownedByAnotherUser(path: file, owner: 65534, user: geteuid()))
                #expect(error?.description.contains("uid 65534") == true)
                #expect(error?.description.contains("coach backup") == true)
                let after = try FileManager.default.attributesOfItem(atPath: file)
                #expect((after[.posixPermissions] as? NSNumber) == (before[.posixPermissions] as? NSNumber))
                #expect((after[.ownerAccountID] as? NSNumber)?.intValue == 65534)
            }
        }
    }

    @Test("a -wal or -shm file owned by another user beside the store is refused",
          .enabled(if: isRoot, "only root can give a file to another user: run as root (as CI does) to check this"), arguments: ["-wal", "-shm"])
    func refusesAnotherUsersSideFile(_ suffix: String) throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            _ = try AppDatabase.open(path: path)
            let side = path + suffix
            #expect(FileManager.default.createFile(atPath: side, contents: nil, attributes: [.posixPermissions: 0o600]))
            try #require(chown(side, 65534, 65534) == 0)
            let error = storeError { _ = try AppDatabase.open(path: path) }
            #expect(error == .ownedByAnotherUser(path: side, owner: 65534, user: geteuid()))
        }
    }
}

/// A Unix socket bound at `path`; returns its descriptor.
private func bindSocket(at path: String) throws -> Int32 {
    #if canImport(Glibc)
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    try #require(fd >= 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in bytes.enumerated() { raw[index] = byte }
        raw[bytes.count] = 0
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    try #require(bound == 0)
    return fd
}
