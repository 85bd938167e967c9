import CoachTestSupport
import Foundation
import Testing

@Suite("The built coach, driven by scripts")
struct ScriptedShellTests {
    @Test("the first person on an empty store becomes the user; a script drives the shell")
    func firstPersonScript() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run(["--store", sandbox.store, "--as", "admin"],
                                     input: "person add Ana --role rep\npeople\nquit\n")
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("Added Ana (rep)."))
        #expect(result.stdoutText.contains("Ana is the first person in this store and is now the user."))
        #expect(result.stdoutText.contains("Ana   rep"))
        #expect(!result.stdoutText.contains("coach>"), "no prompt on a pipe")
        #expect(result.stderrText.isEmpty)
        // On a local store COACH_USER names the user as --as does.
        let people = try sandbox.run(["people", "--json", "--store", sandbox.store], environment: ["COACH_USER": "Ana"])
        #expect(people.status == 0, "\(people.stderrText)")
        #expect(people.stdoutText.contains("\"Ana\""))
    }

    @Test("lines after quit are not run; end of input ends cleanly", arguments: StoreEngine.allCases)
    func quitStops(_ engine: StoreEngine) throws {
        let sandbox = try engine.make(people: [("Dana", "hr", nil)])
        defer { sandbox.remove() }
        let result = try sandbox.shell(["person add Cy --role manager", "quit", "person add Bo --role rep"], as: "Dana")
        #expect(result.status == 0, "\(result.stderrText)")
        let people = try sandbox.run(["people", "--json"], as: "Dana")
        #expect(people.stdoutText.contains("\"Cy\""))
        #expect(!people.stdoutText.contains("\"Bo\""))
        let noQuit = try sandbox.shell(["people"], as: "Dana")
        #expect(noQuit.status == 0)
    }

    @Test("one-shot commands: people, person show, goal set, goals, with --json", arguments: StoreEngine.allCases)
    func oneShot(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let set = try sandbox.run(["goal", "set", "Ana", "revenue", "12000", "--period", "2026-12"], as: "Marco")
        #expect(set.status == 0, "\(set.stderrText)")
        let goals = try sandbox.run(["goals", "Ana", "--json"], as: "Marco")
        let decoded = try JSONSerialization.jsonObject(with: goals.stdout) as? [[String: Any]]
        #expect(decoded?.first?["kpi"] as? String == "revenue")
        #expect(decoded?.first?["target"] as? Double == 12000)
        #expect(decoded?.first?["period"] as? String == "2026-12")
        let show = try sandbox.run(["person", "show", "ana"], as: "Marco")
        #expect(show.stdoutText.contains("manager  Marco"))
        #expect(show.stdoutText.contains("2026-12  revenue  12000"))
        let people = try sandbox.run(["people", "--json"], as: "Dana")
        let list = try JSONSerialization.jsonObject(with: people.stdout) as? [[String: Any]]
        #expect(list?.map { $0["name"] as? String } == ["Ana", "Dana", "Marco"])
        #expect(list?.first?["team"] as? String == "North")
    }

    @Test("COACH_STORE and the XDG default locate the store; the file is 0600 in a 0700 folder")
    func storeLocation() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run([], input: "person add Dana --role hr\n")
        #expect(result.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.store)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: (sandbox.store as NSString).deletingLastPathComponent)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        let other = sandbox.root.appendingPathComponent("other.sqlite").path
        _ = try sandbox.run([], input: "person add Eve --role hr\n", environment: ["COACH_STORE": other])
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test("help lists every command and shows one command's usage with an example; --version says the release and schemas")
    func help() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let list = try sandbox.run(["help"])
        for command in ["person add", "person show", "people", "goal set", "goals", "surveys", "help", "quit"] {
            #expect(list.stdoutText.contains("  \(command) "), "\(command)")
        }
        let one = try sandbox.shell(["help goal set"])
        #expect(one.stdoutText.contains("USAGE: coach goal set <person> <kpi> <target> [--period <YYYY-MM>]"))
        #expect(one.stdoutText.contains("Example:"))
        let version = try sandbox.run(["--version"])
        #expect(version.status == 0, "\(version.stderrText)")
        #expect(version.stdoutText.hasPrefix("coach "), "\(version.stdoutText)")
        #expect(version.stdoutText.contains("(local store schema v12, organisation store schema v7)"), "\(version.stdoutText)")
    }
}

@Suite("Surveys from the command line")
struct SurveyCommandTests {
    @Test("surveys lists the bundled surveys, and a user folder's broken file as broken")
    func listing() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let bundled = try sandbox.run(["surveys"])
        #expect(bundled.status == 0)
        #expect(bundled.stdoutText.contains("who-5                   check-in         rep       weekly   5"))

        let folder = sandbox.root.appendingPathComponent("config/coach/surveys")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "format: 1\nid: pulse\ntitle: Pulse\nkind: check-in\naudience: rep\nquestions:\n  - id: q1\n    text: How?\n    type: scale\n    mn: 1\n"
            .write(to: folder.appendingPathComponent("pulse.yaml"), atomically: true, encoding: .utf8)
        let listing = try sandbox.run(["surveys"])
        #expect(listing.stdoutText.contains("who-5"), "the bundled surveys still load")
        #expect(listing.stdoutText.contains("broken  \(folder.path)/pulse.yaml"))

        let lint = try sandbox.run(["survey", "lint"])
        #expect(lint.status == 1)
        #expect(lint.stdoutText.contains("\(folder.path)/pulse.yaml:10:5: unknown key 'mn'"))
        #expect(lint.stdoutText.contains("(did you mean 'min'?)"))

        let replaced = try sandbox.run(["surveys", "--surveys", folder.path])
        #expect(!replaced.stdoutText.contains("who-5"), "--surveys replaces the bundled surveys")
    }
}

@Suite("survey test")
struct SurveyTestCommandTests {
    @Test("the bundled surveys' test vectors pass; a wrong expectation names file, line and test")
    func vectors() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let bundled = try sandbox.run(["survey", "test"])
        #expect(bundled.status == 0, "\(bundled.stdoutText)")
        #expect(bundled.stdoutText.contains("10 surveys:"))
        #expect(bundled.stdoutText.contains(" 0 failed"))

        let file = sandbox.root.appendingPathComponent("mood.yaml")
        try """
        format: 1
        id: mood
        title: Mood
        kind: check-in
        audience: rep
        questions:
          - {id: mood, text: How are you?, type: scale, min: 1, max: 5}
        scores:
          - {id: mood, label: Mood, items: [mood], method: sum, range: [1, 5], higher_is: better}
        tests:
          - name: top
            answers: {mood: 5}
            expect: {mood: 4}
        """.write(to: file, atomically: true, encoding: .utf8)
        let failing = try sandbox.run(["survey", "test", file.path])
        #expect(failing.status == 1)
        #expect(failing.stdoutText.contains("\(file.path):11: test 'top': mood expected 4, got 5"), "\(failing.stdoutText)")
        #expect(failing.stdoutText.contains("1 survey: 0 passed, 1 failed"))
    }
}
