import CoachTestSupport
import Foundation
import Testing

/// `show ID` and `history PERSON --full`: a past one-on-one read back as its participants may see
/// it, and the next meeting's header recalling what was agreed.
@Suite("The meeting record")
struct MeetingRecordTests {
    /// Marco's one-on-one with Ana: mood 7, a carried action, an agenda topic discussed with a
    /// note, revenue 12000 against 10000, a new action, a shared and a private note.
    static func meeting(_ sandbox: any EngineStore) throws {
        #expect(try sandbox.shell(["goal set Ana revenue 10000"], as: "Marco").status == 0)
        #expect(try sandbox.shell(["agenda add Pricing for the Acme renewal"], as: "Ana").status == 0)
        let result = try sandbox.shell(["1on1 Ana", "7", "Closed Acme", "discussed", "Keep the list price",
                                        "12000", "", "", "", "", "", "", "", "None", "", "", "", "",
                                        "Send the Acme quote", "", "friday", "",
                                        "We agreed on pricing", "and on the quote", ".", "Ana seemed tired", "."],
                                       as: "Marco")
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])
    }

    @Test("the manager sees the whole meeting, the rep all but the private note, HR nothing",
          arguments: StoreEngine.allCases)
    func eachRoleSeesTheirPart(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        try Self.meeting(sandbox)
        let marco = try sandbox.run(["show", "1"], as: "Marco")
        #expect(marco.status == 0, "\(marco.stderrText)")
        let text = marco.stdoutText
        for expected in ["One-on-one with Ana", "Session #1 · ", "by Marco", "completed", "── The rep's agenda ──",
                         "• Pricing for the Acme renewal: discussed — Keep the list price",
                         "Revenue  12000 EUR  10000 EUR  120%", "• Send the Acme quote — Ana, due ",
                         "  We agreed on pricing\n  and on the quote", "(private: only you see this)", "Ana seemed tired",
                         "Mood  7"] {
            #expect(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        let ana = try sandbox.run(["show", "#1"], as: "Ana")
        #expect(ana.status == 0, "\(ana.stderrText)")
        #expect(ana.stdoutText.contains("We agreed on pricing"))
        #expect(ana.stdoutText.contains("Revenue  12000 EUR"))
        #expect(!ana.stdoutText.contains("Ana seemed tired"))
        #expect(!ana.stdoutText.contains("Private notes"))
        let dana = try sandbox.run(["show", "1"], as: "Dana")
        #expect(dana.status == 1)
        #expect(dana.stdoutText.isEmpty)
        #expect(dana.stderrText.contains("no session #1 that you can see"), "\(dana.stderrText)")
        let bad = try sandbox.run(["show", "first"], as: "Marco")
        #expect(bad.status == 2)
    }

    @Test("--json carries real values and --markdown a KPI table; history --full prints each session",
          arguments: StoreEngine.allCases)
    func formats(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        try Self.meeting(sandbox)
        let json = try sandbox.run(["show", "1", "--json"], as: "Ana")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == 1)
        #expect(object["kind"] as? String == "one-on-one")
        #expect(object["author"] as? String == "Marco")
        let answers = try #require(object["answers"] as? [[String: Any]])
        #expect(answers.first { $0["question"] as? String == "mood" }?["value"] as? Double == 7)
        let kpis = try #require(answers.first { $0["question"] as? String == "kpis" })
        let display = try #require(kpis["display"] as? [[String: String]])
        #expect(display.first?["attainment"] == "120%")
        #expect(!answers.contains { $0["question"] as? String == "private_notes" })

        let markdown = try sandbox.run(["show", "1", "--markdown"], as: "Marco").stdoutText
        #expect(markdown.hasPrefix("# One\\-on\\-one with Ana") || markdown.hasPrefix("# One-on-one with Ana"), "\(markdown)")
        #expect(markdown.contains("| KPI | ACTUAL | TARGET | ATTAINMENT |"))
        #expect(markdown.contains("| Revenue | 12000 EUR | 10000 EUR | 120% |"), "\(markdown)")
        #expect(markdown.contains("_(private: only you see this)_"))

        let history = try sandbox.run(["history", "Ana", "--full"], as: "Ana")
        #expect(history.status == 0, "\(history.stderrText)")
        #expect(history.stdoutText.contains("#1 One-on-one by Marco"), "\(history.stdoutText)")
        #expect(history.stdoutText.contains("    • Send the Acme quote — Ana, due "))
        #expect(!history.stdoutText.contains("Ana seemed tired"))
    }

    @Test("the next one-on-one's header shows what was agreed last time, never the private note",
          arguments: StoreEngine.allCases)
    func nextHeaderRecallsTheAgreement(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        try Self.meeting(sandbox)
        let next = try sandbox.shell(["1on1 Ana", ":pause"], as: "Marco").stdoutText
        #expect(next.contains("Agreed last time ('show 1' for the whole meeting):\n  • Send the Acme quote — Ana, due "), "\(next)")
        #expect(next.contains("Shared notes last time:\n  We agreed on pricing\n  and on the quote"), "\(next)")
        #expect(!next.contains("Ana seemed tired"))
    }

    @Test("a check-in's record: the rep sees answers and scores; a manager she shares with, the scores alone",
          arguments: StoreEngine.allCases)
    func checkInRecord(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.run(["share", "wellbeing", "on"], as: "Ana").status == 0)
        #expect(try sandbox.shell(["run who-5", "4", "4", "3", "3", "2"], as: "Ana").status == 0)
        let ana = try sandbox.run(["show", "1"], as: "Ana").stdoutText
        #expect(ana.contains("WHO-5 Well-Being Index: Ana"), "\(ana)")
        #expect(ana.contains("I have felt cheerful and in good spirits"), "\(ana)")
        #expect(ana.contains("Well-being"), "\(ana)")
        let marco = try sandbox.run(["show", "1"], as: "Marco")
        #expect(marco.status == 0, "\(marco.stderrText)")
        #expect(!marco.stdoutText.contains("cheerful"), "\(marco.stdoutText)")
        #expect(marco.stdoutText.contains("Scores"))
    }
}
