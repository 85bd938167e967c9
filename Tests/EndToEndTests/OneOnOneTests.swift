import CoachTestSupport
import CoachCore
import Foundation
import Testing

/// The guided one-on-one over two meetings: what the first decides, the second's header shows.
@Suite("The guided one-on-one")
struct OneOnOneTests {
    /// Answers for a meeting with two open items and one agenda item (mood 7: no follow-up question).
    func meeting(review: [String], agenda: [String], revenue: String, newAction: String?) -> [String] {
        ["1on1 Ana", "7", "Closed Acme"] + review + agenda + [revenue, "", "", ""]
            + ["", "", "", "", "None", "", "", "", ""]
            + (newAction.map { [$0, "Marco", "2026-12-31"] } ?? []) + [""]
            + ["Shared SHARED-NOTE-1", ".", "Private PRIVATE-NOTE-1", "."]
    }

    @Test("decisions carry over: done closes, carry counts up, discussed agenda leaves; KPI attainment is stored",
          arguments: StoreEngine.allCases)
    func twoMeetings(_ engine: StoreEngine) throws {
        let sandbox = try engine.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North"), ("Ana", "rep", "North")])
        defer { sandbox.remove() }
        let lastMonth = try #require(Period(containing: Date()).previous).description
        #expect(try sandbox.shell(["goal set Ana revenue 10000", "goal set Ana revenue 8000 --period \(lastMonth)"],
                                  as: "Marco").status == 0)
        #expect(try sandbox.shell(["agenda add Commission plan"], as: "Ana").status == 0)
        _ = try sandbox.sql("""
            INSERT INTO kpi_actual (person_id, kpi, period, actual, recorded_at)
              SELECT id, 'revenue', '\(lastMonth)', 6800, '2026-10-30 10:00:00.000' FROM person WHERE name = 'Ana';
            INSERT INTO action_item (subject_id, owner_id, text, due, created_at)
              SELECT id, id, 'Call Acme', '2026-11-20', '2026-11-01 10:00:00.000' FROM person WHERE name = 'Ana';
            INSERT INTO action_item (subject_id, owner_id, text, due, created_at, carried_count)
              SELECT id, id, 'Clean the pipeline', NULL, '2026-10-01 10:00:00.000', 2 FROM person WHERE name = 'Ana';
            """)
        let first = try sandbox.shell(meeting(review: ["", "d"], agenda: ["y", "Agreed a new plan"], revenue: "9000",
                                              newAction: "Send pricing"), as: "Marco")
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("One-on-one with Ana — team North"))
        #expect(first.stdoutText.contains("Last one-on-one: none yet"))
        #expect(first.stdoutText.contains("carried 2×"))
        #expect(first.stdoutText.contains("  • Commission plan"))
        #expect(first.stdoutText.contains("Revenue: target 10000 EUR, no actual yet"))
        #expect(first.stdoutText.contains("  #2 Clean the pipeline: carried"), "oldest item first")
        #expect(first.stdoutText.contains("  #1 Call Acme: done"))
        #expect(first.stdoutText.contains("  Revenue: 9000 EUR of 10000 EUR (90%)"))
        #expect(first.stdoutText.contains("→ 90% of target (earlier: \(lastMonth) 85%)"), "attainment against earlier months")
        #expect(first.stdoutText.contains("  Send pricing — Marco, due 2026-12-31"))
        #expect(try sandbox.sql("SELECT text, status, carried_count FROM action_item ORDER BY id") == [
            "Call Acme|done|0", "Clean the pipeline|open|3", "Send pricing|open|0",
        ])
        #expect(try sandbox.sql("SELECT text, status, note FROM agenda_item") == ["Commission plan|discussed|Agreed a new plan"])
        #expect(try sandbox.sql("SELECT kpi, period, actual FROM kpi_actual ORDER BY id") == [
            "revenue|\(lastMonth)|6800.0", "revenue|\(Period(containing: Date()))|9000.0",
        ])

        let second = try sandbox.shell(meeting(review: ["", "x"], agenda: [], revenue: "", newAction: nil), as: "Marco")
        #expect(second.status == 0, "\(second.stderrText)")
        #expect(second.stdoutText.contains("Last one-on-one: "))
        #expect(second.stdoutText.contains("(0 days ago)"))
        #expect(second.stdoutText.contains("Clean the pipeline — Ana, "))
        #expect(second.stdoutText.contains("carried 3×  ‼"), "three carries or more are highlighted")
        #expect(second.stdoutText.contains("Ana's agenda: nothing added"))
        #expect(second.stdoutText.contains("Revenue: 9000 EUR of 10000 EUR (90%)"))
        #expect(try sandbox.sql("SELECT text, status, carried_count FROM action_item ORDER BY id") == [
            "Call Acme|done|0", "Clean the pipeline|open|4", "Send pricing|dropped|0",
        ])
        let history = try sandbox.run(["history", "Ana"], as: "Ana")
        #expect(history.stdoutText.components(separatedBy: "One-on-one by Marco").count == 3)
    }

    @Test("only the rep's manager runs it; the rep, HR and another manager are refused", arguments: StoreEngine.allCases)
    func refusals(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        try sandbox.addPerson("Mia", role: "manager", team: "South")
        for user in ["Ana", "Dana", "Mia"] {
            let result = try sandbox.run(["one-on-one", "Ana"], as: user)
            #expect(result.status == 1, "\(user)")
            #expect(result.stderrText.contains("not allowed"), "\(user): \(result.stderrText)")
        }
        #expect(try sandbox.sqlValue("SELECT count(*) FROM session") == "0")
    }
}

