import CoachTestSupport
import Foundation
import Testing

/// `checkin` as the rep: sharing asked once, amend supersedes, and the private support message.
@Suite("checkin end to end")
struct CheckinEndToEndTests {
    static let support = "Call Lee on 555-0100, any time."

    func sandboxWithSupport(_ text: String? = support, engine: StoreEngine = .local) throws -> any EngineStore {
        let sandbox = try engine.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North"), ("Ana", "rep", "North")])
        if let text {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: sandbox.configFile).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try "support: |\n  \(text)\n".write(toFile: sandbox.configFile, atomically: true, encoding: .utf8)
        }
        return sandbox
    }

    @Test("the first wellbeing check-in asks about sharing once; amending supersedes, both stay stored",
          arguments: StoreEngine.allCases)
    func sharingOnceAndAmend(_ engine: StoreEngine) throws {
        let sandbox = try sandboxWithSupport(engine: engine)
        defer { sandbox.remove() }
        let first = try sandbox.shell(["checkin who-5", "y", "4", "4", "4", "4", "4"], as: "Ana")
        #expect(first.status == 0, "\(first.stderrText)")
        // A piped shell shows no prompts; the answer to the sharing question is echoed.
        #expect(first.stdoutText.components(separatedBy: "Marco will see your wellbeing band and trend.").count == 2)
        #expect(try sandbox.sql("SELECT share_wellbeing FROM person WHERE name = 'Ana'").first == "1")

        let amended = try sandbox.shell(["checkin who-5", "y", "3", "3", "3", "3", "3"], as: "Ana")
        #expect(amended.status == 0, "\(amended.stderrText)")
        #expect(!amended.stdoutText.contains("will see your wellbeing"), "asked once, remembered")
        #expect(!amended.stdoutText.contains("Kept to yourself"))
        #expect(try sandbox.sql("SELECT id, supersedes_id, state FROM session ORDER BY id") == ["1||completed", "2|1|completed"])
        let trend = try sandbox.run(["trends", "Ana", "--json"], as: "Marco")
        #expect(trend.stdoutText.contains("\"latest\" : 60"), "the amended 60 replaces 80 (shared, so Marco sees it)")
        #expect(!trend.stdoutText.contains("\"value\" : 80"))

        let kept = try sandbox.shell(["checkin who-5", "n"], as: "Ana")
        #expect(kept.stdoutText.contains("Kept the one from"))
        #expect(try sandbox.sql("SELECT count(*) FROM session").first == "2")

        let shown = try sandbox.run(["share", "wellbeing"], as: "Ana")
        #expect(shown.status == 0, "\(shown.stderrText)")
        #expect(shown.stdoutText == "Marco sees your wellbeing band and trend (never your answers); 'share wellbeing off' stops it.\n")
        let off = try sandbox.run(["share", "wellbeing", "off"], as: "Ana")
        #expect(off.status == 0)
        #expect(try sandbox.run(["share", "wellbeing"], as: "Ana").stdoutText.hasPrefix("Your wellbeing is not shared: Marco sees it"))
        let hidden = try sandbox.run(["trends", "Ana", "--json"], as: "Marco")
        #expect(!hidden.stdoutText.contains("who-5"), "sharing off applies from then on")
    }

    @Test("declining keeps wellbeing to herself, and is not asked again", arguments: StoreEngine.allCases)
    func declined(_ engine: StoreEngine) throws {
        let sandbox = try sandboxWithSupport(engine: engine)
        defer { sandbox.remove() }
        let first = try sandbox.shell(["checkin who-5", "", "4", "4", "4", "4", "4"], as: "Ana")
        #expect(first.stdoutText.contains("Kept to yourself."))
        #expect(try sandbox.sql("SELECT share_wellbeing FROM person WHERE name = 'Ana'").first == "0")
        let cbi = try sandbox.shell(["checkin cbi"] + Array(repeating: "50", count: 19), as: "Ana")
        #expect(cbi.status == 0, "\(cbi.stderrText)")
        #expect(!cbi.stdoutText.contains("Kept to yourself"), "not asked again")
        let marco = try sandbox.run(["trends", "Ana", "--json"], as: "Marco")
        #expect(!marco.stdoutText.contains("who-5") && !marco.stdoutText.contains("cbi"))
    }

    struct Trigger: CustomTestStringConvertible, Sendable {
        let name: String
        let lines: [String]
        let supportShown: Bool
        var testDescription: String { name }
    }

    static let triggers: [Trigger] = [
        Trigger(name: "WHO-5 48 (≤ 50)", lines: ["checkin who-5", "n", "3", "3", "2", "2", "2"], supportShown: true),
        Trigger(name: "WHO-5 52, no item at 0 or 1", lines: ["checkin who-5", "n", "3", "3", "3", "2", "2"], supportShown: false),
        Trigger(name: "WHO-5 84 with one item at 1", lines: ["checkin who-5", "n", "5", "5", "5", "5", "1"], supportShown: true),
        Trigger(name: "WHO-5 80 with one item at 0", lines: ["checkin who-5", "n", "5", "5", "5", "5", "0"], supportShown: true),
        Trigger(name: "WHO-5 100", lines: ["checkin who-5", "n", "5", "5", "5", "5", "5"], supportShown: false),
        // Personal 50, work 75 (high), client 50.
        Trigger(name: "CBI work scale 75", lines: ["checkin cbi", "n"] + Array(repeating: "50", count: 6)
                    + ["75", "75", "75", "75", "50", "75", "0"] + Array(repeating: "50", count: 6), supportShown: true),
        Trigger(name: "CBI all 50", lines: ["checkin cbi", "n"] + Array(repeating: "50", count: 19), supportShown: false),
        Trigger(name: "self-assessment, never", lines: ["checkin weekly-self-assessment"] + Array(repeating: "1", count: 20)
                    + ["a", "", "", ""], supportShown: false),
    ]

    @Test("the private support message for each trigger, with config.yaml's support: text; none otherwise",
          arguments: StoreEngine.allCases, triggers)
    func supportMessage(_ engine: StoreEngine, _ trigger: Trigger) throws {
        let sandbox = try sandboxWithSupport(engine: engine)
        defer { sandbox.remove() }
        let result = try sandbox.shell(trigger.lines, as: "Ana")
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("Done: "))
        #expect(result.stdoutText.contains("Just for you") == trigger.supportShown)
        #expect(result.stdoutText.contains(Self.support) == trigger.supportShown)
        #expect(!result.stdoutText.localizedCaseInsensitiveContains("depress"), "not diagnostic")
        // Nothing of the message is stored, and nobody else sees a trace of it.
        let dump = try sandbox.dump()
        #expect(!dump.contains("Just for you") && !dump.contains("555-0100"))
        for viewer in ["Marco", "Dana"] {
            for command in [["export", "--json"], ["history", "Ana", "--json"], ["trends", "Ana", "--json"], ["due"]] {
                let seen = try sandbox.run(command, as: viewer)
                #expect(!seen.stdoutText.contains("Just for you") && !seen.stdoutText.contains("\"alert\" : true"))
            }
        }
    }

    @Test("without support: in config.yaml a sensible default names where to turn", arguments: StoreEngine.allCases)
    func defaultSupport(_ engine: StoreEngine) throws {
        let sandbox = try sandboxWithSupport(nil, engine: engine)
        defer { sandbox.remove() }
        let result = try sandbox.shell(["checkin who-5", "n", "1", "1", "1", "1", "1"], as: "Ana")
        #expect(result.stdoutText.contains("Just for you"))
        #expect(result.stdoutText.contains("employee assistance programme"))
        #expect(result.stdoutText.contains("emergency number"))
    }

    @Test("due reads the process time zone: WHO-5 done Monday 04:00 UTC is this week in UTC, last week in New York",
          arguments: StoreEngine.allCases)
    func dueInTimeZone(_ engine: StoreEngine) throws {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        let monday = iso.dateInterval(of: .weekOfYear, for: Date())!.start
        let done = monday.addingTimeInterval(4 * 3_600)  // Sunday 23:00 in New York
        try #require(Date().timeIntervalSince(monday) > 6 * 3_600, "too close to the week's start to tell")
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["run who-5", "4", "4", "4", "4", "4"], as: "Ana").status == 0)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withSpaceBetweenDateAndTime, .withTime, .withColonSeparatorInTime]
        let stamp = formatter.string(from: done).replacingOccurrences(of: "Z", with: "") + ".000"
        // The local store keeps UTC without a zone; PostgreSQL reads a zoneless time in its session's zone.
        let utcOnServer = engine == .server ? "SET TIME ZONE 'UTC'; " : ""
        _ = try sandbox.sql(utcOnServer + "UPDATE session SET completed_at = '\(stamp)', started_at = '\(stamp)', updated_at = '\(stamp)'")
        let utc = try sandbox.run(["due"], as: "Ana", input: "", environment: ["TZ": "UTC"])
        #expect(utc.stdoutText.contains("Weekly self-assessment"))
        #expect(!utc.stdoutText.contains("WHO-5"), "\(utc.stdoutText)")
        let newYork = try sandbox.run(["due"], as: "Ana", input: "", environment: ["TZ": "America/New_York"])
        #expect(newYork.stdoutText.contains("WHO-5 Well-Being Index (weekly)"), "\(newYork.stdoutText)")
    }
}
