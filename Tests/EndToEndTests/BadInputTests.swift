import CoachTestSupport
import Foundation
import Testing

/// Every bad input of the foundation: a clear message, exit status 1 or 2, and the store as it was.
@Suite("Bad input leaves the store as it was")
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["person", "add", "ana", "--role", "rep"], status: 1, message: "already exists"),
        Case(arguments: ["person", "add", "Bo", "--role", "boss"], status: 2, message: "Please provide one of 'rep', 'manager' or 'hr'"),
        Case(arguments: ["person", "add", "Bo", "--role", "rep", "--manager", "Dana"], status: 1, message: "Dana is not a manager"),
        Case(arguments: ["person", "add", "Bo", "--role", "rep", "--manager", "Marko"], status: 1, message: "did you mean 'Marco'?"),
        Case(arguments: ["person", "show", "Anna"], status: 1, message: "did you mean 'Ana'?"),
        Case(arguments: ["goal", "set", "Ana", "revenue", "12k"], status: 2, message: "'12k' is not a number (e.g. 12000 or 9,500)"),
        Case(arguments: ["goal", "set", "Ana", "revenue", "nan"], status: 2, message: "'nan' is not a number"),
        Case(arguments: ["goal", "set", "Ana", "revenue", "100", "--period", "2026-13"], status: 2, message: "'2026-13' is not a month"),
        Case(arguments: ["goal", "set", "Ana", "revenue", "100", "--period", "12/2026"], status: 2, message: "write it as YYYY-MM"),
        Case(arguments: ["goal", "set", "Ana", "revnue", "100"], status: 1, message: "unknown KPI 'revnue' (did you mean 'revenue'?)"),
        Case(arguments: ["goal", "set", "Ana", "conversion", "20"], status: 1,
             message: "unknown KPI 'conversion' (did you mean 'conversion_rate'?)"),
        Case(arguments: ["peple"], status: 2, message: "unknown command 'peple' (did you mean 'people'?)"),
        Case(arguments: ["person", "ad", "Bo"], status: 2, message: "did you mean 'person add'?"),
        Case(arguments: ["people", "--jsn"], status: 2, message: "Unknown option '--jsn'"),
    ]

    @Test("refused with a message and status", arguments: cases, StoreEngine.allCases)
    func refused(_ badCase: Case, _ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let before = try sandbox.run(["people", "--json"], as: "Dana").stdoutText
        let result = try sandbox.run(badCase.arguments, as: "Dana")
        #expect(result.status == badCase.status, "\(result.stderrText)")
        #expect(result.stderrText.contains(badCase.message), "\(result.stderrText)")
        #expect(result.stdoutText.isEmpty)
        let after = try sandbox.run(["people", "--json"], as: "Dana").stdoutText
        #expect(before == after)
    }

    @Test("the same mistakes inside the shell are reported and the shell goes on", arguments: StoreEngine.allCases)
    func shellGoesOn(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let result = try sandbox.shell(["peple", "person add Bo --role boss", "people --store /tmp/x", "people"], as: "Dana")
        #expect(result.stderrText.contains("did you mean 'people'?"))
        #expect(result.stderrText.contains("not inside the shell"))
        #expect(result.stdoutText.contains("3 people"))
        #expect(result.status == 2, "a script learns that a line was refused")
    }

    @Test("a rep cannot add people; an unknown user is told how to pick one", arguments: StoreEngine.allCases)
    func authorization(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let rep = try sandbox.run(["person", "add", "Bo", "--role", "rep"], as: "Ana")
        #expect(rep.status == 1)
        #expect(rep.stderrText.contains("a rep cannot add people"))
        let peek = try sandbox.run(["goals", "Marco"], as: "Ana")
        #expect(peek.status == 1)
        #expect(peek.stderrText.contains("targets are seen by the person, their manager and HR"))
        guard engine == .local else { return }  // on an organisation store the login is the person
        let stranger = try sandbox.run(["people"], as: "Zed")
        #expect(stranger.status == 1)
        #expect(stranger.stderrText.contains("'Zed' is not a person in this store"))
    }

    @Test("a store path in an unwritable folder")
    func unwritableFolder() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let blocker = sandbox.root.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: blocker)
        let result = try sandbox.run(["--store", blocker.path + "/coach.sqlite", "--as", "x", "people"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("cannot use the store folder"))
    }

    @Test("a store file that is not a SQLite database is refused and left byte for byte")
    func notADatabase() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let path = sandbox.root.appendingPathComponent("notes.sqlite").path
        let bytes = Data("these are my notes, not a database\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try sandbox.run(["--store", path, "--as", "x", "people"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("not a SQLite database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("a FIFO as the store is refused at once (not opened, so nothing waits for a writer)", .timeLimit(.minutes(1)))
    func fifoStore() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let fifo = sandbox.root.appendingPathComponent("coach.sqlite").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for command in [["people"], ["check"]] {
            let result = try sandbox.run(["--store", fifo, "--as", "x"] + command, timeout: .seconds(20))
            #expect(result.status == 1, "\(command)")
            #expect(result.stderrText.contains("cannot open the store \(fifo): it is a FIFO, not a regular file"),
                    "\(command): \(result.stderrText)")
        }
    }

    @Test("a store from a newer coach is refused and left byte for byte")
    func newerSchema() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let sqlite = try ProcessRunner.run("/usr/bin/sqlite3", arguments: [
            sandbox.store, "PRAGMA journal_mode=DELETE; INSERT INTO grdb_migrations VALUES ('v99-from-the-future');",
        ])
        #expect(sqlite.status == 0, "\(sqlite.stderrText)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.store))
        let result = try sandbox.run(["--store", sandbox.store, "--as", "Dana", "people"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("newer"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.store)) == bytes)
    }

    @Test("a config file that does not parse names file, line and column")
    func brokenConfig() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(atPath: (sandbox.configFile as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try "user: Dana\nprivacy:\n  min_group: [5\n".write(toFile: sandbox.configFile, atomically: true, encoding: .utf8)
        let result = try sandbox.run(["people"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("\(sandbox.configFile):"))
        #expect(result.stderrText.contains("not valid YAML"))
        try "user: Dana\nprivacy:\n  min_group: 2\n".write(toFile: sandbox.configFile, atomically: true, encoding: .utf8)
        let low = try sandbox.run(["people"])
        #expect(low.status == 1)
        #expect(low.stderrText.contains("config.yaml:3:14: privacy.min_group is 2; it may not be below 3"))
    }

    @Test("output piped to a reader that stops early (| head -1) ends coach quietly, as SIGPIPE ends other tools")
    func closedPipe() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let demo = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "24", "--weeks", "26"], timeout: .seconds(120))
        #expect(demo.status == 0, "\(demo.stderrText)")
        let hr = try #require(try sandbox.sql("SELECT name FROM person WHERE role = 'hr'").first)
        let result = try ProcessRunner.run("/bin/bash", arguments: [
            "-c", "'\(CoachSandbox.binary)' --store '\(sandbox.store)' --as '\(hr)' export --json | head -c 10 > /dev/null; echo \"status ${PIPESTATUS[0]}\"",
        ], environment: sandbox.environment, inheritEnvironment: false, timeout: .seconds(60))
        #expect(result.stdoutText == "status 141\n", "killed by SIGPIPE (128 + 13), not a trap: \(result.stdoutText)")
        #expect(!result.stderrText.contains("Fatal error"), "\(result.stderrText)")
    }
}
