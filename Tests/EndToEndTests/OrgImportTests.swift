import CoachTestSupport
import Foundation
import Testing

/// Moving in: a local store (the demo organisation) moved into an organisation store shows
/// everyone the same as it did locally, through the same commands.
@Suite("Moving a local store into an organisation store")
struct OrgImportTests {
    /// The logins CSV `org import --logins` wrote: name → (login, one-time password).
    func logins(_ path: String) throws -> [String: (login: String, password: String)] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n").dropFirst()
        var logins: [String: (login: String, password: String)] = [:]
        for line in lines {
            let cells = line.split(separator: ",").map(String.init)
            if cells.count == 4 { logins[cells[0]] = (cells[2], cells[3]) }
        }
        return logins
    }

    @Test("every person sees the same through the same commands after the move; a second import is refused whole")
    func sameOutputAfterTheMove() throws {
        let local = try CoachSandbox()
        defer { local.remove() }
        let demo = try local.run(["--store", local.store, "demo", "--reps", "12", "--weeks", "8", "--seed", "7"], timeout: .seconds(120))
        #expect(demo.status == 0, "\(demo.stderrText)")
        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let admin = "postgres://postgres@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let loginsFile = organisation.sandbox.root.appendingPathComponent("logins.csv").path
        let moved = try organisation.sandbox.run(["org", "import", local.store, admin, "--logins", loginsFile], timeout: .seconds(120))
        #expect(moved.status == 0, "\(moved.stderrText)")
        #expect(moved.stdoutText.contains("people 15"), "\(moved.stdoutText)")  // HR, 2 managers, 12 reps
        let attributes = try FileManager.default.attributesOfItem(atPath: loginsFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let people = try logins(loginsFile)
        #expect(people.count == 15)

        // The people of the demo, as each of them, through the commands that read the store.
        let names = try local.sql("SELECT name FROM person ORDER BY id")
        let manager = try #require(try local.sql("SELECT name FROM person WHERE role = 'manager' ORDER BY id").first)
        let rep = try #require(try local.sql("SELECT p.name FROM person p JOIN person m ON m.id = p.manager_id WHERE m.name = '\(manager)' ORDER BY p.id").first)
        let hr = names[0]
        let views: [(String, [String])] = [
            (manager, ["trends", rep, "--json"]), (manager, ["history", rep, "--json"]), (manager, ["trends", "--team", "all", "--json"]),
            (manager, ["actions", rep, "--json"]), (manager, ["goals", rep, "--json"]), (manager, ["due"]),
            (manager, ["report", "quiz", "crm-basics", "--json"]),
            (rep, ["trends", rep, "--json"]), (rep, ["history", rep]), (rep, ["actions", "--json"]),
            (hr, ["report", "quiz", "crm-basics", "--json"]), (hr, ["trends", "--team", "all", "--csv"]),
        ]
        for (viewer, arguments) in views {
            let there = try local.run(["--store", local.store, "--as", viewer] + arguments)
            let login = try #require(people[viewer])
            let here = try organisation.sandbox.run(arguments, environment: [
                "COACH_STORE": "postgres://\(login.login)@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)",
            ])
            #expect(here.status == 0, "\(viewer) \(arguments): \(here.stderrText)")
            #expect(here.stdoutText == there.stdoutText, "\(viewer) \(arguments)")
        }

        let again = try organisation.sandbox.run(["org", "import", local.store, admin])
        #expect(again.status == 1)
        #expect(again.stderrText.contains("nothing was imported: the organisation already has people"), "\(again.stderrText)")
        #expect(try organisation.sql("SELECT count(*)::text FROM person") == ["16"], "the organisation's HR and the 15 moved")
    }

    @Test("demo on an organisation store: the administrator fills it, each person gets a login; a second demo is refused")
    func demoOnTheOrganisationStore() throws {
        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let admin = "postgres://postgres@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let loginsFile = organisation.sandbox.root.appendingPathComponent("demo-logins.csv").path
        let demo = try organisation.sandbox.run(["--store", admin, "demo", "--reps", "6", "--weeks", "4", "--logins", loginsFile],
                                                timeout: .seconds(120))
        #expect(demo.status == 0, "\(demo.stderrText)")
        #expect(demo.stdoutText.contains("6 reps"), "\(demo.stdoutText)")
        let people = try logins(loginsFile)
        let moved = try organisation.sql("SELECT count(*) FROM person WHERE name <> 'Oona Admin'")
        #expect(moved == ["\(people.count)"] && people.count >= 8, "HR, managers and 6 reps: \(people.keys.sorted())")
        let rep = try #require(try organisation.sql("SELECT name FROM person WHERE role = 'rep' ORDER BY id").first)
        let login = try #require(people[rep])
        let trends = try organisation.sandbox.run(["trends", rep], environment: [
            "COACH_STORE": "postgres://\(login.login)@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)",
        ])
        #expect(trends.status == 0 && trends.stdoutText.contains("who-5"), "\(trends.stdoutText)\(trends.stderrText)")
        let again = try organisation.sandbox.run(["--store", admin, "demo", "--reps", "6", "--weeks", "4"])
        #expect(again.status == 1)
        #expect(again.stderrText.contains("demo fills an empty store"), "\(again.stderrText)")
    }
}
