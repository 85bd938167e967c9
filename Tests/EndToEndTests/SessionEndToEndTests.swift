import CoachCore
import CoachScoring
import Foundation
import CoachTestSupport
import Testing

/// Every bundled survey run start to finish by scripted stdin, and the store rows afterwards;
/// pausing, resuming, and who may run what.
@Suite("Guided sessions end to end")
struct SessionEndToEndTests {
    struct SurveyRun: CustomTestStringConvertible, Sendable {
        let survey: String
        let user: String
        var subject: String? = nil
        let lines: [String]
        /// Answer rows stored, and how many of them are private.
        let answers: Int
        let privateAnswers: Int
        /// `score_id|value|band|alert`, ordered by score id.
        let scores: [String]
        var marks = 0
        var testDescription: String { survey }
    }

    static let runs: [SurveyRun] = [
        SurveyRun(survey: "who-5", user: "Ana", lines: ["5", "4", "3", "2", "1"], answers: 5, privateAnswers: 5,
                  scores: ["wellbeing|60.0|ok|1"]),
        // Personal 100,75,50,25,0,50 → 50; work as the reverse-item test vector → 75; client: 2 of 6, no score.
        SurveyRun(survey: "cbi", user: "Ana",
                  lines: ["100", "75", "50", "25", "0", "Sometimes",
                          "75", "75", "75", "75", "50", "75", "0",
                          "", ":skip", "", "100", "", "50"],
                  answers: 15, privateAnswers: 15,
                  // work at 75 reaches CBI's support_at (alert): stored with alert set, so its band
                  // label stays with Ana.
                  scores: ["client|||0", "personal|50.0|moderate|0", "work|75.0|high|1"]),
        // The "mixed week" test vector of weekly-self-assessment.yaml.
        SurveyRun(survey: "weekly-self-assessment", user: "Ana",
                  lines: ["4", "5", "2", "3", "3", "3", "1", "2", "5", "5", "4", "4", "3", "4", "2", "2", "1", "1", "4", "3",
                          "b d", "My targets for next month", "A shared list of customer objections", ""],
                  answers: 23, privateAnswers: 0,
                  scores: ["communication|4.5||0", "customer_feedback|3.5||0", "customers|5.0||0", "data_crm|3.0||0",
                           "environment|2.0||0", "ideas|1.0||0", "learning|1.5||0", "motivation|3.5||0",
                           "overall|3.05||0", "targets|2.5||0", "teamwork|4.0||0"]),
        SurveyRun(survey: "training-reaction", user: "Ana", lines: ["CRM basics", "5", "Agree", "4", "4", "", ""],
                  answers: 5, privateAnswers: 0, scores: ["reaction|4.25||0"]),
        // All correct: choices by label or key, multi by keys, text, number, yesno.
        SurveyRun(survey: "crm-basics", user: "Ana",
                  lines: ["Proposal", "3000", "15 %", "40", "a", "closed-lost", "b", "Authority", "a,b", "a", "a", "a,b,d",
                          "Customer Relationship Management", "n", "14", "a", "y"],
                  answers: 17, privateAnswers: 0,
                  scores: ["max_points|20.0||0", "passed|1.0||0", "percent|100.0||0", "points|20.0||0"], marks: 17),
        // HR runs the "exactly 70 percent passes" vector for Ana.
        SurveyRun(survey: "objection-handling", user: "Dana", subject: "Ana",
                  lines: ["a", "c", "b", "e", "d", "fixed", "learn", "a,b,d,e", "c", "y", "y", "1440", "5", "a b d", "b"],
                  answers: 15, privateAnswers: 0,
                  scores: ["max_points|20.0||0", "passed|1.0||0", "percent|70.0||0", "points|14.0||0"], marks: 15),
    ]

    /// Quizzes shuffle their choices; a fixed seed makes the layout known, and the scripts'
    /// file-order keys are translated to the keys that layout shows.
    static let quizSeed: UInt64 = 42

    func command(_ survey: String, for subject: String?) -> String {
        "run \(survey)" + (subject.map { " --for \($0)" } ?? "") + (isQuiz(survey) ? " --seed \(Self.quizSeed)" : "")
    }

    func isQuiz(_ id: String) -> Bool { ["crm-basics", "objection-handling"].contains(id) }

