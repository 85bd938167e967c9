import CoachTestSupport
import Foundation
import Testing

/// `review PERSON --period P` and `review --team T --period P`, run by the built coach on both
/// engines: the figures against the store's own tables, who may read which part, the written
/// review and the rep's comments, and the period forms.
@Suite("Performance review of a period")
struct ReviewTests {
    /// The demo organisation on one engine: run coach as any of its people, query its tables.
    struct DemoStore {
        let run: ([String], String) throws -> ProcessResult
        let sql: (String) throws -> [String]
        let remove: () -> Void

        static func make(_ engine: StoreEngine,
                         arguments: [String] = ["demo", "--reps", "6", "--weeks", "20", "--seed", "5"]) throws -> DemoStore {
            switch engine {
            case .local:
                let sandbox = try CoachSandbox()
                let demo = try sandbox.run(["--store", sandbox.store] + arguments, timeout: .seconds(120))
                guard demo.status == 0 else { throw EngineStoreError(description: "demo: \(demo.stderrText)") }
                return DemoStore(run: { try sandbox.run(["--store", sandbox.store, "--as", $1] + $0, timeout: .seconds(120)) },
                                 sql: { try sandbox.sql($0) }, remove: sandbox.remove)
            case .server:
                let organisation = try OrgSandbox(hr: "Oona Admin")
                let server = "postgres://%@@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
                let loginsFile = organisation.sandbox.root.appendingPathComponent("logins.csv").path
                let demo = try organisation.sandbox.run(["--store", String(format: server, "postgres")] + arguments
                                                            + ["--logins", loginsFile], timeout: .seconds(120))
                guard demo.status == 0 else { throw EngineStoreError(description: "demo: \(demo.stderrText)") }
                var logins: [String: String] = [:]
                for line in try String(contentsOfFile: loginsFile, encoding: .utf8).split(separator: "\r\n").dropFirst() {
                    let cells = line.split(separator: ",").map(String.init)
                    if cells.count == 4 { logins[cells[0]] = cells[2] }
                }
                return DemoStore(run: { arguments, person in
                    try organisation.sandbox.run(arguments, environment: ["COACH_STORE": String(format: server, logins[person] ?? person)],
                                                 timeout: .seconds(120))
                }, sql: organisation.sql, remove: organisation.remove)
            }
        }
    }