@Suite("The one-on-one on a terminal")
struct OneOnOneUnderPtyTests {
    @Test("a manager runs a one-on-one in the readline shell, pauses with Ctrl-C and resumes to the end", arguments: StoreEngine.allCases)
    func pauseAndResume(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let shell = try sandbox.terminal(as: "Marco", arguments: [])
        try shell.waitFor("Marco (manager)> ")
        shell.send("1on1 Ana\r")
        try shell.waitFor("— team North")  // the name is bold on a terminal
        try shell.waitFor("[1/17]")
        try shell.waitFor("> ")
        shell.send("8\r")
        try shell.waitFor("[2/17]")
        try shell.waitFor("> ")
        shell.send("Demo went well\r")
        try shell.waitFor("No open action items.")
        try shell.waitFor("Revenue (no target set): ")
        shell.send("\u{3}")
        try shell.waitFor("Paused One-on-one: 4 answers kept.")
        try shell.waitFor("Marco (manager)> ")
        #expect(try sandbox.sql("SELECT state FROM session") == ["paused"])

        shell.send("resume\r")
        try shell.waitFor("Resuming One-on-one: 4 answers kept.")
        for kpi in ["Revenue", "New customers", "Conversion rate", "Customer satisfaction"] {
            try shell.waitFor(kpi)
            try shell.waitFor("(no target set): ")
            shell.send(kpi == "Revenue" ? "9000\r" : "\r")
        }
        for answer in ["", "", "", "", "Nothing", "", "", "", ""] {
            try shell.waitFor("> ")
            shell.send(answer + "\r")
        }
        try shell.waitFor("action 1: ")
        shell.send("\r")
        try shell.waitFor("> ")
        shell.send(".\r")
        try shell.waitFor("> ")
        shell.send(".\r")
        try shell.waitFor("Done: One-on-one")
        try shell.waitFor("Marco (manager)> ")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])
        #expect(try sandbox.sql("SELECT kpi, actual FROM kpi_actual") == ["revenue|9000.0"])
    }
}

@Suite("The one-on-one header and privacy")
struct OneOnOneHeaderPrivacyTests {
    @Test("the header shows the rep's wellbeing only while shared, and never a note or a wellbeing answer", arguments: StoreEngine.allCases)
    func wellbeingOnlyWhenShared(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["run who-5", "1", "2", "2", "3", "2"], as: "Ana").status == 0)
        let hidden = try sandbox.run(["one-on-one", "Ana"], as: "Marco", input: "")
        #expect(hidden.stdoutText.contains("One-on-one with Ana"))
        #expect(!hidden.stdoutText.contains("Wellbeing"), "not shared: no wellbeing in the header")
        #expect(try sandbox.shell(["share wellbeing on"], as: "Ana").status == 0)
        let past = try sandbox.run(["one-on-one", "Ana"], as: "Marco", input: "")
        #expect(!past.stdoutText.contains("Wellbeing"), "sharing shows no check-in from before it was turned on")
        // A check-in after sharing began (it amends this week's) is Marco's to see.
        #expect(try sandbox.shell(["run who-5", "1", "2", "2", "3", "2"], as: "Ana").status == 0)
        let shown = try sandbox.run(["one-on-one", "Ana"], as: "Marco", input: "")
        #expect(shown.stdoutText.contains("Wellbeing (shared by Ana): Well-being"))
        #expect(!shown.stdoutText.contains("cheerful") && !shown.stdoutText.contains("I have felt"),
                "the band and trend only, never the answers")
    }
}

