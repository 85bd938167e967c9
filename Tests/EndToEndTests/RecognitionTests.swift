import CoachCore
import CoachTestSupport
import Foundation
import Testing

/// `thanks` and `recognition` through the built binary, on both engines: a thanks reaches the
/// person thanked (greeting, history), their manager (one-on-one header, review), everyone
/// (`recognition`, `history`, `export`), and bad input is refused with the reason.
@Suite("Recognition")
struct RecognitionEndToEndTests {
    /// Dana (HR), Marco (manager, North), Ana and Bo (reps, North), with the organisation's values set.
    static func organisation(_ engine: StoreEngine) throws -> any EngineStore {
        let store = try engine.team()
        try store.addPerson("Bo", role: "rep", team: "North")
        let set = try store.run(["org", "set", "values", "customer focus, teamwork, sharing, new ideas"], as: "Dana")
        #expect(set.status == 0, "\(set.stderrText)")
        return store
    }

    static var year: String { String(Calendar.current.component(.year, from: Date())) }

    @Test("a thanks is stored and seen by Ana in her greeting and history, by anyone in history, and in org show",
          arguments: StoreEngine.allCases)
    func thanksReachesTheReceiver(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let given = try store.run(["thanks", "ana", "Took over the Acme call", "--for", "TEAMWORK"], as: "Marco")
        #expect(given.status == 0, "\(given.stderrText)")
        #expect(given.stdoutText.contains("Thanked Ana for teamwork: Took over the Acme call"), "\(given.stdoutText)")
        #expect(try store.sql("""
            SELECT g.name, p.name, r.value, r.text FROM recognition r JOIN person g ON g.id = r.giver_id
            JOIN person p ON p.id = r.receiver_id
            """) == ["Marco|Ana|teamwork|Took over the Acme call"])
        let today = DateAnswer.iso(Date())
        let json = try store.run(["thanks", "Ana", "Old news", "--json"], as: "Bo")
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        #expect(stored["giver"] as? String == "Bo" && stored["receiver"] as? String == "Ana" && stored["date"] as? String == today
                && stored["value"] is NSNull, "\(json.stdoutText)")
        // Older than the greeting's 7 days: in history, not in the greeting.
        _ = try store.sql("UPDATE recognition SET given_at = '2026-01-05 10:00:00.000' WHERE text = 'Old news'")

        let shell = try store.terminal(as: "Ana", arguments: [])
        try shell.waitFor("Thanked by Marco on \(today) for teamwork: Took over the Acme call")
        try shell.waitFor("Ana (rep)> ")
        #expect(!shell.output.contains("Old news"), "\(shell.output)")
        shell.send("quit\r")
        _ = try shell.waitForExit()

        for viewer in ["Ana", "Bo", "Dana"] {
            let history = try store.run(["history", "Ana"], as: viewer)
            #expect(history.status == 0, "\(viewer): \(history.stderrText)")
            #expect(history.stdoutText.contains("\(today)  thanks from Marco to Ana for teamwork: Took over the Acme call"),
                    "\(viewer): \(history.stdoutText)")
        }
        #expect(try store.run(["history", "Ana"], as: "Ana").stdoutText.contains("2026-01-05  thanks from Bo to Ana: Old news"))
        let timeline = try store.run(["history", "Marco", "--json"], as: "Bo")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(timeline.stdoutText.utf8)) as? [[String: Any]])
        #expect(entries.contains { $0["kind"] as? String == "recognition" && $0["receiver"] as? String == "Ana" }, "\(timeline.stdoutText)")

        let settings = try store.run(["org", "show", "--json"], as: "Dana")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(settings.stdoutText.utf8)) as? [String: Any])
        #expect(object["values"] as? [String] == ["customer focus", "teamwork", "sharing", "new ideas"])
        #expect(try store.run(["org", "show"], as: "Dana").stdoutText.contains("customer focus, teamwork, sharing, new ideas"))
    }

    @Test("Marco's one-on-one header and Ana's review show the thanks she received (text, JSON, Markdown, HTML)",
          arguments: StoreEngine.allCases)
    func managerSeesIt(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        #expect(try store.run(["thanks", "Ana", "Shared the pricing sheet", "--for", "sharing"], as: "Bo").status == 0)
        let today = DateAnswer.iso(Date())

        let meeting = try store.shell(["1on1 Ana"], as: "Marco")
        #expect(meeting.stdoutText.contains("Recognised since the last meeting:"), "\(meeting.stdoutText)")
        #expect(meeting.stdoutText.contains("  • \(today) from Bo for sharing: Shared the pricing sheet"), "\(meeting.stdoutText)")

        let text = try store.run(["review", "Ana", "--period", Self.year], as: "Marco")
        #expect(text.status == 0, "\(text.stderrText)")
        #expect(text.stdoutText.contains("── Recognition ──"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("Shared the pricing sheet"))
        let json = try store.run(["review", "Ana", "--period", Self.year, "--json"], as: "Marco")
        let review = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        let recognition = try #require(review["recognition"] as? [[String: Any]], "\(json.stdoutText)")
        #expect(recognition.count == 1)
        #expect(recognition.first?["giver"] as? String == "Bo" && recognition.first?["date"] as? String == today
                && recognition.first?["value"] as? String == "sharing" && recognition.first?["text"] as? String == "Shared the pricing sheet")
        let markdown = try store.run(["review", "Ana", "--period", Self.year, "--markdown"], as: "Marco")
        #expect(markdown.stdoutText.contains("## Recognition"), "\(markdown.stdoutText)")
        #expect(markdown.stdoutText.contains("| \(today) | Bo | sharing | Shared the pricing sheet |"), "\(markdown.stdoutText)")
        let page = try store.run(["review", "Ana", "--period", Self.year, "--html", "-o", "-"], as: "Marco")
        #expect(page.status == 0, "\(page.stderrText)")
        #expect(page.stdoutText.contains("Recognition") && page.stdoutText.contains("Shared the pricing sheet"))

        let bob = try store.run(["review", "Bo", "--period", Self.year, "--json"], as: "Marco")
        let other = try #require(try JSONSerialization.jsonObject(with: Data(bob.stdoutText.utf8)) as? [String: Any])
        #expect((other["recognition"] as? [Any])?.isEmpty == true, "only thanks received")
    }

    @Test("recognition lists the window's thanks, counts per person, and who gave and received none", arguments: StoreEngine.allCases)
    func recognitionListing(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        #expect(try store.run(["thanks", "Ana", "Covered the Acme call"], as: "Marco").status == 0)
        let text = try store.run(["recognition"], as: "Ana")
        #expect(text.status == 0, "\(text.stderrText)")
        #expect(text.stdoutText.contains("Recognition in team North, the last 4 weeks"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("Covered the Acme call"))
        #expect(text.stdoutText.contains("Gave none and received none: Bo"), "\(text.stdoutText)")

        let json = try store.run(["recognition", "--json"], as: "Dana")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        #expect(object["team"] as? String == "all" && object["weeks"] as? Int == 4)
        #expect(object["quiet"] as? [String] == ["Bo", "Dana"], "\(json.stdoutText)")
        let people = try #require(object["people"] as? [[String: Any]])
        #expect(people.first { $0["name"] as? String == "Ana" }?["received"] as? Int == 1)
        #expect(people.first { $0["name"] as? String == "Marco" }?["given"] as? Int == 1)
        let entry = try #require((object["recognition"] as? [[String: Any]])?.first)
        #expect(entry["giver"] as? String == "Marco" && entry["receiver"] as? String == "Ana" && entry["value"] is NSNull)
        #expect((entry["given_at"] as? String)?.hasPrefix(DateAnswer.iso(Date()).prefix(4)) == true, "ISO 8601: \(entry)")

        let unknown = try store.run(["recognition", "--team", "Nort"], as: "Ana")
        #expect(unknown.status == 1 && unknown.stderrText.contains("did you mean 'North'"), "\(unknown.stderrText)")
        #expect(try store.run(["recognition", "--weeks", "0"], as: "Ana").status == 2)

        let export = try store.run(["export"], as: "Bo")
        let exported = try #require(try JSONSerialization.jsonObject(with: Data(export.stdoutText.utf8)) as? [String: Any])
        #expect((exported["recognition"] as? [[String: Any]])?.first?["text"] as? String == "Covered the Acme call")
        let csv = try store.run(["export", "--csv"], as: "Bo")
        #expect(csv.stdoutText.contains("recognition,,,,Ana,Marco,"), "\(csv.stdoutText)")
        if engine == .local {
            let check = try store.run(["check"], as: "Dana")
            #expect(check.status == 0, "a store with thanks checks clean: \(check.stdoutText)\(check.stderrText)")
        }
    }

    @Test("refused with the reason: oneself, an unknown person, an unknown value, no values set, bad text",
          arguments: StoreEngine.allCases)
    func refusals(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        let noList = try store.run(["thanks", "Ana", "Great demo", "--for", "teamwork"], as: "Marco")
        #expect(noList.status == 1 && noList.stderrText.contains("org set values"), "\(noList.stderrText)")
        #expect(try store.run(["org", "set", "values", "customer focus, teamwork"], as: "Dana").status == 0)
        let cases: [([String], String)] = [
            (["thanks", "marco", "Me"], "not to oneself"),
            (["thanks", "Anna", "Great demo"], "did you mean 'Ana'"),
            (["thanks", "Ana", "Great demo", "--for", "teamwrk"], "did you mean 'teamwork'?); they are: customer focus, teamwork"),
            (["thanks", "Ana", "a\u{1B}[2Jb"], "a thanks cannot contain"),
            (["thanks", "Ana", String(repeating: "x", count: 2_001)], "1 to 2000 characters"),
        ]
        for (arguments, message) in cases {
            let result = try store.run(arguments, as: "Marco")
            #expect(result.status == 1, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        }
        let noText = try store.run(["thanks", "Ana"], as: "Marco")
        #expect(noText.status == 2 && noText.stderrText.contains("say what you thank Ana for"), "\(noText.stderrText)")
        #expect(try store.sql("SELECT count(*) FROM recognition") == ["0"])
        let help = try store.run(["thanks", "--help"], as: "Marco").stdoutText
        #expect(help.contains("anonymous") && help.contains("Example:"), "\(help)")
    }
}
