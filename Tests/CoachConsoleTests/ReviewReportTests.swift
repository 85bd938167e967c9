@testable import CoachConsole
import CoachTestSupport
import CoachCore
@testable import CoachStore
import Foundation
import Testing

/// `ReviewDocument.report(generated:)`, the document `review --html` draws, in process: the
/// sections the text shows, the KPI chart, and what each viewer is not shown.
@Suite("review --html document, in process")
struct ReviewReportTests {
    /// Ana with a WHO-5 check-in, a self-assessment, and a revenue target of 10000 with 8000
    /// actual this month.
    func store() throws -> AppDatabase {
        let history = try HistoryBuilder.seeded()
        let now = HistoryBuilder.daysAgo(0)
        try history.session("who-5", kind: "check-in", at: now, scores: ["wellbeing": 72], band: "ok")
        try history.session("weekly-self-assessment", kind: "self-assessment", at: now, scores: ["teamwork": 4])
        let month = Period(containing: Date())
        _ = try history.database.setGoal(person: "Ana", kpi: "revenue", target: 10000, period: month, by: "Dana", at: Date())
        _ = try history.database.importActuals([ImportedActual(person: "Ana", kpi: "revenue", period: month, actual: 8000)],
                                           dryRun: false, by: "Dana", at: Date())
        return history.database
    }

    /// Ana's review of this year as `viewer` sees it, and its report.
    func review(as viewer: String, database: AppDatabase) throws -> (text: ReviewDocument, report: ReportDocument) {
        let shell = try TestShell(lines: [], user: viewer, database: database)
        let period = try #require(ReviewPeriod("\(Calendar.current.component(.year, from: Date()))"))
        let builder = ReviewBuilder(context: shell.context, viewer: try #require(try database.person(named: viewer)),
                                    period: period, now: Date())
        let document = try builder.document(for: try #require(try database.person(named: "Ana")))
        return (document, document.report(generated: "2026-12-02"))
    }

    func section(_ title: String, _ report: ReportDocument) throws -> ReportDocument.Section {
        try #require(report.sections.first { $0.title == title }, "\(report.sections.map(\.title))")
    }

    func notes(_ section: ReportDocument.Section) -> [String] {
        section.blocks.compactMap { if case let .note(text) = $0 { text } else { nil } }
    }

    func tables(_ section: ReportDocument.Section) -> [DataTable] {
        section.blocks.compactMap { if case let .table(table) = $0 { table } else { nil } }
    }

    func bars(_ section: ReportDocument.Section) -> [BarChart] {
        section.blocks.compactMap { if case let .bar(chart) = $0 { chart } else { nil } }
    }

    @Test("the sections the text shows, in its order, for each viewer; title, subtitle and day as given", arguments: ["Ana", "Marco", "Dana"])
    func sameSections(_ viewer: String) throws {
        let (text, report) = try review(as: viewer, database: try store())
        #expect(report.sections.map(\.title) == text.sections.map(\.title))
        #expect(report.title == text.heading && report.generated == "2026-12-02")
        #expect(report.subtitle.contains("Seen by \(viewer)"))
        // Every table the text has is there, cell for cell.
        for (textSection, reportSection) in zip(text.sections, report.sections) where !textSection.rows.isEmpty {
            #expect(tables(reportSection).contains { $0.rows == textSection.rows && $0.header == textSection.headers }, "\(textSection.title)")
        }
    }

    @Test("KPI attainment by month as bars, a guide at 100 % labelled target")
    func kpiChart() throws {
        let (_, report) = try review(as: "Marco", database: try store())
        let chart = try #require(bars(try section("KPI attainment", report)).first)
        #expect(chart.categories == [Period(containing: Date()).description])
        #expect(chart.series.map(\.name) == ["Revenue"])
        #expect(chart.series.first?.values == [80])
        #expect(chart.guides == [ChartGuide(value: 100, label: "target 100%")])
        #expect(chart.unit == "%" && chart.range == 0...100)
    }

    @Test("the rep sees their self-assessment and wellbeing; the manager the self-assessment and one-on-ones held against due")
    func ownParts() throws {
        let database = try store()
        let ana = try review(as: "Ana", database: database).report
        #expect(tables(try section("Wellbeing", ana)).contains { $0.rows.contains { $0.contains("Well-being") } })
        #expect(tables(try section("Self-assessment", ana)).contains { $0.rows.contains { $0.contains("Team collaboration") } })
        let marco = try review(as: "Marco", database: database).report
        #expect(tables(try section("Self-assessment", marco)).contains { $0.rows.contains { $0.contains("Team collaboration") } })
        #expect(!"\(marco)".contains("Well-being"), "not shared with the manager")
        let meetings = try #require(bars(try section("One-on-ones and action items", marco)).first)
        #expect(meetings.categories.first == "held" && meetings.series.first?.values.first == 0)
    }

    @Test("quiz attempts as bars of their percent, and a quiz's pre and post scores side by side")
    func quizCharts() throws {
        let database = try store()
        let history = HistoryBuilder(database: database)
        try history.session("crm-basics", kind: "quiz", at: HistoryBuilder.daysAgo(0.2), scores: ["percent": 60, "passed": 0], phase: .pre)
        try history.session("crm-basics", kind: "quiz", at: HistoryBuilder.daysAgo(0.1), scores: ["percent": 90, "passed": 1], phase: .post)
        let (text, report) = try review(as: "Dana", database: database)
        let charts = bars(try section("Quizzes", report))
        #expect(charts.map(\.id) == ["review.quizzes", "review.quiz-gains"])
        #expect(charts.first?.series.first?.values == text.quizzes.map(\.percent) && text.quizzes.count == 2)
        #expect(charts.last?.categories == ["crm-basics"])
        #expect(charts.last?.series.map(\.values) == [[60], [90]])
        #expect(notes(try section("Quizzes", report)).contains { $0.contains("g = 0.75") }, "the gain line the text prints")
    }

    @Test("HR's review shows no one-on-one, self-assessment or wellbeing content: a note 'not shown to you' instead")
    func hrSeesNoPrivateParts() throws {
        let (_, report) = try review(as: "Dana", database: try store())
        for title in ["One-on-ones and action items", "Self-assessment", "Wellbeing"] {
            let section = try section(title, report)
            #expect(section.blocks.count == 1 && notes(section).first?.hasPrefix("Not shown to you: ") == true, "\(title): \(section.blocks)")
        }
        let all = "\(report)"
        for label in ["Well-being", "Team collaboration"] { #expect(!all.contains(label), "\(label) in HR's review") }
        #expect(!bars(try section("KPI attainment", report)).isEmpty, "HR sees KPIs")
    }

    @Test("the default file name is the person's name in plain letters and the period")
    func defaultFileName() {
        #expect(ReviewCommand.defaultFile(person: "Zoë Ångström", period: "2026-Q4") == "review-zoe-angstrom-2026-Q4.html")
        #expect(ReviewCommand.defaultFile(person: "Ana", period: "2026") == "review-ana-2026.html")
        #expect(ReviewCommand.defaultFile(person: "李雷", period: "2026-H1") == "review-person-2026-H1.html")
    }
}
