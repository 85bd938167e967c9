import CoachCore
import CoachOrgStore
import Foundation

/// The throwaway PostgreSQL server the organisation store's tests run against: the one
/// `scripts/test` started (its parameters in `COACH_TEST_PG*`), or else one started here with
/// `scripts/pg-test-server` and stopped when the test process exits. Each test makes its own
/// database with `makeDatabase()`; logins are server-wide, so tests name them uniquely.
public final class TestPostgres: Sendable {
    /// The folder holding the server's Unix socket.
    public let socketFolder: String
    public let port: Int
    /// The `postgres` superuser's password, for TCP logins.
    public let superuserPassword: String
    /// The throwaway certificate authority of the server's TLS certificate.
    public let certificateAuthority: String?

    init(socketFolder: String, port: Int, superuserPassword: String, certificateAuthority: String?) {
        self.socketFolder = socketFolder
        self.port = port
        self.superuserPassword = superuserPassword
        self.certificateAuthority = certificateAuthority
    }

    /// The server, started on first use.
    public static func server() throws -> TestPostgres { try shared.get() }

    private static let shared: Result<TestPostgres, any Error> = Result { try startOrFind() }

    /// The superuser over the socket (trust), on `database`.
    public func administrator(database: String = "postgres") -> ServerAddress {
        ServerAddress(host: socketFolder, port: port, user: "postgres", database: database, password: nil, sslMode: .disable)
    }

    /// `login` over the socket (trust: no password), on `database`.
    public func socket(login: String, database: String) -> ServerAddress {
        ServerAddress(host: socketFolder, port: port, user: login, database: database, password: nil, sslMode: .disable)
    }

    /// `login` over TCP to 127.0.0.1, where the server asks for the password.
    public func tcp(login: String, password: String?, database: String,
                    sslMode: ServerAddress.SSLMode = .disable, host: String = "127.0.0.1") -> ServerAddress {
        ServerAddress(host: host, port: port, user: login, database: database, password: password, sslMode: sslMode,
                      sslRootCert: certificateAuthority)
    }

    /// A new empty database with a unique name.
    public func makeDatabase() throws -> String {
        let name = "coach_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try ServerConnection.open(administrator())
        defer { admin.close() }
        try admin.execute(script: "CREATE DATABASE \(name)")
        return name
    }

    /// A login name no other test uses.
    public static func uniqueLogin(_ base: String) -> String {
        base + "_" + UUID().uuidString.prefix(8).lowercased()
    }

    private static func startOrFind() throws -> TestPostgres {
        let environment = ProcessInfo.processInfo.environment
        if let host = environment["COACH_TEST_PGHOST"], let port = environment["COACH_TEST_PGPORT"].flatMap(Int.init) {
            return TestPostgres(socketFolder: host, port: port, superuserPassword: environment["COACH_TEST_PGPASSWORD"] ?? "",
                                certificateAuthority: environment["COACH_TEST_PG_CA"])
        }
        let started = try start(tls: true)
        startedFolder = started.folder
        stopScript = script
        // At exit Foundation's Process may no longer run (it can hang there): a plain spawn instead.
        atexit {
            guard let dir = TestPostgres.startedFolder, let script = TestPostgres.stopScript else { return }
            _ = CleanSpawn.shell("'\(script)' stop '\(dir)' >/dev/null 2>&1")
        }
        return started.server
    }

    /// scripts/pg-test-server.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/pg-test-server").path

    /// Starts a new throwaway server with scripts/pg-test-server; its folder is where it lives.
    static func start(tls: Bool, durable: Bool = false) throws -> (server: TestPostgres, folder: String) {
        // A plain spawn, not Foundation's Process: started from a lazy static, a Process was never
        // reaped here (its termination handler did not run), and the tests hung. Not system(3)
        // either: the server would inherit other tests' pipes and hold them open (`CleanSpawn`).
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("pg-test-server-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        let status = CleanSpawn.shell("PG_TEST_TLS=\(tls ? 1 : 0) PG_TEST_DURABLE=\(durable ? 1 : 0) '\(script)' start > '\(outputFile)'")
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard status == 0, let dir = values["PG_TEST_DIR"], let host = values["PGHOST"],
              let port = values["PGPORT"].flatMap(Int.init) else {
            throw TestPostgresError.cannotStart("scripts/pg-test-server start failed (status \(status)); its message is above")
        }
        return (TestPostgres(socketFolder: host, port: port, superuserPassword: values["PGPASSWORD"] ?? "",
                             certificateAuthority: values["PG_TEST_CA"]), dir)
    }

    nonisolated(unsafe) private static var startedFolder: String?
    nonisolated(unsafe) private static var stopScript: String?
}

/// A server of one test's own, which it may crash and restart (the shared one other tests use
/// must stay up). Stop it when done.
public final class DedicatedPostgres: Sendable {
    public let server: TestPostgres
    private let folder: String

    /// A new server whose commits wait for the write-ahead log, so a crash keeps them.
    public init() throws {
        (server, folder) = try TestPostgres.start(tls: false, durable: true)
    }

    /// Stops the server at once, as a crash or a power cut would.
    public func halt() throws { try control("halt") }

    /// Starts the halted server again on the same socket and port.
    public func restart() throws { try control("restart") }

    /// Stops the server and removes its folder.
    public func stop() { _ = try? control("stop") }

    private func control(_ action: String) throws {
        let status = CleanSpawn.shell("'\(TestPostgres.script)' \(action) '\(folder)' >/dev/null 2>&1")
        guard status == 0 else { throw TestPostgresError.cannotStart("scripts/pg-test-server \(action) failed (status \(status))") }
    }
}

/// The throwaway server could not be started.
public enum TestPostgresError: Error, CustomStringConvertible {
    case cannotStart(String)
    public var description: String {
        switch self {
        case let .cannotStart(reason):
            return "no PostgreSQL server for the organisation store's tests: \(reason). Run the tests with scripts/test, "
                + "or install the PostgreSQL server binaries (scripts/setup)."
        }
    }
}
