import CoachTestSupport
import Foundation
import Testing

/// `sessions`, `resume ID` and `abandon ID`: the viewer's own open sessions, picked by number.
@Suite("Open sessions: listing, resuming one by number, abandoning")
struct OpenSessionsTests {
    @Test("sessions lists the viewer's own open sessions; resume ID continues that one, not the latest",
          arguments: StoreEngine.allCases)
    func listAndResumeByNumber(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["run who-5", "5", ":pause"], as: "Ana").status == 0)
        #expect(try sandbox.shell(["run training-reaction", "CRM basics", ":pause"], as: "Ana").status == 0)
        #expect(try sandbox.shell(["1on1 Ana", "7", ":pause"], as: "Marco").status == 0)

        let listed = try sandbox.run(["sessions"], as: "Ana")
        #expect(listed.status == 0, "\(listed.stderrText)")
        let lines = listed.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID  SURVEY") == true, "\(listed.stdoutText)")
        #expect(lines.contains { $0.hasPrefix("#2") && $0.contains("Training feedback") && $0.contains("paused") })
        #expect(lines.contains { $0.hasPrefix("#1") && $0.contains("WHO-5") && $0.contains("paused") })
        #expect(!listed.stdoutText.contains("One-on-one"), "Marco's one-on-one about Ana is his, not hers")

        let json = try sandbox.run(["sessions", "--json"], as: "Marco")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["id"] as? Int == 3)
        #expect(rows.first?["subject"] as? String == "Ana")
        #expect(rows.first?["survey"] as? String == "one-on-one")
        #expect(rows.first?["answers"] as? Int == 1)

        // The latest is the feedback; resume 1 continues the WHO-5 at its second question.
        let resumed = try sandbox.shell(["resume #1", "4", "3", "2", "1"], as: "Ana")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(resumed.stdoutText.contains("Resuming WHO-5 Well-Being Index: 1 answer kept."), "\(resumed.stdoutText)")
        #expect(try sandbox.sql("SELECT id, state FROM session ORDER BY id") == ["1|completed", "2|paused", "3|paused"])
    }

    @Test("resume and abandon refuse another person's, a closed and an unknown session, with the reason",
          arguments: StoreEngine.allCases)
    func refusals(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["1on1 Ana", "7", ":pause"], as: "Marco").status == 0)
        for command in [["resume", "1"], ["abandon", "1"]] {
            let ana = try sandbox.run(command, as: "Ana")
            #expect(ana.status == 1)
            #expect(ana.stderrText.contains("session #1 was started by someone else, who alone resumes or abandons it"),
                    "\(ana.stderrText)")
            let unknown = try sandbox.run([command[0], "99"], as: "Ana")
            #expect(unknown.status == 1)
            #expect(unknown.stderrText.contains("no session #99 that you can see"), "\(unknown.stderrText)")
            let bad = try sandbox.run([command[0], "one"], as: "Ana")
            #expect(bad.status == 2)
            #expect(bad.stderrText.contains("'one' is not a session number; 'sessions' lists them"), "\(bad.stderrText)")
        }
        #expect(try sandbox.sql("SELECT state FROM session") == ["paused"])
        #expect(try sandbox.run(["abandon", "1"], as: "Marco").status == 0)
        let again = try sandbox.run(["abandon", "1"], as: "Marco")
        #expect(again.status == 1)
        #expect(again.stderrText.contains("session #1 is abandoned and cannot change"), "\(again.stderrText)")
        #expect(try sandbox.run(["resume", "1"], as: "Marco").status == 1)
    }

    @Test("an abandoned check-in keeps its answers, is never resumed or scored, and the week can start afresh",
          arguments: StoreEngine.allCases)
    func abandonedCheckInMakesRoom(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["run who-5", "5", "4", ":pause"], as: "Ana").status == 0)
        let abandoned = try sandbox.run(["abandon", "#1"], as: "Ana")
        #expect(abandoned.status == 0, "\(abandoned.stderrText)")
        #expect(abandoned.stdoutText.contains("Abandoned WHO-5 Well-Being Index (session #1)"), "\(abandoned.stdoutText)")
        #expect(try sandbox.sql("SELECT state FROM session") == ["abandoned"])
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer") == "2")
        #expect(try sandbox.run(["sessions"], as: "Ana").stdoutText.contains("You have no paused or in-progress sessions."))
        #expect(!(try sandbox.run(["due"], as: "Ana").stdoutText.contains("Paused")))
        let nothing = try sandbox.run(["resume"], as: "Ana")
        #expect(nothing.status == 1)

        let fresh = try sandbox.shell(["run who-5", "3", "3", "3", "3", "3"], as: "Ana")
        #expect(fresh.status == 0, "\(fresh.stderrText)")
        #expect(!fresh.stdoutText.contains("Continuing"), "a new session, not the abandoned one")
        #expect(try sandbox.sql("SELECT id, state FROM session ORDER BY id") == ["1|abandoned", "2|completed"])
        #expect(try sandbox.sqlValue("SELECT count(*) FROM score WHERE session_id = 1") == "0")
    }

    @Test("due names each paused session with the command that continues it", arguments: StoreEngine.allCases)
    func dueNamesEachSession(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["run who-5", "5", ":pause"], as: "Ana").status == 0)
        #expect(try sandbox.shell(["run training-reaction", "CRM basics", ":pause"], as: "Ana").status == 0)
        let due = try sandbox.run(["due"], as: "Ana").stdoutText
        #expect(due.contains("(session #2, since "), "\(due)")
        #expect(due.contains("'resume' continues it"))
        #expect(due.contains("(session #1, since ") && due.contains("'resume 1'"), "\(due)")
    }

    @Test("skips are stored: resume does not ask again what was skipped on purpose, and nothing of them stays once done",
          arguments: StoreEngine.allCases)
    func skipsSurviveAPause(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        // mood, wins, the KPIs left out (four Enters), then the optional comment and key accounts skipped.
        let first = try sandbox.shell(["1on1 Ana", "7", "Closed Acme", "", "", "", "", "", ":skip", ":pause"], as: "Marco")
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(try sandbox.sql("SELECT question_id FROM answer WHERE value = '{\"type\":\"skipped\"}' ORDER BY position")
                == ["kpi_comment", "key_accounts"])
        let export = try sandbox.run(["export", "--json"], as: "Marco").stdoutText
        #expect(!export.contains("skipped"), "a skip mark is no answer in an export")
        #expect(try sandbox.run(["sessions", "--json"], as: "Marco").stdoutText.contains("\"answers\" : 5"))

        let resumed = try sandbox.shell(["resume", "", "None heard", "Nothing", "", "", "", "", "", "", "", ""], as: "Marco")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(resumed.stdoutText.contains("Resuming One-on-one: 5 answers kept, 2 skipped."), "\(resumed.stdoutText)")
        #expect(!resumed.stdoutText.contains("What is behind the numbers"), "the skipped comment is not asked again")
        #expect(resumed.stdoutText.contains("Open complaints the rep heard"))
        #expect(resumed.stdoutText.contains("What other feedback did the rep hear"))
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer WHERE value LIKE '%skipped%'") == "0")
        #expect(try sandbox.sqlValue("SELECT value FROM answer WHERE question_id = 'customer_feedback'").contains("None heard"))
    }

    @Test(":back to a skipped question and answering it replaces the skip mark", arguments: StoreEngine.allCases)
    func answerAfterSkip(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let run = try sandbox.shell(["1on1 Ana", "7", "Closed Acme", "", "", "", "", "", ":back", "Pipeline is thin", ":pause"],
                                    as: "Marco")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(try sandbox.sqlValue("SELECT value FROM answer WHERE question_id = 'kpi_comment'").contains("Pipeline is thin"))
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer WHERE value LIKE '%skipped%'") == "0")
    }

    @Test("starting a survey you have paused continues it, whatever its kind", arguments: StoreEngine.allCases)
    func startContinuesPaused(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["run training-reaction", "CRM basics", ":pause"], as: "Ana").status == 0)
        let again = try sandbox.shell(["run training-reaction", ":pause"], as: "Ana")
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText.contains("Continuing the open Training feedback (session #1) instead of starting another."),
                "\(again.stdoutText)")
        #expect(again.stdoutText.contains("Resuming Training feedback: 1 answer kept."))
        #expect(try sandbox.sql("SELECT id, state FROM session") == ["1|paused"])
    }
}
