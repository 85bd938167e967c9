import CoachTestSupport
import Foundation
import Testing

/// `report html` on the demo organisation, opened in headless Chromium as its readers would:
/// a manager's, HR's and a rep's report each show the charts their other commands' figures call
/// for, with as many points as those figures have, log no console error, ask the network for
/// nothing, print on A4, and hold no name the reader has no business seeing. A screenshot of
/// each is kept as an artifact of the run.
@Suite("report html in a browser")
struct ReportBrowserTests {
    /// The demo: 24 reps in three teams of eight, 14 weeks.
    static let demoArguments = ["demo", "--weeks", "14", "--seed", "3"]

    /// The demo's quizzes.
    static let demoQuizzes: Set<String> = ["crm-basics", "objection-handling"]

    struct People {
        let manager: String
        let team: String
        let hr: String
        let rep: String
        let otherTeamReps: [String]
        let otherReps: [String]
    }

    static func people(_ demo: ReviewTests.DemoStore) throws -> People {
        let manager = try #require(try demo.sql("SELECT name FROM person WHERE role = 'manager' ORDER BY name").first)
        let team = try #require(try demo.sql("""
            SELECT t.name FROM team t JOIN person p ON p.team_id = t.id WHERE p.name = '\(manager)'
            """).first)
        let hr = try #require(try demo.sql("SELECT name FROM person WHERE role = 'hr' ORDER BY name").first)
        let reps = try demo.sql("""
            SELECT p.name FROM person p JOIN person m ON m.id = p.manager_id WHERE m.name = '\(manager)' ORDER BY p.name
            """)
        let rep = try #require(reps.first)
        let others = try demo.sql("""
            SELECT p.name FROM person p LEFT JOIN person m ON m.id = p.manager_id
            WHERE p.role = 'rep' AND (m.name IS NULL OR m.name <> '\(manager)') ORDER BY p.name
            """)
        return People(manager: manager, team: team, hr: hr, rep: rep, otherTeamReps: others,
                      otherReps: reps.dropFirst() + others)
    }

    static func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8))
    }

    /// Writes `person`'s report and opens it; the screenshot is named after `name`.
    static func open(_ demo: ReviewTests.DemoStore, as person: String, name: String) throws -> HeadlessBrowser {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-report-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(name).html")
        let written = try demo.run(["report", "html", "-o", file.path], person)
        guard written.status == 0 else { throw HeadlessBrowser.Failure(description: "report html as \(person): \(written.stderrText)") }
        let page = try HeadlessBrowser.open(file: file)
        try page.screenshot(named: name)
        return page
    }

    /// The page made no request and logged no error, and prints on A4: laid out as printed at
    /// A4's width, no chart, table or figure reaches past the page or is cut off.
    static func expectQuiet(_ page: HeadlessBrowser, _ who: String, name: String) throws {
        #expect(page.consoleErrors == [], "\(who): console errors")
        #expect(page.requests == [], "\(who): requests")
        #expect(try page.count("script") == 0)
        #expect(try page.pdfPageCount(a4: true) >= 1, "\(who): prints on A4")
        try page.emulateA4Print()
        let cut = try page.overflowing("figure, svg, table, section, p")
        #expect(cut.isEmpty, "\(who): cut off on A4: \(cut)")
        try page.screenshot(named: name + "-a4")
    }

    /// Each `trends --json` row as (chart id, points a weekly chart draws: the sparkline's marks).
    static func expectedCharts(_ trends: ProcessResult) throws -> [(id: String, points: Int)] {
        let rows = try #require(try json(trends) as? [[String: Any]], "\(trends.stderrText)")
        return rows.compactMap { row in
            guard let survey = row["survey"] as? String, let score = row["score"] as? String,
                  let sparkline = row["sparkline"] as? String else { return nil }
            return ("\(survey).\(score)", sparkline.filter { $0 != " " }.count)
        }
    }

    static func expectCharts(_ expected: [(id: String, points: Int)], on page: HeadlessBrowser, _ who: String) throws {
        for chart in expected {
            let figure = "figure[data-chart='\(chart.id)']"
            #expect(try page.count(figure) == 1, "\(who): chart \(chart.id)")
            #expect(try page.count("\(figure) .point") == chart.points, "\(who): points of \(chart.id)")
            #expect(try page.evaluate("document.querySelector(\"\(figure)\")?.dataset.points ?? null") == "\"\(chart.points)\"")
            #expect(try page.count("\(figure) table.numbers") == 1, "\(who): numbers beside \(chart.id)")
        }
    }

    static func expectAbsent(_ names: [String], in text: String, _ who: String) {
        for name in names { #expect(!text.contains(name), "\(who)'s report names \(name)") }
    }

    @Test("a manager's, HR's and a rep's report open offline with their charts, and nothing they may not see",
          .needsChromium, arguments: StoreEngine.allCases)
    func demoReports(_ engine: StoreEngine) throws {
        let demo = try ReviewTests.DemoStore.make(engine, arguments: Self.demoArguments)
        defer { demo.remove() }
        let people = try Self.people(demo)

        // The manager: the team's weekly means as trends --team has them, the reps' figures.
        let manager = try Self.open(demo, as: people.manager, name: "manager-report-\(engine.rawValue)")
        defer { manager.close() }
        try Self.expectQuiet(manager, "manager", name: "manager-report-\(engine.rawValue)")
        // Team quiz means are HR's subject (item analysis, gain and pass rates), not the manager's report.
        let teamCharts = try Self.expectedCharts(try demo.run(["trends", "--team", people.team, "--json"], people.manager))
            .filter { !Self.demoQuizzes.contains(String($0.id.prefix { $0 != "." })) }
        #expect(teamCharts.contains { $0.id == "who-5.wellbeing" && $0.points > 0 }, "the demo team's wellbeing shows")
        try Self.expectCharts(teamCharts, on: manager, "manager")
        let reps = try demo.sql("""
            SELECT COUNT(*) FROM person p JOIN person m ON m.id = p.manager_id WHERE m.name = '\(people.manager)'
            """).first.flatMap { Int($0) } ?? 0
        #expect(try manager.count("figure[data-chart='one-on-ones'] .point") == 2 * reps, "held and due for each rep")
        #expect(try manager.count("figure[data-chart='kpi-attainment']") == 1)
        let open = try #require(try Self.json(try demo.run(["actions", "--open", "--json"], people.manager)) as? [Any])
        #expect(try manager.count("table[data-table='open-actions'] tbody tr") == open.count)
        #expect(try manager.count("figure[data-chart='action-age']") == (open.isEmpty ? 0 : 1))
        Self.expectAbsent(people.otherTeamReps, in: try manager.text, "the manager")

        // HR: each quiz's questions placed as report quiz has them; no rep named.
        let hr = try Self.open(demo, as: people.hr, name: "hr-report-\(engine.rawValue)")
        defer { hr.close() }
        try Self.expectQuiet(hr, "HR", name: "hr-report-\(engine.rawValue)")
        let quiz = try #require(try Self.json(try demo.run(["report", "quiz", "crm-basics", "--json"], people.hr)) as? [String: Any])
        let questions = try #require(quiz["questions"] as? [[String: Any]])
        let placed = questions.filter { !($0["facility"] is NSNull) && $0["facility"] != nil
            && !($0["discrimination"] is NSNull) && $0["discrimination"] != nil }.count
        #expect(placed > 0, "the demo has enough attempts for item analysis")
        #expect(try hr.count("figure[data-chart='quiz.crm-basics.items'] .point") == placed)
        Self.expectAbsent([people.rep] + people.otherReps, in: try hr.text, "HR")

        // The rep: their own scores as trends has them, no colleague named.
        let rep = try Self.open(demo, as: people.rep, name: "rep-report-\(engine.rawValue)")
        defer { rep.close() }
        try Self.expectQuiet(rep, "the rep", name: "rep-report-\(engine.rawValue)")
        // KPIs are drawn as goals against each month's actual, not as weekly lines.
        let own = try Self.expectedCharts(try demo.run(["trends", "--json"], people.rep)).filter { !$0.id.hasPrefix("kpi.") }
        #expect(try rep.count("figure[data-chart='goal-attainment'] .point") > 0, "the rep's goals this quarter")
        #expect(own.contains { $0.id == "who-5.wellbeing" && $0.points > 0 }, "the rep's own wellbeing shows")
        try Self.expectCharts(own, on: rep, "the rep")
        Self.expectAbsent(people.otherReps, in: try rep.text, "the rep")
    }
}
