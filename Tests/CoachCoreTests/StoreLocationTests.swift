import Foundation
import Testing
@testable import CoachCore

@Suite("Where the store is: a file, or a PostgreSQL URL read as psql reads it")
struct StoreLocationTests {
    static func server(_ text: String, _ environment: [String: String] = [:], home: String = "/nonexistent") throws -> ServerAddress {
        guard case let .server(address) = try StoreLocation.parse(text, environment: environment, home: home, systemUser: "ana")
        else { throw StoreLocationError.notAURL(text) }
        return address
    }

    @Test("paths stay files, including ones that merely contain 'postgres'",
          arguments: ["/home/ana/coach.sqlite", "relative/store.sqlite", ":memory:", "postgres.sqlite", "./postgres://x"])
    func files(text: String) throws {
        #expect(try StoreLocation.parse(text, environment: [:], home: "/h") == .file(text))
    }

    @Test("every part of the URL, percent-decoded; postgresql:// too")
    func fullURL() throws {
        let address = try Self.server("postgresql://dana%40hq:s%3Acret@db.example.com:6543/coach%20org?sslmode=verify-full")
        #expect(address == ServerAddress(host: "db.example.com", port: 6543, user: "dana@hq", database: "coach org",
                                         password: "s:cret", sslMode: .verifyFull))
        #expect(!address.redacted.contains("s:cret") && !address.redacted.contains("s%3Acret"))
    }

    @Test("left-out parts come from PG* variables, then libpq's defaults")
    func environmentAndDefaults() throws {
        let fromEnvironment = try Self.server("postgres://", ["PGHOST": "pg.local", "PGPORT": "5499", "PGUSER": "marco",
                                                            "PGDATABASE": "sales", "PGPASSWORD": "pw", "PGSSLMODE": "require"])
        #expect(fromEnvironment == ServerAddress(host: "pg.local", port: 5499, user: "marco", database: "sales", password: "pw",
                                                 sslMode: .require))
        let defaults = try Self.server("postgres://")
        #expect(defaults == ServerAddress(host: ServerAddress.defaultSocketFolder, port: 5432, user: "ana", database: "ana",
                                          password: nil, sslMode: .prefer))
        #expect(try Self.server("postgres://x@/db?host=/tmp/pg").host == "/tmp/pg")
        #expect(try Self.server("postgres://x@[::1]:5433/db").host == "::1")
    }

    @Test("the password file: first match, wildcards, escapes, a socket as localhost; ignored when others may read it")
    func passwordFile() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = home.appendingPathComponent(".pgpass").path
        try """
            # comment
            db.example.com:5432:coach:dana:first\\:one
            *:*:coach:dana:second
            localhost:5432:*:marco:by-socket
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        #expect(try Self.server("postgres://dana@db.example.com/coach", home: home.path).password == "first:one")
        #expect(try Self.server("postgres://dana@other/coach", home: home.path).password == "second")
        #expect(try Self.server("postgres://marco@/any", home: home.path).password == "by-socket")
        #expect(try Self.server("postgres://dana:given@other/coach", home: home.path).password == "given")
        chmod(file, 0o644)
        #expect(try Self.server("postgres://dana@other/coach", home: home.path).password == nil)
    }

    @Test("a URL coach cannot read is refused with what to write")
    func badURLs() throws {
        #expect(throws: StoreLocationError.badPort("99999")) { try Self.server("postgres://a@h:99999/db") }
        #expect(throws: StoreLocationError.badSSLMode("maybe")) { try Self.server("postgres://a@h/db?sslmode=maybe") }
    }
}
