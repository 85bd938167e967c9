import CoachTestSupport
import Foundation
import Testing

/// `org import` carries assignments from a local store to the organisation store: the same
/// rows, with their assigner, time and addressing, so who has done what reads the same there.
@Suite("Assignments moved by org import")
struct AssignmentImportTests {
    @Test("a manager's assignment, done by one rep, reads the same after the move")
    func assignmentsMove() throws {
        let local = try CoachSandbox()
        defer { local.remove() }
        let people = ["person add Dana --role hr", "person add Marco --role manager --team North",
                      "person add Ana --role rep --team North", "person add Bo --role rep --team North"]
        #expect(try local.shell(people).status == 0)
        let assign = try local.run(["--store", local.store, "--as", "Marco", "assign", "crm-basics", "--team", "North", "--due", "+7d"])
        #expect(assign.status == 0, "\(assign.stderrText)")
        #expect(try local.shell(["quiz crm-basics --seed 42"] + AssignmentTests.quizAnswers(), as: "Ana").status == 0)
        let before = try local.run(["--store", local.store, "--as", "Marco", "assignments", "--json"])
        #expect(before.stdoutText.contains("\"Ana\""), "\(before.stdoutText)")

        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let admin = "postgres://postgres@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let loginsFile = organisation.sandbox.root.appendingPathComponent("logins.csv").path
        let moved = try organisation.sandbox.run(["org", "import", local.store, admin, "--logins", loginsFile], timeout: .seconds(120))
        #expect(moved.status == 0, "\(moved.stderrText)")
        let csv = try String(contentsOfFile: loginsFile, encoding: .utf8)
        let marco = try #require(csv.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
            .first { $0.first == "Marco" })
        let after = try organisation.sandbox.run(["assignments", "--json"], environment: [
            "COACH_STORE": "postgres://\(marco[2])@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)",
        ])
        #expect(after.status == 0, "\(after.stderrText)")
        #expect(after.stdoutText == before.stdoutText)
        #expect(try organisation.sql("SELECT count(*)::text FROM assignment") == ["2"])
    }
}
