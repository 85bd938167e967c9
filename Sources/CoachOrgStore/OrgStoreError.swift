import CoachCore
import NIOSSL
import PostgresNIO

/// What went wrong with the organisation store, in words a user (or their database
/// administrator) can act on. Never holds a password.
public enum OrgStoreError: Error, Equatable, CustomStringConvertible {
    /// The server could not be reached or refused the connection; `reason` says how.
    case cannotConnect(String, reason: String)
    /// The server refused the login or password.
    case loginRefused(String, reason: String)
    /// The server asks for a password and none was given (URL, PGPASSWORD, ~/.pgpass or a prompt).
    case passwordRequired(String, user: String)
    /// TLS was asked for and could not be set up.
    case tls(String, reason: String)
    /// The server answered a statement with an error.
    case server(message: String, code: String)
    /// The connection broke while a statement ran: nothing after the last acknowledged write is kept.
    case connectionLost(String)
    /// The connection was lost and could not be made again within `ServerConnection.reconnectDelays`.
    case cannotReconnect(String, seconds: Int)
    /// The database was set up by a newer coach.
    case newerSchema(found: Int, known: Int)
    /// The database has no organisation schema yet.
    case notInitialised(String)
    /// The database was set up by an older coach and needs `org init` to upgrade it.
    case olderSchema(String, found: Int, needed: Int)
    /// `org init` needs a role that may create roles.
    case notAnAdministrator(String)
    /// The login is a role on the server but no person in the organisation.
    case notAPerson(String)
    /// `org import` found people or teams whose names the organisation already has.
    case importCollision(people: [String], teams: [String])
    /// `org import` found e-mail addresses the organisation's people have already (`Name (address)`).
    case importEmailCollision([String])
    /// A login name coach cannot use.
    case invalidLogin(String, reason: String)

    public var description: String {
        switch self {
        case let .cannotConnect(address, reason):
            return "cannot connect to \(address): \(reason)"
        case let .loginRefused(address, reason):
            return "\(address) refused the login: \(reason) (check the user and password, ~/.pgpass or PGPASSWORD)"
        case let .passwordRequired(address, user):
            return "\(address) asks for \(user)'s password: run coach at a terminal to be asked, or keep it in ~/.pgpass (0600) or PGPASSWORD"
        case let .tls(address, reason):
            return "cannot set up TLS to \(address): \(reason)"
        case let .server(message, code):
            return "the organisation store refused: \(message) (SQLSTATE \(code))"
        case let .connectionLost(address):
            return "the connection to \(address) was lost; answers already acknowledged are kept — run the command again (or 'resume') once the server is back"
        case let .cannotReconnect(address, seconds):
            return "the connection to \(address) was lost and the server did not answer again within \(seconds) seconds "
                + "(try again once it is back)"
        case let .newerSchema(found, known):
            return "the organisation store is at schema version \(found), newer than this coach knows (\(known)); update coach"
        case let .olderSchema(address, found, needed):
            return "the organisation store \(address) is at schema version \(found) and this coach needs \(needed): "
                + "a database administrator upgrades it by running 'coach org init' on it again (nothing stored is lost)"
        case let .notInitialised(address):
            return "\(address) holds no coach organisation yet; a database administrator runs 'coach org init \(address)' once"
        case let .notAnAdministrator(user):
            return "'org init' is run by the database administrator: \(user) is neither a superuser nor allowed to create roles"
        case let .notAPerson(login):
            return "the login \(login) is not a person in this organisation: ask HR or your manager to add you (person add)"
        case let .importCollision(people, teams):
            let taken = (people.isEmpty ? [] : ["people " + people.joined(separator: ", ")])
                + (teams.isEmpty ? [] : ["teams " + teams.joined(separator: ", ")])
            return "nothing was imported: the organisation already has " + taken.joined(separator: " and ")
                + " (or names that look the same); rename them in the local store (or the organisation) first"
        case let .importEmailCollision(taken):
            return "nothing was imported: the organisation's " + taken.joined(separator: ", ")
                + " already \(taken.count == 1 ? "has that e-mail address" : "have those e-mail addresses"); an address belongs "
                + "to one person, so change or clear it in the local store (person edit NAME --email) first"
        case let .invalidLogin(login, reason):
            return "login '\(login)' cannot be used: \(reason)"
        }
    }
}

extension OrgStoreError {
    /// The error a PostgreSQL or connection failure means, with the server's own message where it sent one.
    /// - Parameter connecting: the error came while connecting (nothing was written yet), not
    ///   from a statement on an open connection.
    static func from(_ error: any Error, address server: ServerAddress, connecting: Bool) -> OrgStoreError {
        if let known = error as? OrgStoreError { return known }
        let address = server.redacted
        guard let psql = error as? PSQLError else {
            if let tlsProblem = tlsReason(error) { return .tls(address, reason: tlsProblem) }
            return .cannotConnect(address, reason: "\(error)")
        }
        if let underlying = psql.underlying, let tlsProblem = tlsReason(underlying) {
            return .tls(address, reason: tlsProblem)
        }
        let message = psql.serverInfo?[.message] ?? ""
        let code = psql.serverInfo?[.sqlState] ?? ""
        if code.hasPrefix("28") { return .loginRefused(address, reason: message) }
        // The server shutting down or restarting (57P01–57P03), or a broken connection (08…).
        if code.hasPrefix("57P") || code.hasPrefix("08") {
            return connecting ? .cannotConnect(address, reason: message) : .connectionLost(address)
        }
        if !message.isEmpty { return .server(message: message, code: code) }
        switch psql.code {
        case .connectionError, .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
            if connecting {
                return .cannotConnect(address, reason: psql.underlying.map { "\($0)" } ?? "the server closed the connection")
            }
            return .connectionLost(address)
        case .authMechanismRequiresPassword:
            return .passwordRequired(address, user: server.user)
        case .sslUnsupported:
            return .tls(address, reason: "the server does not offer TLS")
        case .failedToAddSSLHandler:
            return .tls(address, reason: psql.underlying.map { "\($0)" } ?? "no TLS handler")
        default:
            return .cannotConnect(address, reason: psql.underlying.map { "\($0)" } ?? "\(psql.code)")
        }
    }

    /// What a TLS failure means, when `error` is one.
    private static func tlsReason(_ error: any Error) -> String? {
        switch error {
        case let error as NIOSSLError:
            if case let .handshakeFailed(inner) = error { return "the handshake failed (\(inner)); check sslmode and the server's certificate" }
            return "\(error)"
        case let error as NIOSSLExtraError:
            return "\(error)"
        default:
            return nil
        }
    }
}
