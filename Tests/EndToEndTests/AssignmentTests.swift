import CoachCore
import CoachScoring
import CoachTestSupport
import Foundation
import Testing

/// `assign`, `assignments` and `unassign` through the built binary, on both engines: who may
/// assign what to whom, what the assignee sees in `due` and the greeting until it is done, and
/// what the assigner learns of who has done it (for a wellbeing check-in in a small group, only
/// a count).
@Suite("Assignments")
struct AssignmentTests {
    /// Dana (HR), Marco (manager, North), Ana and Bo (reps, North), Sam (rep, South, no manager).
    static func organisation(_ engine: StoreEngine) throws -> any EngineStore {
        let store = try engine.team()
        try store.addPerson("Bo", role: "rep", team: "North")
        try store.addPerson("Sam", role: "rep", team: "South")
        return store
    }

    static func day(in days: Int) -> String {
        DateAnswer.iso(Calendar.current.date(byAdding: .day, value: days, to: Date())!)
    }

    static func rows(_ store: any EngineStore) throws -> [String] {
        try store.sql("""
            SELECT p.name, a.survey_id, coalesce(a.phase, '-'), a.due, a.addressed, b.name
            FROM assignment a JOIN person p ON p.id = a.person_id JOIN person b ON b.id = a.assigned_by_id
            ORDER BY b.name, a.survey_id, p.name
            """)
    }