    func typed(_ run: SurveyRun) throws -> [String] {
        guard isQuiz(run.survey) else { return run.lines }
        let survey = try BundledFixtures.survey(run.survey)
        return QuizKeys.translate(run.lines, survey: survey, layout: QuizLayout.make(survey: survey, seed: Self.quizSeed))
    }

    @Test("scripted stdin runs the survey start to finish; the session, answers and scores are stored",
          arguments: runs, StoreEngine.allCases)
    func completes(_ run: SurveyRun, _ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let result = try sandbox.shell([command(run.survey, for: run.subject)] + (try typed(run)), as: run.user)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty)
        #expect(result.stdoutText.contains("Done: "))
        let subject = run.subject ?? run.user
        #expect(try sandbox.sql("""
            SELECT s.survey_id, s.state, subject.name, author.name, s.completed_at IS NOT NULL,
                   (SELECT count(*) FROM survey_version v WHERE v.hash = s.survey_hash AND v.survey_id = s.survey_id)
            FROM session s JOIN person subject ON subject.id = s.subject_id JOIN person author ON author.id = s.author_id
            """) == ["\(run.survey)|completed|\(subject)|\(run.user)|1|1"])
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer") == "\(run.answers)")
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer WHERE is_private") == "\(run.privateAnswers)")
        #expect(try sandbox.sql("SELECT score_id, value, band, alert FROM score ORDER BY score_id") == run.scores)
        #expect(try sandbox.sqlValue("SELECT count(*) FROM question_mark") == "\(run.marks)")
    }

    @Test("one-on-one by Marco for Ana: open actions, agenda, KPI targets and private notes from and to the store", arguments: StoreEngine.allCases)
    func oneOnOne(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["goal set Ana revenue 10000"], as: "Marco").status == 0)
        _ = try sandbox.sql("""
            INSERT INTO action_item (subject_id, owner_id, text, due, created_at)
              SELECT id, id, 'Call Acme', '2026-11-20', '2026-11-01 10:00:00.000' FROM person WHERE name = 'Ana';
            INSERT INTO agenda_item (person_id, text, created_at)
              SELECT id, 'Commission plan', '2026-11-20 10:00:00.000' FROM person WHERE name = 'Ana';
            """)
        let lines = ["run one-on-one --for Ana",
                     "3", "Tough week", "Closed Acme",          // mood, mood_help (asked: mood <= 4), wins
                     "done",                                     // review of 'Call Acme'
                     "discussed", "Agreed a new plan",           // agenda item and its note
                     "12000", "3", "", "90",                    // KPIs; conversion rate left out
                     "", "", "", "", "None", "", "", "", "",        // optional texts, blockers
                     "Send pricing", "", "", "",                 // one new action: owner Ana, due +7d
                     "Good progress", ".", "Watch her workload", "."]
        let result = try sandbox.shell(lines, as: "Marco")
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("#1 Call Acme — Ana, due 2026-11-20"))
        #expect(result.stdoutText.contains("Commission plan"))
        #expect(result.stdoutText.contains("target 10000 EUR") || result.stdoutText.contains("→ 120% of target"))
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])
        #expect(try sandbox.sql("SELECT question_id FROM answer ORDER BY position") == [
            "mood", "mood_help", "wins", "review_actions", "rep_agenda", "kpis", "blockers", "new_actions",
            "shared_notes", "private_notes",
        ])
        #expect(try sandbox.sql("SELECT question_id FROM answer WHERE is_private") == ["private_notes"])
        #expect(try sandbox.sqlValue("SELECT value FROM answer WHERE question_id = 'private_notes'").contains("Watch her workload"))
        let kpis = try sandbox.sqlValue("SELECT value FROM answer WHERE question_id = 'kpis'")
        #expect(kpis.contains(#""attainment":120"#))
        #expect(!kpis.contains("conversion_rate"))
        #expect(try sandbox.sqlValue("SELECT value FROM answer WHERE question_id = 'review_actions'").contains(#""decision":"done""#))
        #expect(try sandbox.sqlValue("SELECT value FROM answer WHERE question_id = 'new_actions'").contains(#""owner":"Ana""#))
        #expect(try sandbox.sql("SELECT score_id, value FROM score") == ["mood_score|3.0"])
    }

    @Test(":pause leaves a paused session with its answers and no scores; resume continues and completes", arguments: StoreEngine.allCases)
    func pauseAndResume(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let paused = try sandbox.shell(["run who-5", "5", "4", ":pause", "people"], as: "Ana")
        #expect(paused.status == 0, "\(paused.stderrText)")
        #expect(paused.stdoutText.contains("Paused WHO-5 Well-Being Index: 2 answers kept. Type 'resume' to continue."))
        #expect(try sandbox.sql("SELECT state, completed_at IS NULL FROM session") == ["paused|1"])
        #expect(try sandbox.sql("SELECT question_id, value FROM answer ORDER BY position") == [
            #"cheerful|{"type":"choice","value":5}"#, #"calm|{"type":"choice","value":4}"#,
        ])
        #expect(try sandbox.sqlValue("SELECT count(*) FROM score") == "0")
        let due = try sandbox.run(["due"], as: "Ana")
        #expect(due.stdoutText.contains("Paused: WHO-5 Well-Being Index (session #1, since "), "\(due.stdoutText)")
        #expect(due.stdoutText.contains("): 'resume' continues it"))

        let resumed = try sandbox.shell(["resume", "3", "2", "1"], as: "Ana")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(resumed.stdoutText.contains("Resuming WHO-5 Well-Being Index: 2 answers kept."))
        #expect(resumed.stdoutText.contains("[3/5]"))
        #expect(!resumed.stdoutText.contains("[1/5]"))
        #expect(try sandbox.sql("SELECT id, state FROM session") == ["1|completed"])
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer") == "5")
        #expect(try sandbox.sql("SELECT score_id, value, band FROM score") == ["wellbeing|60.0|ok"])
        let nothing = try sandbox.run(["resume"], as: "Ana")
        #expect(nothing.status == 1)
        #expect(nothing.stderrText.contains("you have no paused session"))
    }

    @Test("the end of input in the middle of a session pauses it, every answer given kept", arguments: StoreEngine.allCases)
    func endOfInputPauses(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let result = try sandbox.run(["run", "who-5"], as: "Ana", input: "5\n4\n3\n")
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try sandbox.sql("SELECT state FROM session") == ["paused"])
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer") == "3")
    }

    @Test("who may run what: refused with the reason, and no session is started", arguments: [
        ("Ana", "run one-on-one --for Ana", "a one-on-one is about one of your reps"),
        ("Ana", "run one-on-one", "a one-on-one is about one of your reps"),
        ("Dana", "run one-on-one --for Ana", "only Ana's manager runs their one-on-one"),
        ("Marco", "run who-5 --for Ana", "answered by the person themselves"),
        ("Marco", "run who-5 --for Anna", "did you mean 'Ana'?"),
        ("Ana", "run who5", "no survey 'who5' (did you mean 'who-5'?)"),
    ])
    func refused(user: String, line: String, message: String) throws {
        for engine in StoreEngine.allCases { try refused(user: user, line: line, message: message, on: engine) }
    }

    func refused(user: String, line: String, message: String, on engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let result = try sandbox.run(line.split(separator: " ").map(String.init), as: user, input: "5\n5\n5\n5\n5\n")
        #expect(result.status == 1)
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        #expect(try sandbox.sqlValue("SELECT count(*) FROM session") == "0")
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer") == "0")
    }

    @Test("a broken survey in a --surveys folder is refused with file:line:column while the others run",
          arguments: StoreEngine.allCases)
    func brokenSurveyRefused(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-surveys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.copyItem(at: repo.appendingPathComponent("surveys/who-5.yaml"),
                                         to: folder.appendingPathComponent("who-5.yaml"))
        try """
        format: 1
        id: broken
        title: Broken
        kind: check-in
        audience: rep
        questions:
          - {id: q1, text: Mood?, type: scael}
        """.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let base = ["--surveys", folder.path]
        let broken = try sandbox.run(base + ["run", "broken"], as: "Ana", input: "1\n")
        #expect(broken.status == 1)
        #expect(broken.stderrText.contains("broken.yaml does not lint, so it cannot run"), "\(broken.stderrText)")
        #expect(broken.stderrText.contains("broken.yaml:7:"), "\(broken.stderrText)")
        #expect(try sandbox.sqlValue("SELECT count(*) FROM session") == "0")
        let good = try sandbox.run(base + ["run", "who-5"], as: "Ana", input: "5\n5\n5\n5\n5\n")
        #expect(good.status == 0, "\(good.stderrText)")
        #expect(try sandbox.sql("SELECT survey_id, state FROM session") == ["who-5|completed"])
        let bundled = try sandbox.run(base + ["run", "cbi"], as: "Ana")
        #expect(bundled.status == 1, "--surveys replaces the bundled surveys")
    }

    @Test("bad lines on stdin (invalid UTF-8, control characters, 100 kB, empty) are re-asked with a reason, nothing stored", arguments: StoreEngine.allCases)
    func badLinesOnStdin(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        var input = Data("run who-5\n".utf8)
        input.append(contentsOf: [0x34, 0xff, 0xfe, 0x0a])                       // "4" then invalid UTF-8
        input.append(Data("4\u{1b}[A\n".utf8))                                   // an escape sequence
        input.append(Data((String(repeating: "4", count: 100_000) + "\n").utf8))  // 100 kB
        input.append(Data("\n   \n6\nmo\n".utf8))                                // empty, blank, out of range, ambiguous
        input.append(Data("4\n3\n2\n1\n0\n".utf8))
        let result = try sandbox.run([], as: "Ana", bytes: input)
        #expect(result.status == 0, "\(result.stderrText)")
        let out = result.stdoutText
        #expect(out.contains("That line is not valid UTF-8; please type it again."))
        #expect(out.contains("That line contains control characters"))
        #expect(out.contains("That answer is too long (100000 characters; at most 10000)."))
        #expect(out.contains("An answer is needed here"))
        #expect(out.contains("'6' is not one of the choices"))
        #expect(out.contains("'mo' matches more than one choice"))
        #expect(out.contains("Done: WHO-5"))
        #expect(try sandbox.sql("SELECT question_id, value FROM answer ORDER BY position") == [
            #"cheerful|{"type":"choice","value":4}"#, #"calm|{"type":"choice","value":3}"#,
            #"active|{"type":"choice","value":2}"#, #"rested|{"type":"choice","value":1}"#,
            #"interested|{"type":"choice","value":0}"#,
        ])
    }

    @Test("starting a one-on-one while one with the rep is paused continues it: never two open side by side",
          arguments: StoreEngine.allCases)
    func oneOnOneStartedAgainContinues(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let first = try sandbox.shell(["1on1 Ana", "8", "Closed Acme", ":pause"], as: "Marco")
        #expect(first.status == 0, "\(first.stderrText)")
        let again = try sandbox.shell(["1on1 Ana", ":pause"], as: "Marco")
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText.contains("Continuing the open One-on-one (session #1) instead of starting another."),
                "\(again.stdoutText)")
        #expect(try sandbox.sql("SELECT id, state FROM session") == ["1|paused"])
        #expect(try sandbox.run(["due"], as: "Marco").stdoutText.contains("Paused: One-on-one with Ana (session #1, since "))
        #expect(!(try sandbox.run(["due"], as: "Ana").stdoutText.contains("Paused")), "Marco's session, not Ana's to resume")
    }

    @Test("a paused one-on-one resumed by its manager reads the subject's data again and completes", arguments: StoreEngine.allCases)
    func oneOnOneResumed(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["goal set Ana revenue 10000"], as: "Marco").status == 0)
        let first = try sandbox.shell(["run one-on-one --for Ana", "8", "Closed Acme", ":pause"], as: "Marco")
        #expect(first.status == 0, "\(first.stderrText)")
        // mood, wins, and the empty action review and agenda (nothing open) are stored; the KPIs were next.
        #expect(try sandbox.sql("SELECT state FROM session") == ["paused"])
        let ana = try sandbox.run(["resume"], as: "Ana")
        #expect(ana.status == 1, "Ana has nothing to resume: the session is Marco's")
        let rest = ["12000", "", "", "", "", "", "", "", "None", "", "", "", "", "", "", ""]
        let second = try sandbox.shell(["resume"] + rest, as: "Marco")
        #expect(second.status == 0, "\(second.stderrText)")
        #expect(second.stdoutText.contains("Resuming One-on-one: 4 answers kept."))
        #expect(second.stdoutText.contains("target 10000 EUR") || second.stdoutText.contains("→ 120% of target"))
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])
        #expect(try sandbox.sql("SELECT score_id, value FROM score") == ["mood_score|8.0"])
        #expect(try sandbox.sqlValue("SELECT value FROM answer WHERE question_id = 'kpis'").contains(#""attainment":120"#))
    }
}
