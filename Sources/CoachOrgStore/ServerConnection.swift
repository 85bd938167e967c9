import CoachCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the organisation's PostgreSQL server, used synchronously: the console
/// reads lines with readline, so this is the one place where postgres-nio's event-loop futures
/// are waited on. The futures run on NIO's own threads, never on Swift's cooperative pool, so
/// waiting here cannot starve them.
public final class ServerConnection {
    /// The server, database and login, without the password.
    public let address: ServerAddress
    private var connection: PostgresConnection
    private let logger: Logger
    /// Counts the times this connection was made again after it was lost (see `reconnect`):
    /// what a server process held (a session's claim) belongs to an older generation.
    public private(set) var generation = 0
    /// Told each time the connection is made again after it was lost.
    public var onReconnect: (() -> Void)?
    /// Inside `transaction`: a lost connection then loses the transaction, and is not made again
    /// before the caller knows.
    private var inTransaction = false

    private init(address: ServerAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    deinit { try? connection.close().wait() }

    /// Connects and logs in as `address.user`, with TLS as `address.sslMode` asks (libpq's meaning:
    /// `require` encrypts without checking the certificate, `verify-ca` checks it against the
    /// root certificates, `verify-full` also checks the host name).
    public static func open(_ address: ServerAddress) throws -> ServerConnection {
        var logger = Logger(label: "coach.org-store")
        logger.logLevel = .critical
        let configuration: PostgresConnection.Configuration
        if address.host.hasPrefix("/") {
            let socket = "\(address.host)/.s.PGSQL.\(address.port)"
            guard FileManager.default.fileExists(atPath: socket) else {
                throw OrgStoreError.cannotConnect(address.redacted, reason: "no server is listening at \(socket) "
                    + "(is PostgreSQL running there, on port \(address.port)?)")
            }
            configuration = .init(unixSocketPath: socket, username: address.user,
                                  password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host, port: address.port, username: address.user,
                                  password: address.password, database: address.database, tls: try tls(for: address))
        }
        let connection = try connect(configuration, address: address, logger: logger)
        let opened = ServerConnection(address: address, connection: connection, logger: logger)
        opened.configuration = configuration
        return opened
    }

    private var configuration: PostgresConnection.Configuration?

    private static func connect(_ configuration: PostgresConnection.Configuration, address: ServerAddress,
                                logger: Logger) throws -> PostgresConnection {
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw OrgStoreError.from(error, address: address, connecting: true)
        }
    }

    /// Connects again after the connection was lost (the server restarted, the network
    /// dropped), trying for a few seconds; `cannotReconnect` when the server stays away.
    public func reconnect() throws {
        guard let configuration else { throw OrgStoreError.connectionLost(address.redacted) }
        try? connection.close().wait()
        var lastError: any Error = OrgStoreError.connectionLost(address.redacted)
        for delay in Self.reconnectDelays {
            Thread.sleep(forTimeInterval: delay)
            do {
                connection = try Self.connect(configuration, address: address, logger: logger)
                generation += 1
                onReconnect?()
                return
            } catch let error as OrgStoreError {
                // A login refused now (a password changed meanwhile) will not come right by waiting.
                if case .loginRefused = error { throw error }
                lastError = error
            }
        }
        if case .cannotConnect = lastError as? OrgStoreError {
            throw OrgStoreError.cannotReconnect(address.redacted, seconds: Int(Self.reconnectDelays.reduce(0, +).rounded()))
        }
        throw lastError
    }

    /// How long to wait before each attempt to connect again: about 15 seconds in all.
    static let reconnectDelays: [TimeInterval] = [0.1, 0.4, 1, 2, 4, 8]

    /// The rows of one statement; values are bound, never spliced into the SQL. A connection
    /// found closed before the statement is sent (the server restarted while coach waited at a
    /// prompt) is made again first: nothing was sent, so nothing can be done twice.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        if connection.isClosed && !inTransaction { try reconnect() }
        do {
            return try connection.query(query, logger: logger).wait().rows
        } catch {
            throw OrgStoreError.from(error, address: address, connecting: false)
        }
    }

    /// Runs a script of statements written by coach (a migration), one statement at a time.
    public func execute(script: String) throws {
        for statement in SQLScript.statements(in: script) {
            try query(PostgresQuery(unsafeSQL: statement))
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            if !connection.isClosed { _ = try? query("ROLLBACK") }
            throw error
        }
    }

    /// Streams rows into `table` (a name on the search path) with `COPY … FROM STDIN`: `chunks`
    /// is asked for the next piece of COPY text until it returns nil.
    public func copy(into table: String, columns: [String], chunks: @escaping @Sendable () throws -> String?) throws {
        let connection = self.connection, logger = self.logger
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        // postgres-nio's COPY is async: it runs on a task while this thread, the console's, waits.
        Task.detached {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    while let chunk = try chunks() {
                        try await writer.write(ByteBuffer(string: chunk))
                    }
                }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw OrgStoreError.from(error, address: address, connecting: false) }
    }

    /// What a detached task reports back to the waiting thread.
    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }

    /// Closes the connection.
    public func close() {
        try? connection.close().wait()
    }

    private static func tls(for address: ServerAddress) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch address.sslMode {
        case .disable, .allow:
            return .disable
        case .prefer, .require:
            configuration.certificateVerification = .none
        case .verifyCA, .verifyFull:
            configuration.certificateVerification = address.sslMode == .verifyCA ? .noHostnameVerification : .fullVerification
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            let rootFile = address.sslRootCert ?? (home as NSString).appendingPathComponent(".postgresql/root.crt")
            guard FileManager.default.isReadableFile(atPath: rootFile) else {
                throw OrgStoreError.tls(address.redacted, reason: "sslmode=\(address.sslMode.rawValue) needs the server's "
                    + "certificate authority in \(rootFile) (or sslrootcert=FILE, PGSSLROOTCERT)")
            }
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootFile))
            } catch {
                throw OrgStoreError.tls(address.redacted, reason: "cannot read \(rootFile): \(error)")
            }
        }
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: configuration) } catch {
            throw OrgStoreError.tls(address.redacted, reason: "\(error)")
        }
        return address.sslMode == .prefer ? .prefer(context) : .require(context)
    }
}
