import CoachTestSupport
import Foundation
import Testing

/// The rep's weekly check-in in the real readline shell on a pseudo-terminal.
@Suite("Weekly check-in on a terminal")
struct CheckinUnderPtyTests {
    @Test("checkin as Ana: self-assessment, the sharing question, WHO-5, then her own 12-week trend",
          arguments: StoreEngine.allCases)
    func weeklyCheckin(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        // This month's CBI is done already, so the weekly two are what is due.
        let cbi = try sandbox.shell(["run cbi"] + Array(repeating: "50", count: 19), as: "Ana")
        #expect(cbi.status == 0, "\(cbi.stderrText)")

        let shell = try sandbox.terminal(as: "Ana", arguments: [])
        try shell.waitFor("Weekly self-assessment")  // the greeting lists what is due
        try shell.waitFor("Ana (rep)> ")
        shell.send("checkin\r")
        let answers = ["4", "5", "2", "3", "3", "3", "1", "2", "5", "5", "4", "4", "3", "4", "2", "2", "1", "1", "4", "3",
                       "b d", "My targets for next month", "A shared list of customer objections", ""]
        for (index, answer) in answers.enumerated() {
            try shell.waitFor("[\(index + 1)/24]")
            try shell.waitFor("> ")
            shell.send(answer + "\r")
        }
        try shell.waitFor("Done: Weekly self-assessment")
        let question = try shell.waitFor("[y/N] ")
        #expect(question.contains("May Marco see your wellbeing band and trend"))
        shell.send("y\r")
        try shell.waitFor("Marco will see your wellbeing band and trend.")
        for (index, answer) in ["4", "4", "3", "3", "3"].enumerated() {
            try shell.waitFor("[\(index + 1)/5]")
            try shell.waitFor("(type a key or the start of a label)")
            try shell.waitFor("> ")
            shell.send(answer + "\r")
        }
        try shell.waitFor("Done: WHO-5 Well-Being Index")
        try shell.waitFor("Your last 12 weeks")
        let trend = try shell.waitFor("Ana (rep)> ")
        let plain = PseudoTerminal.plain(trend)
        #expect(plain.contains("who-5"))
        #expect(plain.contains("weekly-self-assessment"))
        #expect(plain.contains("68"), "WHO-5 17 × 4 = 68")
        #expect(!plain.contains("cbi"), "only the surveys of this check-in")
        #expect(!plain.contains("Just for you"), "68 with no item at 0 or 1 needs no support message")
        shell.send("quit\r")
        #expect(try shell.waitForExit() == 0)
        #expect(try sandbox.sql("SELECT survey_id, state FROM session ORDER BY id")
                == ["cbi|completed", "weekly-self-assessment|completed", "who-5|completed"])
        #expect(try sandbox.sqlValue("SELECT share_wellbeing FROM person WHERE name = 'Ana'") == "1")
        #expect(try sandbox.sql("SELECT text FROM agenda_item") == ["My targets for next month"])
    }
}
