import CoachTestSupport
import Foundation
import Testing

/// A `postgres://` store is an organisation's server: named as such, never taken for a file name.
@Suite("A PostgreSQL store URL")
struct ServerStoreTests {
    @Test("is refused with a message that names it without its password, and creates no file or folder",
          arguments: [["--store", "postgres://dana:secret@db.example.com:5432/coach?sslmode=require", "check"],
                      ["backup", "copy.sqlite"]])
    func refusedPlainly(arguments: [String]) throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let url = "postgres://dana:secret@db.example.com:5432/coach?sslmode=require"
        let environment = arguments.contains("--store") ? [:] : ["COACH_STORE": url]
        let result = try sandbox.run(arguments, environment: environment)
        #expect(result.status == 1)
        #expect(result.stderrText.contains("postgres://dana@db.example.com:5432/coach?sslmode=require is an organisation store"),
                "\(result.stderrText)")
        #expect(!result.stderrText.contains("secret"))
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.root.path).allSatisfy { !$0.hasPrefix("postgres") })
    }

    @Test("that cannot be reached is named without its password")
    func unreachable() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run(["--store", "postgres://dana:secret@127.0.0.1:1/coach?sslmode=disable", "people"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("cannot connect to postgres://dana@127.0.0.1:1/coach?sslmode=disable"), "\(result.stderrText)")
        #expect(!result.stderrText.contains("secret"))
    }
}
