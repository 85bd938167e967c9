import CoachTestSupport
import Foundation
import Testing

/// Long listings on a terminal go through the pager (`COACH_PAGER`, `PAGER`, `less`), as git and
/// psql do; short output, pipes, `--no-pager`, an empty `COACH_PAGER` and guided sessions never
/// do. The pager here is a script that notes each use in a file and shows its input.
@Suite("Long output goes through a pager")
struct PagerTests {
    /// A window of 12 rows: `help` (40 lines and more) is long, three people are short.
    static let rows: UInt16 = 12

    /// A sandbox team, and a pager script that appends a line to `uses` each time it runs.
    struct Setup {
        let store: any EngineStore
        let folder: URL
        var pager: String { folder.appendingPathComponent("pager.sh").path }
        var uses: String { folder.appendingPathComponent("uses").path }

        init() throws {
            store = try StoreEngine.local.team()
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-pager-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "#!/bin/sh\necho paged >> '\(uses)'\necho '[pager]'\ncat\n".write(toFile: pager, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: pager)
        }

        /// How many times the pager ran.
        var pagerRuns: Int {
            ((try? String(contentsOfFile: uses, encoding: .utf8)) ?? "").split(separator: "\n").count
        }

        /// Coach as `person` on a 100×12 terminal, `PAGER` set to the script, `extra` added.
        func terminal(_ arguments: [String], as person: String = "Dana",
                      environment extra: [String: String] = [:]) throws -> PseudoTerminal {
            let (prefix, environment) = store.invocation(as: person)
            return try PseudoTerminal(CoachSandbox.binary, arguments: prefix + arguments,
                                      environment: environment.merging(["PAGER": pager]) { $1 }.merging(extra) { $1 },
                                      inheritEnvironment: false, columns: 100, rows: PagerTests.rows)
        }

        func remove() {
            store.remove()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test("a long help one-shot goes through the pager; a short listing prints directly")
    func longAndShort() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let help = try setup.terminal(["help"])
        _ = try help.waitFor("Type 'help COMMAND'")  // read what the terminal shows before the child is reaped
        #expect(try help.waitForExit() == 0)
        let screen = PseudoTerminal.plain(help.output)
        #expect(setup.pagerRuns == 1, "\(screen)")
        #expect(screen.contains("[pager]") && screen.contains("one-on-one") && screen.contains("Type 'help COMMAND'"))

        let people = try setup.terminal(["people"])
        _ = try people.waitFor("3 people")
        #expect(try people.waitForExit() == 0)
        #expect(PseudoTerminal.plain(people.output).contains("3 people"))
        #expect(setup.pagerRuns == 1, "three people fit the window")

        let failing = try setup.terminal(["history", "Nobody"])
        _ = try failing.waitFor("coach: ")
        #expect(try failing.waitForExit() == 1)
        #expect(PseudoTerminal.plain(failing.output).contains("coach: "), "the held error is written")
        #expect(setup.pagerRuns == 1)
    }

    @Test("a long history goes through the pager, its short form does not")
    func history() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let answered = try setup.store.shell(["run who-5", "4", "3", "2", "1", "0"], as: "Ana")
        #expect(answered.status == 0, "\(answered.stderrText)")
        let short = try setup.terminal(["history", "Ana"], as: "Ana")
        _ = try short.waitFor("WHO-5")
        #expect(try short.waitForExit() == 0)
        #expect(PseudoTerminal.plain(short.output).contains("WHO-5"))
        #expect(setup.pagerRuns == 0)

        let full = try setup.terminal(["history", "Ana", "--full"], as: "Ana")
        #expect(try full.waitForExit() == 0)
        #expect(setup.pagerRuns == 1, "\(PseudoTerminal.plain(full.output))")
    }

    @Test("piped output, --no-pager, COACH_PAGER= and PAGER=cat print directly")
    func pagerOff() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let piped = try setup.store.run(["help"], as: "Dana", input: "", environment: ["PAGER": setup.pager])
        #expect(piped.status == 0)
        #expect(piped.stdoutText.contains("one-on-one") && !piped.stdoutText.contains("[pager]"))