    /// The year the review covers: this year, or last year in January (the demo's weeks end today).
    static var reviewYear: Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.component(.year, from: Date().addingTimeInterval(-30 * 86_400))
    }

    static func object(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any], "\(result.stderrText)")
    }

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) < 1e-6
    }

    @Test("a demo rep's review, as their manager, matches the store's tables line by line; the rep and HR see their parts",
          arguments: StoreEngine.allCases)
    func demoReviewMatchesTheStore(_ engine: StoreEngine) throws {
        let store = try DemoStore.make(engine)
        defer { store.remove() }
        let manager = try #require(try store.sql("SELECT name FROM person WHERE role = 'manager' ORDER BY id").first)
        let rep = try #require(try store.sql("""
            SELECT p.name FROM person p JOIN person m ON m.id = p.manager_id WHERE m.name = '\(manager)' ORDER BY p.id
            """).first)
        let hr = try #require(try store.sql("SELECT name FROM person WHERE role = 'hr' ORDER BY id").last)
        let year = Self.reviewYear
        let result = try store.run(["review", rep, "--period", "\(year)", "--json"], manager)
        #expect(result.status == 0, "\(result.stderrText)")
        let review = try Self.object(result)
        let to = try #require(review["to"] as? String)
        let from = "\(year)-01-01"
        #expect(review["from"] as? String == from && review["period"] as? String == "\(year)")
        // The day after the last day reported, as the stores write dates (UTC here).
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? .current
        let formatter = DateFormatter()
        formatter.calendar = utc
        formatter.timeZone = utc.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let lastDay = try #require(formatter.date(from: to))
        let after = formatter.string(from: lastDay.addingTimeInterval(86_400))
        let month = String(to.prefix(7))

        // KPIs: each month's target and latest actual, and the period by the KPI's rule.
        let goals = try store.sql("""
            SELECT g.kpi, g.period, g.target,
                   (SELECT a.actual FROM kpi_actual a WHERE a.person_id = g.person_id AND a.kpi = g.kpi AND a.period = g.period
                    ORDER BY a.recorded_at DESC, a.id DESC LIMIT 1)
            FROM goal g JOIN person p ON p.id = g.person_id
            WHERE p.name = '\(rep)' AND g.period >= '\(year)-01' AND g.period <= '\(month)' ORDER BY g.kpi, g.period
            """).map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        let kpis = try #require(review["kpis"] as? [[String: Any]])
        #expect(kpis.map { $0["kpi"] as? String ?? "" } == Array(Set(goals.map { $0[0] })).sorted())
        #expect(!goals.isEmpty, "the demo sets targets")
        for kpi in kpis {
            let id = kpi["kpi"] as? String ?? ""
            let rows = goals.filter { $0[0] == id }
            let months = try #require(kpi["months"] as? [[String: Any]])
            #expect(months.map { $0["month"] as? String ?? "" } == rows.map { $0[1] }, "\(id)")
            for (shown, row) in zip(months, rows) {
                #expect(Self.close(shown["target"] as? Double, Double(row[2])), "\(id) \(row[1]) target")
                #expect(Self.close(shown["actual"] as? Double, Double(row[3])), "\(id) \(row[1]) actual")
            }
            let measured = rows.compactMap { row in Double(row[3]).map { (target: Double(row[2]) ?? 0, actual: $0) } }
            let expected: Double?
            if ["conversion_rate", "customer_satisfaction"].contains(id) {  // percent KPIs: the mean of the months
                #expect(kpi["rule"] as? String == "mean")
                expected = measured.isEmpty ? nil : measured.map { $0.actual / $0.target * 100 }.reduce(0, +) / Double(measured.count)
            } else {  // currency and count: total actual ÷ total target
                #expect(kpi["rule"] as? String == "total")
                expected = measured.isEmpty ? nil : measured.map(\.actual).reduce(0, +) / measured.map(\.target).reduce(0, +) * 100
            }
            #expect(Self.close(kpi["attainment"] as? Double, expected), "\(id) attainment")
        }

        // One-on-ones held against the weekly cadence; action items created, closed, open.
        // Dates compare with day texts on both engines: SQLite stores UTC text, PostgreSQL reads the text as a time.
        func between(_ column: String) -> String { "\(column) >= '\(from)' AND \(column) < '\(after)'" }
        let meetings = try #require(review["one_on_ones"] as? [String: Any])
        let held = try store.sql("""
            SELECT count(*) FROM session s JOIN person p ON p.id = s.subject_id WHERE p.name = '\(rep)'
              AND s.kind = 'one-on-one' AND s.state = 'completed' AND \(between("s.completed_at"))
            """)
        #expect(meetings["held"] as? Int == Int(held.first ?? ""), "held")
        let days = utc.dateComponents([.day], from: try #require(formatter.date(from: from)), to: lastDay).day ?? 0
        #expect(meetings["due"] as? Int == (days + 1) / 7, "due: whole weeks in \(days + 1) days")
        #expect(meetings["cadence"] as? String == "weekly")
        let items = try store.sql("""
            SELECT a.status, substr(CAST(a.created_at AS TEXT), 1, 10), substr(CAST(a.closed_at AS TEXT), 1, 10)
            FROM action_item a JOIN person p ON p.id = a.subject_id WHERE p.name = '\(rep)'
            """).map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
        let inPeriod = { (day: String) in day >= from && day <= to }
        let closed = items.filter { inPeriod($0[2]) }
        #expect(meetings["actions_created"] as? Int == items.filter { inPeriod($0[1]) }.count, "created")
        #expect(meetings["actions_done"] as? Int == closed.filter { $0[0] == "done" }.count, "done")
        #expect(meetings["actions_dropped"] as? Int == closed.filter { $0[0] == "dropped" }.count, "dropped")
        #expect(meetings["actions_open_at_end"] as? Int == items.filter { $0[1] <= to && ($0[2].isEmpty || $0[2] > to) }.count)
        let ages = closed.compactMap { item -> Double? in
            guard let created = formatter.date(from: item[1]), let done = formatter.date(from: item[2]) else { return nil }
            return (done.timeIntervalSince(created) / 86_400).rounded()
        }.sorted()
        let median: Double? = ages.isEmpty ? nil
            : ages.count % 2 == 1 ? ages[ages.count / 2] : (ages[ages.count / 2 - 1] + ages[ages.count / 2]) / 2
        #expect(Self.close(meetings["median_days_to_close"] as? Double, median), "median age of the items closed")

        // Self-assessment: the overall score's first and latest value in the period.
        let overall = try store.sql("""
            SELECT sc.value FROM score sc JOIN session s ON s.id = sc.session_id JOIN person p ON p.id = s.subject_id
            WHERE p.name = '\(rep)' AND s.survey_id = 'weekly-self-assessment' AND sc.score_id = 'overall'
              AND s.state = 'completed' AND sc.value IS NOT NULL AND \(between("s.completed_at"))
              AND NOT EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
            ORDER BY s.completed_at, s.id
            """).compactMap(Double.init)
        let selfAssessment = try #require(review["self_assessment"] as? [[String: Any]])
        let line = try #require(selfAssessment.first { $0["score"] as? String == "overall" })
        #expect(line["n"] as? Int == overall.count)
        #expect(Self.close(line["first"] as? Double, overall.first) && Self.close(line["latest"] as? Double, overall.last))
        #expect(Self.close(line["change"] as? Double, overall.last.flatMap { last in overall.first.map { last - $0 } }))
        #expect(["improved", "worsened", "none"].contains(line["reliable_change"] as? String ?? ""))

        // Wellbeing: only what the rep shares with the manager, from when sharing began.
        let sharing = try #require(try store.sql("SELECT share_wellbeing, CAST(share_since AS TEXT) FROM person WHERE name = '\(rep)'").first)
        let wellbeing = try #require(review["wellbeing"] as? [[String: Any]])
        let who5 = try store.sql("""
            SELECT count(*) FROM session s JOIN person p ON p.id = s.subject_id JOIN score sc ON sc.session_id = s.id
            WHERE p.name = '\(rep)' AND s.survey_id = 'who-5' AND sc.score_id = 'wellbeing' AND sc.value IS NOT NULL
              AND s.state = 'completed' AND \(between("s.completed_at")) AND p.share_wellbeing = \(engine == .local ? "1" : "true")
              AND s.completed_at >= p.share_since
              AND NOT EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
            """)
        #expect((wellbeing.first { $0["survey"] as? String == "who-5" }?["n"] as? Int ?? 0) == Int(who5.first ?? "") ?? -1,
                "who-5 as shared (\(sharing))")

        // Quizzes taken in the period, with their percent.
        let quizzes = try store.sql("""
            SELECT sc.value FROM session s JOIN person p ON p.id = s.subject_id JOIN score sc ON sc.session_id = s.id
            WHERE p.name = '\(rep)' AND s.kind = 'quiz' AND s.state = 'completed' AND sc.score_id = 'percent'
              AND \(between("s.completed_at")) ORDER BY s.completed_at, s.id
            """).compactMap(Double.init)
        let shownQuizzes = try #require(review["quizzes"] as? [[String: Any]])
        #expect(shownQuizzes.compactMap { $0["percent"] as? Double } == quizzes)
        #expect(review["training_feedback"] as? [Any] != nil && review["not_shown"] as? [String] == ["training_feedback"],
                "training feedback is the rep's and HR's")

        // The rep: the same one-on-one figures; HR: the KPIs and quizzes, no one-on-one content.
        let own = try Self.object(try store.run(["review", "--period", "\(year)", "--json"], rep))
        #expect(NSDictionary(dictionary: own["one_on_ones"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: meetings))
        #expect((own["not_shown"] as? [String])?.isEmpty == true)
        let asHR = try store.run(["review", rep, "--period", "\(year)", "--json"], hr)
        #expect(asHR.status == 0, "\(asHR.stderrText)")
        let hrReview = try Self.object(asHR)
        #expect(hrReview["one_on_ones"] is NSNull)
        #expect((hrReview["self_assessment"] as? [Any])?.isEmpty == true && (hrReview["wellbeing"] as? [Any])?.isEmpty == true)
        #expect(hrReview["not_shown"] as? [String] == ["one_on_ones", "self_assessment", "wellbeing"])
        #expect((hrReview["kpis"] as? [[String: Any]])?.count == kpis.count)
        #expect((hrReview["quizzes"] as? [[String: Any]])?.compactMap { $0["percent"] as? Double } == quizzes)
        let hrText = try store.run(["review", rep, "--period", "\(year)"], hr)
        #expect(hrText.stdoutText.contains("Not shown: one-on-one content is for \(rep) and their manager."))
        #expect(hrText.stdoutText.contains("Not shown: self-assessment is for \(rep) and their manager."), "\(hrText.stdoutText)")
        #expect(hrText.stdoutText.contains("Not shown: wellbeing is \(rep)'s own, and reaches their manager only where they share it."))
        // KPI values read as goals shows them, with their units: a percent as 25%, money with its currency.
        let kpiLines = hrText.stdoutText.split(separator: "\n").filter { $0.hasPrefix("Revenue ") || $0.hasPrefix("Conversion rate") }
        #expect(!kpiLines.isEmpty && kpiLines.allSatisfy { $0.contains(" EUR") || $0.contains("%  ") }, "\(kpiLines)")
        #expect(kpiLines.contains { $0.hasPrefix("Revenue ") && $0.contains(" EUR") }, "\(kpiLines)")

        // The team: one line per rep of the manager's team, the same figures.
        let team = try #require(try store.sql("""
            SELECT t.name FROM team t JOIN person p ON p.team_id = t.id WHERE p.name = '\(rep)'
            """).first)
        let lines = try store.run(["review", "--team", team, "--period", "\(year)", "--json"], manager)
        #expect(lines.status == 0, "\(lines.stderrText)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(lines.stdoutText.utf8)) as? [[String: Any]])
        let reps = try store.sql("""
            SELECT p.name FROM person p JOIN person m ON m.id = p.manager_id JOIN team t ON t.id = p.team_id
            WHERE m.name = '\(manager)' AND t.name = '\(team)' AND p.role = 'rep'
            """)
        #expect(Set(rows.compactMap { $0["person"] as? String }) == Set(reps))
        let row = try #require(rows.first { $0["person"] as? String == rep })
        #expect(row["one_on_ones_held"] as? Int == meetings["held"] as? Int)
        #expect(row["actions_open"] as? Int == meetings["actions_open_at_end"] as? Int)
        #expect(Self.close(row["self_assessment_latest"] as? Double, overall.last))
        #expect(Self.close(row["quiz_mean"] as? Double, quizzes.isEmpty ? nil : quizzes.reduce(0, +) / Double(quizzes.count)))
        #expect(row["manager_review"] as? Bool == false)
        let all = try store.run(["review", "--team", "all", "--period", "\(year)", "--json"], hr)
        let everyone = try #require(try JSONSerialization.jsonObject(with: Data(all.stdoutText.utf8)) as? [[String: Any]])
        #expect(Set(everyone.compactMap { $0["person"] as? String }) == Set(try store.sql("SELECT name FROM person WHERE role = 'rep'")))
        let table = try store.run(["review", "--team", team, "--period", "\(year)"], hr)
        #expect(table.status == 0 && table.stdoutText.contains("not shown"), "HR's table: \(table.stdoutText)\(table.stderrText)")
    }

    @Test("the written review and the rep's comments: tied to the quarter, read by the rep, the manager and HR, refused to others",
          arguments: StoreEngine.allCases)
    func writtenReview(_ engine: StoreEngine) throws {
        let sandbox = try engine.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North"), ("Ana", "rep", "North"),
                                               ("Mia", "manager", "South"), ("Sam", "rep", "South")])
        defer { sandbox.remove() }
        let written = try sandbox.shell(["run performance-review --for Ana", "Closed *Acme* | fast", ".", "Pipeline hygiene", ".",
                                         "# Grow revenue", ".", "4"], as: "Marco")
        #expect(written.status == 0, "\(written.stderrText)")
        let comments = try sandbox.shell(["run self-review", "The Acme deal", ".", ".", ".", "Meets"], as: "Ana")
        #expect(comments.status == 0, "\(comments.stderrText)")
        // The quarter the review is for: this one, or the one before in a quarter's first month.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC") ?? .current
        let today = utc.dateComponents([.year, .month], from: Date())
        var year = today.year ?? 0, quarter = ((today.month ?? 1) - 1) / 3 + 1
        if ((today.month ?? 1) - 1) % 3 == 0 { quarter -= 1 }
        if quarter == 0 { quarter = 4; year -= 1 }
        let key = "\(year)-Q\(quarter)"
        #expect(try sandbox.sql("SELECT survey_id, kind, period_key FROM session ORDER BY id")
                == ["performance-review|review|\(key)", "self-review|review|\(key)"])
        #expect(try sandbox.run(["survey", "lint"], as: "Dana").status == 0)
        let tested = try sandbox.run(["survey", "test"], as: "Dana")
        #expect(tested.status == 0, "\(tested.stdoutText)\(tested.stderrText)")

        for viewer in ["Ana", "Marco", "Dana"] {
            let json = try sandbox.run(["review", "Ana", "--period", key, "--json"], as: viewer)
            #expect(json.status == 0, "\(viewer): \(json.stderrText)")
            let review = try Self.object(json)
            let assessment = try #require(review["manager_review"] as? [String: Any], "\(viewer)")
            #expect(assessment["author"] as? String == "Marco" && assessment["review_period"] as? String == key)
            let answers = try #require(assessment["answers"] as? [[String: Any]])
            #expect(answers.first { $0["question"] as? String == "rating" }?["value"] as? Double == 4)
            #expect(answers.first { $0["question"] as? String == "rating" }?["display"] as? String == "4 Exceeds expectations")
            let own = try #require(review["own_comments"] as? [String: Any], "\(viewer)")
            #expect(own["author"] as? String == "Ana" && own["survey"] as? String == "self-review")
            // The half year and the year hold the quarter's review too.
            let year = try Self.object(try sandbox.run(["review", "Ana", "--period", "\(year)", "--json"], as: viewer))
            #expect(year["manager_review"] as? [String: Any] != nil, "\(viewer): the year holds its quarters' reviews")
        }
        let markdown = try sandbox.run(["review", "Ana", "--period", key, "--markdown"], as: "Dana")
        #expect(markdown.stdoutText.contains("## Manager's assessment"))
        #expect(markdown.stdoutText.contains("Closed \\*Acme\\* \\| fast"), "escaped as show --markdown: \(markdown.stdoutText)")
        #expect(markdown.stdoutText.contains("\\# Grow revenue"))
        let text = try sandbox.run(["review", "Ana", "--period", key], as: "Marco")
        #expect(text.stdoutText.contains("Closed *Acme* | fast") && text.stdoutText.contains("Ana's own comments"))

        for (viewer, subject) in [("Mia", "Ana"), ("Sam", "Ana"), ("Ana", "Sam")] {
            let refused = try sandbox.run(["review", subject, "--period", key], as: viewer)
            #expect(refused.status == 1, "\(viewer) on \(subject)")
            #expect(refused.stdoutText.isEmpty)
            #expect(refused.stderrText.contains("a review of \(subject) is for \(subject), their manager and HR"), "\(refused.stderrText)")
        }
        let otherTeam = try sandbox.run(["review", "--team", "North", "--period", key], as: "Mia")
        #expect(otherTeam.status == 1 && otherTeam.stderrText.contains("you manage no rep in team North"), "\(otherTeam.stderrText)")
        let repTeam = try sandbox.run(["review", "--team", "North", "--period", key], as: "Ana")
        #expect(repTeam.status == 1 && repTeam.stderrText.contains("review --team is for managers and HR"))
        // Mia cannot write Ana's review either; the database refuses it too on a server.
        let foreign = try sandbox.run(["run", "performance-review", "--for", "Ana"], as: "Mia")
        #expect(foreign.status == 1 && foreign.stderrText.contains("a review is written by Ana's manager"), "\(foreign.stderrText)")
        // The survey's audience says who writes which: the manager's form about a rep, the rep's about themselves.
        let ownForm = try sandbox.run(["run", "performance-review"], as: "Ana")
        #expect(ownForm.status == 1 && ownForm.stderrText.contains("performance-review is written about one of your reps"),
                "\(ownForm.stderrText)")
        let repsForm = try sandbox.run(["run", "self-review", "--for", "Ana"], as: "Marco")
        #expect(repsForm.status == 1 && repsForm.stderrText.contains("self-review is written by Ana about themselves"),
                "\(repsForm.stderrText)")
        let team = try sandbox.run(["review", "--team", "North", "--period", key], as: "Marco")
        #expect(team.status == 0 && team.stdoutText.contains("written + own comments"), "\(team.stdoutText)\(team.stderrText)")
    }

    @Test("org import carries a written review, its period and its readers to the organisation store")
    func importCarriesTheReview() throws {
        let local = try LocalEngineStore.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North"), ("Ana", "rep", "North")])
        defer { local.remove() }
        let written = try local.shell(["run performance-review --for Ana", "IMPORTED-REVIEW", ".", "x", ".", "y", ".", "5"], as: "Marco")
        #expect(written.status == 0, "\(written.stderrText)")
        let key = try local.sqlValue("SELECT period_key FROM session")
        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let server = "postgres://%@@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let loginsFile = organisation.sandbox.root.appendingPathComponent("logins.csv").path
        let moved = try organisation.sandbox.run(["org", "import", local.sandbox.store, String(format: server, "postgres"),
                                                  "--logins", loginsFile], timeout: .seconds(120))
        #expect(moved.status == 0, "\(moved.stderrText)")
        #expect(try organisation.sql("SELECT kind, period_key FROM session") == ["review|\(key)"])
        var logins: [String: String] = [:]
        for line in try String(contentsOfFile: loginsFile, encoding: .utf8).split(separator: "\r\n").dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            if cells.count == 4 { logins[cells[0]] = cells[2] }
        }
        for viewer in ["Marco", "Ana", "Dana"] {
            let review = try organisation.sandbox.run(["review", "Ana", "--period", key, "--json"],
                                                      environment: ["COACH_STORE": String(format: server, logins[viewer] ?? viewer)])
            #expect(review.status == 0, "\(viewer): \(review.stderrText)")
            #expect(review.stdoutText.contains("IMPORTED-REVIEW"), "\(viewer)")
        }
    }

    @Test("a bad period names the accepted forms (exit 2); one not started is refused; one running is reported up to today",
          arguments: StoreEngine.allCases)
    func periods(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        for bad in ["2026-Q5", "2026-13", "Q4", "2026-h3", "26", "2026-Q4x"] {
            let result = try sandbox.run(["review", "Ana", "--period", bad], as: "Marco")
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderrText.contains("is not a review period: write YYYY-Q1 to YYYY-Q4 (a quarter), YYYY-H1 or YYYY-H2"),
                    "\(result.stderrText)")
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let future = try sandbox.run(["review", "Ana", "--period", "\(year + 1)"], as: "Marco")
        #expect(future.status == 2 && future.stderrText.contains("\(year + 1) has not started yet"), "\(future.stderrText)")
        let running = try sandbox.run(["review", "Ana", "--period", "\(year)"], as: "Marco")
        #expect(running.status == 0, "\(running.stderrText)")
        #expect(running.stdoutText.contains("\(year) has not ended: figures up to today"))
        let ended = try Self.object(try sandbox.run(["review", "Ana", "--period", "\(year - 1)-h2", "--json"], as: "Ana"))
        #expect(ended["ended"] as? Bool == true && ended["from"] as? String == "\(year - 1)-07-01"
                && ended["to"] as? String == "\(year - 1)-12-31" && ended["period"] as? String == "\(year - 1)-H2")
        let help = try sandbox.run(["help", "review"], as: "Ana")
        #expect(help.stdoutText.contains("review Ana --period 2026-Q4"))
    }
}
