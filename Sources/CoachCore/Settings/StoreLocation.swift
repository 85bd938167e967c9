import Foundation

/// Where the store is: a local SQLite file, or an organisation's PostgreSQL server named by a
/// `postgres://` or `postgresql://` URL, read the way `psql` reads it (libpq's rules).
public enum StoreLocation: Equatable, Sendable {
    case file(String)
    case server(ServerAddress)

    /// Reads `--store` or `COACH_STORE`: a `postgres://` or `postgresql://` URL is a server, filled
    /// in from `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`, `PGSSLMODE` and the
    /// password file (`PGPASSFILE`, else `~/.pgpass`) where the URL leaves a part out; anything
    /// else is a file path.
    public static func parse(_ text: String, environment: [String: String], home: String,
                             systemUser: String = SystemUser.name) throws -> StoreLocation {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else { return .file(text) }
        return .server(try ServerAddress(url: text, environment: environment, home: home, systemUser: systemUser))
    }
}

/// A PostgreSQL server, database and login, with the password when one was found.
public struct ServerAddress: Equatable, Sendable {
    /// A host name, an IP address, or a folder holding the server's Unix socket (starts with `/`).
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var password: String?
    public var sslMode: SSLMode
    /// The certificate authorities to trust for `verify-ca` and `verify-full` (`sslrootcert`,
    /// `PGSSLROOTCERT`); nil means libpq's default, `~/.postgresql/root.crt`.
    public var sslRootCert: String?

    /// libpq's `sslmode` values.
    public enum SSLMode: String, CaseIterable, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// The address as a URL without the password, for messages.
    public var redacted: String {
        let where_ = host.hasPrefix("/") ? "localhost" : (host.contains(":") ? "[\(host)]" : host)
        let socket = host.hasPrefix("/") ? "&host=\(host)" : ""
        return "postgres://\(user)@\(where_):\(port)/\(database)?sslmode=\(sslMode.rawValue)\(socket)"
    }

    public init(host: String, port: Int, user: String, database: String, password: String?, sslMode: SSLMode,
                sslRootCert: String? = nil) {
        self.sslRootCert = sslRootCert
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
        self.sslMode = sslMode
    }

    /// Debian's libpq looks for the server's socket here when no host is given.
    public static let defaultSocketFolder = "/var/run/postgresql"

    init(url text: String, environment: [String: String], home: String, systemUser: String) throws {
        guard let components = URLComponents(string: text) else { throw StoreLocationError.notAURL(text) }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }

        host = nonEmpty(query["host"]) ?? nonEmpty(components.percentEncodedHost.map { Self.unbracketed($0) })
            ?? nonEmpty(environment["PGHOST"]) ?? Self.defaultSocketFolder
        let portText = nonEmpty(query["port"]) ?? components.port.map(String.init) ?? nonEmpty(environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else { throw StoreLocationError.badPort(portText) }
        self.port = port
        user = nonEmpty(query["user"]) ?? nonEmpty(components.user) ?? nonEmpty(environment["PGUSER"]) ?? systemUser
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = nonEmpty(query["dbname"]) ?? nonEmpty(path) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        let modeText = nonEmpty(query["sslmode"]) ?? nonEmpty(environment["PGSSLMODE"]) ?? SSLMode.prefer.rawValue
        guard let mode = SSLMode(rawValue: modeText) else { throw StoreLocationError.badSSLMode(modeText) }
        sslMode = mode
        sslRootCert = nonEmpty(query["sslrootcert"]) ?? nonEmpty(environment["PGSSLROOTCERT"])
        password = nonEmpty(query["password"]) ?? nonEmpty(components.password) ?? nonEmpty(environment["PGPASSWORD"])
        if password == nil {
            let file = nonEmpty(environment["PGPASSFILE"]) ?? (home as NSString).appendingPathComponent(".pgpass")
            password = PasswordFile.password(in: file, host: host, port: port, database: database, user: user)
        }
    }

    private static func unbracketed(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host.removingPercentEncoding ?? host
    }
}

/// The password file as libpq reads it: lines `host:port:database:user:password`, `*` matching
/// anything, `\:` and `\\` escaping; the first matching line wins. Like `psql`, coach ignores a
/// file that its group or others may read, and a socket connection matches the host `localhost`.
public enum PasswordFile {
    public static func password(in path: String, host: String, port: Int, database: String, user: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let wanted = [host.hasPrefix("/") ? "localhost" : host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A line's fields, split at unescaped colons, with `\:` and `\\` unescaped.
    static func split(_ line: String) -> [String] {
        var fields: [String] = [], field = "", escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}

/// The name of the account coach runs as (libpq's default user).
public enum SystemUser {
    public static var name: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "coach"
    }
}

/// A `--store` URL that cannot be read.
public enum StoreLocationError: Error, Equatable, CustomStringConvertible {
    case notAURL(String)
    case badPort(String)
    case badSSLMode(String)

    public var description: String {
        switch self {
        case let .notAURL(text):
            return "'\(text.prefix(60))' is not a URL coach can read; write postgres://USER@HOST:PORT/DATABASE?sslmode=require"
        case let .badPort(text):
            return "port '\(text)' is not a number from 1 to 65535"
        case let .badSSLMode(text):
            return "sslmode '\(text)' is not one of \(ServerAddress.SSLMode.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