        for (arguments, environment) in [(["--no-pager", "help"], [:]), (["help"], ["COACH_PAGER": ""]),
                                         (["help"], ["PAGER": "cat"])] {
            let terminal = try setup.terminal(arguments, environment: environment)
            _ = try terminal.waitFor("Type 'help COMMAND'")
            #expect(try terminal.waitForExit() == 0)
            #expect(PseudoTerminal.plain(terminal.output).contains("Type 'help COMMAND'"), "\(arguments) \(environment)")
        }
        #expect(setup.pagerRuns == 0)

        let help = try setup.store.run(["--help"], as: "Dana")
        #expect(help.stdoutText.contains("--no-pager") && help.stdoutText.contains("$COACH_PAGER"), "\(help.stdoutText)")
    }

    @Test("COACH_PAGER comes before PAGER, and a pager that cannot start loses nothing")
    func choiceAndFallback() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let chosen = try setup.terminal(["help"], environment: ["PAGER": "/nonexistent/pager", "COACH_PAGER": setup.pager])
        #expect(try chosen.waitForExit() == 0)
        #expect(setup.pagerRuns == 1)

        let missing = try setup.terminal(["help"], environment: ["PAGER": "/nonexistent/pager"])
        _ = try missing.waitFor("Type 'help COMMAND'")
        #expect(try missing.waitForExit() == 0)
        let screen = PseudoTerminal.plain(missing.output)
        #expect(screen.contains("one-on-one") && screen.contains("Type 'help COMMAND'"), "\(screen)")
    }

    @Test("a pager the user quits early ends coach quietly, with success")
    func quitEarly() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        // An export far larger than a pipe holds, so coach is still writing when the pager has gone.
        let demo = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "4", "--weeks", "4"])
        #expect(demo.status == 0, "\(demo.stderrText)")
        let manager = try #require(try sandbox.sql("SELECT name FROM person WHERE role = 'manager' ORDER BY id LIMIT 1").first)
        let terminal = try PseudoTerminal(CoachSandbox.binary, arguments: ["--store", sandbox.store, "--as", manager, "export"],
                                          environment: sandbox.environment.merging(["PAGER": "head -n 2"]) { $1 },
                                          inheritEnvironment: false, columns: 100, rows: Self.rows)
        #expect(try terminal.waitForExit(timeout: .seconds(30)) == 0, "\(terminal.output)")
        let screen = PseudoTerminal.plain(terminal.output)
        #expect(screen.contains("action_items") && !screen.contains("coach:"), "\(screen)")
    }

    @Test("a guided session is never paged, however long")
    func guidedSession() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let session = try setup.terminal(["run", "who-5"], as: "Ana")
        for (step, answer) in ["4", "3", "2", "1", "0"].enumerated() {
            try session.waitFor("[\(step + 1)/5]")
            try session.waitFor("(type a key or the start of a label)")
            session.send(answer + "\r")
        }
        try session.waitFor("Done: WHO-5 Well-Being Index")
        #expect(try session.waitForExit() == 0)
        #expect(setup.pagerRuns == 0)
    }

    @Test("in the shell, a long listing is paged and the prompt comes back; a short one is not")
    func shell() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let shell = try setup.terminal([])
        try shell.waitFor("Dana (hr)> ", timeout: .seconds(60))
        shell.send("help\r")
        try shell.waitFor("[pager]")
        try shell.waitFor("Type 'help COMMAND'")
        try shell.waitFor("Dana (hr)> ", timeout: .seconds(60))
        #expect(setup.pagerRuns == 1)
        shell.send("people\r")
        try shell.waitFor("3 people")
        try shell.waitFor("Dana (hr)> ", timeout: .seconds(60))
        #expect(setup.pagerRuns == 1)
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
    }

    @Test("Ctrl-C while the pager runs is the pager's: the shell stays and prompts again")
    func interruptPager() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let slow = setup.folder.appendingPathComponent("slow.sh").path
        try "#!/bin/sh\necho '[waiting]'\nsleep 20\ncat\n".write(toFile: slow, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: slow)
        let shell = try setup.terminal([], environment: ["PAGER": slow])
        // Generous waits: the full suite runs beside PostgreSQL clusters, and a 10 s wait for a
        // shell's first prompt once ran out there.
        try shell.waitFor("Dana (hr)> ", timeout: .seconds(60))
        shell.send("help\r")
        try shell.waitFor("[waiting]")
        shell.send("\u{3}")
        try shell.waitFor("Dana (hr)> ", timeout: .seconds(60))
        shell.send("people\r")
        try shell.waitFor("3 people")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
    }
}