    static func quizAnswers() throws -> [String] {
        let quiz = try BundledFixtures.survey("crm-basics")
        return QuizKeys.translate(QuizEndToEndTests.correct, survey: quiz, layout: QuizLayout.make(survey: quiz, seed: 42))
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any])
    }

    @Test("a manager assigns to a person, his team and all his reps; HR to everyone; one row per assignee, updated when assigned again",
          arguments: StoreEngine.allCases)
    func assignToPersonTeamEveryone(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let week = Self.day(in: 7)
        let team = try store.run(["assign", "crm-basics", "--team", "North", "--due", week, "--phase", "post"], as: "Marco")
        #expect(team.status == 0, "\(team.stderrText)")
        #expect(team.stdoutText == "Assigned crm-basics (post) to team North (Ana, Bo), due \(week).\n")
        let person = try store.run(["assign", "training-reaction", "--person", "Ana", "--due", "+3d"], as: "Marco")
        #expect(person.stdoutText == "Assigned training-reaction to Ana, due \(Self.day(in: 3)).\n", "\(person.stderrText)")
        let all = try store.run(["assign", "weekly-self-assessment", "--all", "--due", week], as: "Marco")
        #expect(all.stdoutText == "Assigned weekly-self-assessment to Marco's reps (Ana, Bo), due \(week).\n", "\(all.stderrText)")
        let everyone = try store.run(["assign", "objection-handling", "--all", "--due", week], as: "Dana")
        #expect(everyone.stdoutText == "Assigned objection-handling to everyone (Ana, Bo, Sam), due \(week).\n",
                "only the reps the quiz is for: \(everyone.stderrText)")

        // Someone joining the team later is not included; assigning again updates instead of duplicating.
        try store.addPerson("Cy", role: "rep", team: "North")
        #expect(!(try store.run(["due"], as: "Cy").stdoutText.contains("Assigned")))
        let later = Self.day(in: 10)
        let again = try store.run(["assign", "crm-basics", "--team", "North", "--due", later, "--phase", "post"], as: "Marco")
        #expect(again.stdoutText == """
            Assigned crm-basics (post) to team North (Cy), due \(later).
            Already assigned by you, now due \(later) and counted from now: Ana, Bo.

            """, "\(again.stderrText)")
        let json = try Self.json(try store.run(["assign", "crm-basics", "--team", "North", "--due", later, "--phase", "post",
                                                "--json"], as: "Marco"))
        #expect(json["added"] as? [String] == [] && json["updated"] as? [String] == ["Ana", "Bo", "Cy"])
        #expect(json["to"] as? String == "team North" && json["phase"] as? String == "post" && json["due"] as? String == later)
        #expect(try Self.rows(store) == [
            "Ana|objection-handling|-|\(week)|everyone|Dana", "Bo|objection-handling|-|\(week)|everyone|Dana",
            "Sam|objection-handling|-|\(week)|everyone|Dana",
            "Ana|crm-basics|post|\(later)|team North|Marco", "Bo|crm-basics|post|\(later)|team North|Marco",
            "Cy|crm-basics|post|\(later)|team North|Marco",
            "Ana|training-reaction|-|\(Self.day(in: 3))|Ana|Marco",
            "Ana|weekly-self-assessment|-|\(week)|Marco's reps|Marco", "Bo|weekly-self-assessment|-|\(week)|Marco's reps|Marco",
        ])
    }

    @Test("refused: not his rep or team, an unknown survey (with a suggestion), a past date, --phase on a check-in, the wrong audience, a rep",
          arguments: StoreEngine.allCases)
    func refusals(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let cases: [(String, [String], Int32, String)] = [
            ("Marco", ["crm-basics", "--person", "Sam", "--due", "+7d"], 1,
             "not allowed: a manager assigns to their own reps only, and Sam is not one of yours"),
            ("Marco", ["crm-basics", "--team", "South", "--due", "+7d"], 1,
             "not allowed: a manager assigns to their own team only (North), not South"),
            ("Marco", ["crm-basic", "--team", "North", "--due", "+7d"], 1,
             "no survey 'crm-basic' (did you mean 'crm-basics'?); 'surveys' lists them"),
            ("Marco", ["crm-basics", "--team", "Nort", "--due", "+7d"], 1, "no team named 'Nort' (did you mean 'North'?)"),
            ("Marco", ["crm-basics", "--team", "North", "--due", "2020-01-01"], 2, "--due: 2020-01-01 is in the past"),
            ("Marco", ["who-5", "--team", "North", "--due", "+7d", "--phase", "pre"], 2,
             "--phase: who-5 is a check-in survey; --phase pre|post is for a quiz"),
            ("Dana", ["who-5", "--person", "Marco", "--due", "+7d"], 1, "who-5 is answered by reps, and Marco is a manager"),
            ("Dana", ["one-on-one", "--all", "--due", "+7d"], 1, "it cannot be assigned"),
            ("Ana", ["who-5", "--person", "Bo", "--due", "+7d"], 1, "not allowed: a rep assigns nothing"),
            ("Marco", ["who-5", "--due", "+7d"], 2, "say whom with one of --person P, --team T or --all"),
            ("Marco", ["who-5", "--all", "--team", "North", "--due", "+7d"], 2, "say whom with one of --person P, --team T or --all"),
        ]
        for (person, arguments, status, message) in cases {
            let result = try store.run(["assign"] + arguments, as: person)
            #expect(result.status == status, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        }
        #expect(try Self.rows(store).isEmpty, "nothing stored")
    }

    @Test("the assignee's due and greeting show it, overdue marked, until a session of it (and its phase) is done",
          arguments: StoreEngine.allCases)
    func dueUntilDone(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let week = Self.day(in: 7)
        #expect(try store.run(["assign", "crm-basics", "--person", "Ana", "--due", week, "--phase", "post"], as: "Marco").status == 0)
        #expect(try store.run(["assign", "objection-handling", "--person", "Ana", "--due", week], as: "Dana").status == 0)
        let due = try store.run(["due"], as: "Ana").stdoutText
        #expect(due.contains("Assigned: CRM basics (post) from Marco, due \(week): 'quiz crm-basics --phase post'"), "\(due)")
        #expect(due.contains("Assigned: Handling objections from Dana, due \(week): 'quiz objection-handling'"), "\(due)")
        #expect(!(try store.run(["due"], as: "Bo").stdoutText.contains("Assigned")))

        _ = try store.sql("UPDATE assignment SET due = '2026-01-05' WHERE survey_id = 'crm-basics'")
        let shell = try store.terminal(as: "Ana", arguments: [])
        try shell.waitFor("Assigned: CRM basics (post) from Marco, due 2026-01-05 (overdue): 'quiz crm-basics --phase post'")
        try shell.waitFor("Ana (rep)> ")
        shell.send("quit\r")
        _ = try shell.waitForExit()

        // A pre-training attempt is not the post one assigned; the post attempt is.
        let pre = try store.shell(["quiz crm-basics --phase pre --seed 42"] + Self.quizAnswers(), as: "Ana")
        #expect(pre.status == 0, "\(pre.stderrText)")
        #expect(try store.run(["due"], as: "Ana").stdoutText.contains("CRM basics (post) from Marco"))
        let post = try store.shell(["quiz crm-basics --phase post --seed 42"] + Self.quizAnswers() + ["n"], as: "Ana")
        #expect(post.status == 0, "\(post.stderrText)")
        let after = try store.run(["due"], as: "Ana").stdoutText
        #expect(!after.contains("CRM basics"), "done: \(after)")
        #expect(after.contains("Handling objections from Dana"))

        // HR's quiz --for Bo counts for Bo.
        #expect(try store.run(["assign", "crm-basics", "--person", "Bo", "--due", week], as: "Dana").status == 0)
        #expect(try store.run(["due"], as: "Bo").stdoutText.contains("Assigned: CRM basics from Dana"))
        let forBo = try store.shell(["quiz crm-basics --for Bo --seed 42"] + Self.quizAnswers(), as: "Dana")
        #expect(forBo.status == 0, "\(forBo.stderrText)")
        #expect(!(try store.run(["due"], as: "Bo").stdoutText.contains("Assigned")))
    }

    @Test("assignments: the manager sees who has done his, HR only hers, the rep what was assigned to her; --json",
          arguments: StoreEngine.allCases)
    func assignmentsPerRole(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let week = Self.day(in: 7)
        #expect(try store.run(["assign", "crm-basics", "--team", "North", "--due", week], as: "Marco").status == 0)
        #expect(try store.run(["assign", "objection-handling", "--person", "Sam", "--due", week], as: "Dana").status == 0)
        #expect(try store.shell(["quiz crm-basics --seed 42"] + Self.quizAnswers(), as: "Ana").status == 0)
        _ = try store.sql("UPDATE assignment SET due = '2026-01-05' WHERE survey_id = 'crm-basics'")

        let marco = try store.run(["assignments"], as: "Marco")
        #expect(marco.status == 0, "\(marco.stderrText)")
        #expect(marco.stdoutText == """
            Assigned by you:
            #1  crm-basics to team North, due 2026-01-05, assigned \(Self.day(in: 0))
                done: Ana
                not done: Bo (overdue)

            """, "\(marco.stdoutText)")
        #expect(!marco.stdoutText.contains("%") && !marco.stdoutText.contains("Sam"), "no scores, not HR's assignment")
        let json = try Self.json(try store.run(["assignments", "--json"], as: "Marco"))
        let entries = try #require(json["assigned_by_me"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["done"] as? [String] == ["Ana"] && entries.first?["not_done"] as? [String] == ["Bo"])
        #expect(entries.first?["overdue"] as? [String] == ["Bo"] && entries.first?["phase"] is NSNull)
        #expect(entries.first?["survey"] as? String == "crm-basics" && entries.first?["to"] as? String == "team North")

        let dana = try store.run(["assignments"], as: "Dana").stdoutText
        #expect(dana.contains("objection-handling to Sam") && dana.contains("not done: Sam"), "\(dana)")
        #expect(!dana.contains("crm-basics"), "HR sees what she assigned, not Marco's: \(dana)")

        let ana = try store.run(["assignments"], as: "Ana")
        #expect(ana.stdoutText.contains("#1  crm-basics  -      Marco  2026-01-05  done"), "\(ana.stdoutText)")
        let bo = try Self.json(try store.run(["assignments", "--json"], as: "Bo"))
        let mine = try #require(bo["assigned_to_me"] as? [[String: Any]])
        #expect(mine.map { $0["status"] as? String } == ["overdue"] && mine.first?["from"] as? String == "Marco")
        #expect((bo["assigned_by_me"] as? [Any])?.isEmpty == true)
        #expect(try store.run(["assignments"], as: "Sam").stdoutText.contains("objection-handling"))
    }

    @Test("a wellbeing check-in: counts only for a team group below the minimum group, names at or above it, never scores",
          arguments: StoreEngine.allCases)
    func wellbeingCounts(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        #expect(try store.run(["assign", "who-5", "--team", "North", "--due", "+7d"], as: "Marco").status == 0)
        #expect(try store.shell(["checkin who-5", "n", "1", "1", "1", "1", "1"], as: "Ana").status == 0)
        let small = try store.run(["assignments"], as: "Marco")
        #expect(small.stdoutText.contains("team North: 1 of 2 done (fewer than 5 assigned there: a count, no names)"),
                "\(small.stdoutText)")
        #expect(!small.stdoutText.contains("Ana") && !small.stdoutText.contains("Bo"), "no names: \(small.stdoutText)")
        let json = try Self.json(try store.run(["assignments", "--json"], as: "Marco"))
        let entries = try #require(json["assigned_by_me"] as? [[String: Any]])
        #expect(entries.first?["done"] as? [String] == [] && entries.first?["not_done"] as? [String] == [])
        #expect(entries.first?["wellbeing"] as? Bool == true)
        let counts = try #require(entries.first?["counts"] as? [[String: Any]])
        #expect(counts.count == 1 && counts.first?["team"] as? String == "North")
        #expect(counts.first?["done"] as? Int == 1 && counts.first?["assigned"] as? Int == 2)
        // The export tells the same, and no more: a count, no names, in JSON and CSV.
        let exported = try Self.json(try store.run(["export", "--json"], as: "Marco"))
        let exportedEntry = try #require((exported["assignments"] as? [String: Any])?["assigned_by_me"] as? [[String: Any]]).first
        #expect(exportedEntry?["done"] as? [String] == [] && exportedEntry?["not_done"] as? [String] == [])
        #expect((exportedEntry?["counts"] as? [[String: Any]])?.first?["done"] as? Int == 1)
        let csvRows = try store.run(["export", "--csv"], as: "Marco").stdoutText.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("assignment,") }
        #expect(csvRows == ["assignment,,who-5,check-in,team North,Marco,\(Self.day(in: 7)),count,1 of 2 done,"], "\(csvRows)")
        let own = try Self.json(try store.run(["export", "--json"], as: "Ana"))
        let mine = try #require((own["assignments"] as? [String: Any])?["assigned_to_me"] as? [[String: Any]])
        #expect(mine.map { "\($0["survey"] ?? "")|\($0["status"] ?? "")" } == ["who-5|done"])
        #expect(!(try store.run(["due"], as: "Ana").stdoutText.contains("Assigned:")), "done for Ana")
        #expect(try store.run(["due"], as: "Bo").stdoutText.contains("Assigned: WHO-5 Well-Being Index from Marco"))

        // At the minimum group (3 here) the names are told: done or not, nothing more. A person's
        // config may only raise the organisation's minimum.
        let config = URL(fileURLWithPath: store.configFile)
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "privacy:\n  min_group: 3\n".write(to: config, atomically: true, encoding: .utf8)
        try store.addPerson("Cy", role: "rep", team: "North")
        #expect(try store.run(["assign", "who-5", "--team", "North", "--due", "+7d"], as: "Marco").status == 0)
        #expect(try store.run(["assignments"], as: "Marco").stdoutText.contains("team North: 0 of 3 done"))
        #expect(try store.run(["org", "set", "min-group", "3"], as: "Dana").status == 0)
        let named = try store.run(["assignments"], as: "Marco").stdoutText
        #expect(named.contains("    done: nobody yet\n    not done: Ana, Bo, Cy"), "counted from now: \(named)")
        #expect(!named.contains("of 3 done"))
        #expect(try store.shell(["checkin who-5", "n", "4", "4", "4", "4", "4"], as: "Bo").status == 0)
        let after = try store.run(["assignments"], as: "Marco").stdoutText
        #expect(after.contains("    done: Bo\n    not done: Ana, Cy"), "\(after)")
        #expect(!after.contains("80") && !after.contains("good") && !after.contains("Well-being"), "no score or band: \(after)")
    }

    @Test("the assigner withdraws an assignment, for one person or all; nobody else can", arguments: StoreEngine.allCases)
    func withdraw(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        #expect(try store.run(["assign", "crm-basics", "--team", "North", "--due", "+7d"], as: "Marco").status == 0)
        for person in ["Dana", "Ana"] {
            let refused = try store.run(["unassign", "1"], as: person)
            #expect(refused.status == 1 && refused.stderrText.contains("no assignment #1 of yours"), "\(person): \(refused.stderrText)")
        }
        let bad = try store.run(["unassign", "one"], as: "Marco")
        #expect(bad.status == 2, "\(bad.stderrText)")
        let notIn = try store.run(["unassign", "1", "--person", "Sam"], as: "Marco")
        #expect(notIn.status == 1 && notIn.stderrText.contains("assignment #1 does not include Sam"), "\(notIn.stderrText)")

        let one = try store.run(["unassign", "#1", "--person", "Ana"], as: "Marco")
        #expect(one.stdoutText == "Withdrew assignment #1, crm-basics, for Ana.\n", "\(one.stderrText)")
        #expect(!(try store.run(["due"], as: "Ana").stdoutText.contains("Assigned")))
        #expect(try store.run(["due"], as: "Bo").stdoutText.contains("Assigned: CRM basics from Marco"))
        let rest = try store.run(["unassign", "2"], as: "Marco")
        #expect(rest.stdoutText == "Withdrew assignment #2, crm-basics, for Bo.\n", "\(rest.stderrText)")
        #expect(try Self.rows(store).isEmpty)
        #expect(try store.run(["assignments"], as: "Marco").stdoutText.contains("You have assigned nothing"))
    }
}