@Suite("Action items")
struct ActionItemTests {
    @Test("actions lists what the user may see; action done closes an item for its owner, the rep or their manager", arguments: StoreEngine.allCases)
    func actionDone(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        try sandbox.addPerson("Mia", role: "manager", team: "South")
        _ = try sandbox.sql("""
            INSERT INTO action_item (subject_id, owner_id, text, due, created_at)
              SELECT a.id, m.id, 'Prep demo, "v2"', '2026-12-01', '2026-11-20 10:00:00.000'
              FROM person a, person m WHERE a.name = 'Ana' AND m.name = 'Marco';
            """)
        let listed = try sandbox.run(["actions", "--open"], as: "Ana")
        #expect(listed.stdoutText.contains("#1  open    2026-12-01  Marco  Ana    Prep demo, \"v2\""))
        for (user, status) in [("Mia", Int32(1)), ("Dana", 1)] {
            let refused = try sandbox.run(["action", "done", "1"], as: user)
            #expect(refused.status == status, "\(user)")
            #expect(refused.stderrText.contains("no action item #1 that you can see"), "\(user)")
        }
        let bad = try sandbox.run(["action", "done", "one"], as: "Ana")
        #expect(bad.status == 2)
        let done = try sandbox.run(["action", "done", "#1"], as: "Ana")
        #expect(done.status == 0, "\(done.stderrText)")
        #expect(done.stdoutText == "Done: #1 Prep demo, \"v2\"\n")
        let again = try sandbox.run(["action", "done", "1"], as: "Marco")
        #expect(again.stderrText.contains("already done"))
        let json = try sandbox.run(["actions", "Ana", "--json"], as: "Marco")
        #expect(json.stdoutText.contains("\"status\" : \"done\""))
        #expect(try sandbox.run(["actions", "--open"], as: "Ana").stdoutText == "No open action items.\n")
    }

    @Test("agenda add puts a topic on the rep's next one-on-one; empty topics are refused", arguments: StoreEngine.allCases)
    func agendaAdd(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let added = try sandbox.run(["agenda", "add", "Pricing", "for", "Acme"], as: "Ana")
        #expect(added.stdoutText == "Added to your next one-on-one: Pricing for Acme\n")
        let empty = try sandbox.run(["agenda", "add", " "], as: "Ana")
        #expect(empty.status == 1)
        #expect(try sandbox.sql("SELECT text, source, status FROM agenda_item") == ["Pricing for Acme|manual|open"])
        // Typed in the shell, as the help says, without quotes: the apostrophe is a letter.
        let typed = try sandbox.shell(["agenda add Let's review the ACME deal"], as: "Ana")
        #expect(typed.status == 0, "\(typed.stderrText)")
        #expect(try sandbox.sql("SELECT text FROM agenda_item ORDER BY id").last == "Let's review the ACME deal")
    }
}

@Suite("Low wellbeing is never a label shown to others")
struct SupportBandPrivacyTests {
    @Test("with sharing on, the manager sees a low WHO-5's value and trend but not its band; the rep sees the band", arguments: StoreEngine.allCases)
    func lowBandStaysWithTheRep(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let first = try sandbox.shell(["share wellbeing on", "run who-5", "2", "2", "1", "2", "2"], as: "Ana")
        #expect(first.status == 0, "\(first.stderrText)")
        // A first-ever check-in has no "usual" to be lower than: the band names the cut-off.
        #expect(first.stdoutText.contains("Well-being  36  Poor (50 or less)"), "\(first.stdoutText)")
        #expect(try sandbox.sql("SELECT value, band, alert FROM score") == ["36.0|poor|1"])
        let own = try sandbox.run(["trends", "--json"], as: "Ana")
        #expect(own.stdoutText.contains("\"band\" : \"poor\""))
        for arguments in [["trends", "Ana", "--json"], ["history", "Ana", "--json"], ["export", "--json"], ["history", "Ana"],
                          ["trends", "Ana"]] {
            let managers = try sandbox.run(arguments, as: "Marco")
            #expect(managers.status == 0, "\(arguments)")
            #expect(managers.stdoutText.contains("36") || managers.stdoutText.contains("who-5"), "\(arguments): value shown")
            #expect(!managers.stdoutText.contains("poor") && !managers.stdoutText.contains("Poor (50 or less)"), "\(arguments)")
        }
    }
}
