import CoachTestSupport
import Foundation
import Testing

/// `org import` carries recognition from a local store to the organisation store: the same
/// thanks, with their giver, receiver, time, value and text.
@Suite("Recognition moved by org import")
struct RecognitionImportTests {
    @Test("thanks given on a local store read the same in 'recognition --json' after the move")
    func recognitionMoves() throws {
        let local = try CoachSandbox()
        defer { local.remove() }
        let setup = ["person add Dana --role hr", "person add Marco --role manager --team North",
                     "person add Ana --role rep --team North", "org set values \"teamwork, sharing\""]
        #expect(try local.shell(setup).status == 0)
        let given = try local.run(["--store", local.store, "--as", "Marco", "thanks", "Ana", "Covered the Acme call", "--for", "teamwork"])
        #expect(given.status == 0, "\(given.stderrText)")
        let before = try local.run(["--store", local.store, "--as", "Marco", "recognition", "--json"])
        #expect(before.stdoutText.contains("Covered the Acme call"), "\(before.stdoutText)")

        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let admin = "postgres://postgres@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let loginsFile = organisation.sandbox.root.appendingPathComponent("logins.csv").path
        let moved = try organisation.sandbox.run(["org", "import", local.store, admin, "--logins", loginsFile], timeout: .seconds(120))
        #expect(moved.status == 0, "\(moved.stderrText)")
        #expect(moved.stdoutText.contains("thanks 1"), "\(moved.stdoutText)")
        let csv = try String(contentsOfFile: loginsFile, encoding: .utf8)
        let marco = try #require(csv.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
            .first { $0.first == "Marco" })
        let after = try organisation.sandbox.run(["recognition", "--json"], environment: [
            "COACH_STORE": "postgres://\(marco[2])@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)",
        ])
        #expect(after.status == 0, "\(after.stderrText)")
        #expect(after.stdoutText.replacingOccurrences(of: "\"id\" : 1", with: "") == before.stdoutText.replacingOccurrences(of: "\"id\" : 1", with: ""),
                "\(before.stdoutText)\n---\n\(after.stdoutText)")
    }
}
