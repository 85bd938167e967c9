@testable import CoachConsole
import CoachScoring
import CoachTestSupport
import CoachCore
@testable import CoachStore
import Foundation
import Testing

/// HR's sections of `report html` (`ReportBuilder.hrSections`), in process over a store with
/// quiz attempts planted as `ReportQuizTests` plants them: item analysis as a scatter, gain and
/// pass rate per team under the minimum group, assignment counts, and notes where there is nothing.
@Suite("HR report sections, in process")
struct HRReportTests {
    /// `people` reps R0… (the last in South under Mia unless not `south`, the rest in North), one first attempt each
    /// (`ReportQuizTests`' marks); `paired` of the North reps, and the South rep if `southPaired`,
    /// took it as `pre` and later a `post` attempt with gain exactly 0.5.
    func store(people: Int, paired: Int, southPaired: Bool = true, south: Bool = true) throws -> AppDatabase {
        let database = try HistoryBuilder.seeded().database
        try database.addPerson(name: "Mia", role: .manager, team: "South", manager: nil, by: "Dana")
        for i in 0..<people {
            try database.addPerson(name: "R\(i)", role: .rep, team: south && i == people - 1 ? "South" : "North", manager: nil, by: "Dana")
        }
        try database.recordSurveyVersion(surveyID: "crm-basics", hash: "test-crm", content: "")
        func attempt(_ i: Int, phase: SessionPhase?, percent: Double, marks: [String: Double], daysAgo: Double) throws {
            let person = try database.person(named: "R\(i)")!.id!
            let id = try database.startSession(surveyID: "crm-basics", surveyHash: "test-crm", kind: "quiz", subjectID: person,
                                               authorID: person, phase: phase, at: HistoryBuilder.daysAgo(daysAgo))
            try database.completeSession(id: id, scores: [ScoreRow(scoreID: "percent", value: percent),
                                                          ScoreRow(scoreID: "passed", value: percent >= 70 ? 1 : 0)],
                                         marks: marks.map { MarkRow(questionID: $0.key, mark: $0.value, maxMark: ReportQuizTests.maxMark($0.key)) },
                                         at: HistoryBuilder.daysAgo(daysAgo))
        }
        let pairs = Set(Array(0..<min(paired, people - 1)) + (southPaired ? [people - 1] : []))
        for i in 0..<people {
            try attempt(i, phase: pairs.contains(i) ? .pre : nil, percent: ReportQuizTests.percent(i),
                        marks: ReportQuizTests.marks(i), daysAgo: 20)
        }
        for i in pairs.sorted() {
            try attempt(i, phase: .post, percent: 50 + ReportQuizTests.percent(i) / 2, marks: [:], daysAgo: 2)
        }
        return database
    }

    /// HR's sections over `database`, after `lines` run in a shell as Dana.
    func sections(_ database: AppDatabase, lines: [String] = []) throws -> (sections: [ReportDocument.Section], shell: TestShell) {
        let shell = try TestShell(lines: lines, user: "Dana", database: database)
        #expect(shell.run() == 0, "\(shell.errors)")
        let dana = try #require(try database.person(named: "Dana"))
        return (try ReportBuilder(context: shell.context, viewer: dana, now: Date(), weeks: 12, period: ReviewPeriod.quarter(containing: Date())).hrSections(), shell)
    }

    func section(_ title: String, in sections: [ReportDocument.Section]) throws -> ReportDocument.Section {
        try #require(sections.first { $0.title == title }, "no section \(title) in \(sections.map(\.title))")
    }

    func notes(_ section: ReportDocument.Section) -> [String] {
        section.blocks.compactMap { if case let .note(text) = $0 { text } else { nil } }
    }

    func charts(_ section: ReportDocument.Section) -> (bars: [BarChart], scatters: [ScatterChart], tables: [DataTable]) {
        var bars: [BarChart] = [], scatters: [ScatterChart] = [], tables: [DataTable] = []
        for block in section.blocks {
            switch block {
            case let .bar(chart): bars.append(chart)
            case let .scatter(chart): scatters.append(chart)
            case let .table(table): tables.append(table)
            default: break
            }
        }
        return (bars, scatters, tables)
    }

    /// The report `report quiz crm-basics` computes for HR on the same store.
    func quizReport(_ database: AppDatabase) throws -> QuizReportBuilder {
        let shell = try TestShell(lines: [], user: "Dana", database: database)
        let survey = try #require(shell.context.catalog().surveys["crm-basics"])
        return QuizReportBuilder(survey: survey, attempts: try database.quizAttempts(viewer: "Dana", quizID: "crm-basics"), minTeam: 5)
    }

    @Test("item analysis: one point per question with a discrimination, as report quiz computes it; flags and guides")
    func itemAnalysis() throws {
        let database = try store(people: 12, paired: 6)
        let (sections, _) = try sections(database)
        let items = try section("Quiz item analysis", in: sections)
        let scatter = try #require(charts(items).scatters.first)
        #expect(scatter.id == "quiz.crm-basics.items")
        #expect(scatter.xRange == 0...100 && scatter.yRange == -100...100)
        #expect(scatter.xLabel.contains("Facility") && scatter.xLabel.contains("%"))
        #expect(scatter.yLabel.contains("Discrimination") && scatter.yLabel.contains("−100 to 100"))
        #expect(scatter.xGuides.map(\.value) == [ItemAnalysis.tooHardBelow, ItemAnalysis.tooEasyAbove])
        #expect(scatter.yGuides.map(\.value) == [0])
        let report = try quizReport(database).report
        let plotted = report.questions.filter { $0.discrimination != nil && $0.facility != nil }
        #expect(scatter.points.count == plotted.count && !plotted.isEmpty)
        for stats in plotted {
            let point = try #require(scatter.points.first { $0.label.hasPrefix(stats.id + ":") || $0.label == stats.id })
            #expect(point.x == stats.facility && point.y == stats.discrimination)
            #expect(point.mark == stats.flag.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") })
        }
        #expect(scatter.points.contains { $0.mark == "likely miskeyed" })
        // Everyone gets the first question right: its D is undefined, so it is not plotted, and a note says why.
        let unplotted = report.questions.count - plotted.count
        #expect(unplotted == 1)
        #expect(notes(items).contains { $0.contains("1 question not plotted") && $0.contains("too easy") && $0.contains("undefined") },
                "\(notes(items))")
    }

    @Test("below 10 attempts no question is plotted, and a note says how many attempts are needed")
    func tooFewAttempts() throws {
        let (sections, _) = try sections(try store(people: 4, paired: 0))
        let items = try section("Quiz item analysis", in: sections)
        #expect(charts(items).scatters.isEmpty)
        let note = try #require(notes(items).first)
        #expect(note.contains("n too small") && note.contains("needs \(ItemAnalysis.minimumAttempts) attempts") && note.contains("4 first attempts"),
                "\(note)")
    }

    @Test("gain by team: a team of at least the minimum group shows its mean g; a smaller one and the overall it would reveal do not")
    func gainByTeam() throws {
        // North: 6 people with pre and post (g = 0.5 each); South: 1. Minimum 5.
        let (sections, _) = try sections(try store(people: 12, paired: 6))
        let gain = try section("Pre/post training gain by team", in: sections)
        let chart = try #require(charts(gain).bars.first)
        #expect(chart.id == "quiz.crm-basics.gain")
        #expect(chart.categories == ["North", "South", "Organisation"])
        let values = try #require(chart.series.first?.values)
        #expect(abs((values[0] ?? 0) - 0.5) < 1e-9)
        #expect(values[1] == nil && values[2] == nil)
        #expect(chart.missingReasons[1] == "fewer than 5 people with both attempts")
        #expect(chart.missingReasons[2]?.contains("reveal") == true, "North's 6 of 7 would give South's one person away")
        #expect(chart.barCount == 1)
    }

    @Test("the organisation's gain shows when no hidden team could be recovered from it")
    func gainOverall() throws {
        // North: 6 people with pre and post; South's rep took no post attempt (no pair).
        let (sections, _) = try sections(try store(people: 12, paired: 6, southPaired: false))
        let chart = try #require(charts(try section("Pre/post training gain by team", in: sections)).bars.first)
        #expect(chart.categories == ["North", "South", "Organisation"])
        let values = try #require(chart.series.first?.values)
        #expect(values.count == 3 && values[1] == nil, "\(values)")
        #expect(abs((values[0] ?? 0) - 0.5) < 1e-9 && abs((values[2] ?? 0) - 0.5) < 1e-9, "\(values)")
    }

    @Test("pass rate by team as report quiz gives it, a small team's bar missing, and no overall line that would reveal it")
    func passRates() throws {
        let database = try store(people: 12, paired: 6)
        let (sections, _) = try sections(database)
        let pass = try section("First-attempt pass rate by team", in: sections)
        let chart = try #require(charts(pass).bars.first)
        let builder = try quizReport(database)
        #expect(chart.categories == ["North", "South"])
        #expect(chart.series.first?.values == [builder.passRateByTeam["North"]?.rate.map { $0 * 100 }, nil])
        #expect(chart.missingReasons[1] == "fewer than 5 first attempts")
        #expect(chart.guides.isEmpty, "North's 11 and the overall 12 would give South's one attempt away")
        #expect(chart.range == 0...100 && chart.unit == "%")
    }

    @Test("the overall pass rate is the guide when every team with attempts is shown")
    func passRateOverall() throws {
        let (sections, _) = try sections(try store(people: 11, paired: 0, southPaired: false, south: false))
        let chart = try #require(charts(try section("First-attempt pass rate by team", in: sections)).bars.first)
        #expect(chart.categories == ["North"])
        let rate = try #require(chart.series.first?.values.first ?? nil)
        #expect(chart.guides.map(\.value) == [rate])
    }

    @Test("nothing taken or assigned: a note for each")
    func nothing() throws {
        let (sections, _) = try sections(try HistoryBuilder.seeded().database)
        #expect(sections.map(\.title) == ["Quizzes", "Assignment completion"])
        #expect(notes(sections[0]).first?.contains("No quiz has been taken") == true)
        #expect(notes(sections[1]).first?.contains("assigned nothing") == true)
    }

    @Test("assignments: done, open and overdue counts per assignment, no names; a wellbeing team below the minimum as a count")
    func assignments() throws {
        let database = try store(people: 7, paired: 0)
        let due = DateAnswer.iso(Date().addingTimeInterval(7 * 86_400))
        let (sections, shell) = try sections(database, lines: ["assign crm-basics --team North --due \(due) --phase post",
                                                               "assign who-5 --team South --due \(due)"])
        let section = try section("Assignment completion", in: sections)
        let (bars, _, tables) = charts(section)
        let chart = try #require(bars.first)
        let listing = try AssignmentListing.read(for: "Dana", context: shell.context).assignedByMe
        #expect(chart.categories.count == listing.count && listing.count == 2)
        #expect(chart.series.map(\.name) == ["done", "open", "overdue"])
        for (index, entry) in listing.enumerated() {
            let assigned = entry.done.count + entry.notDone.count + entry.counts.reduce(0) { $0 + $1.assigned }
            let total = chart.series.reduce(0.0) { $0 + ($1.values[index] ?? 0) }
            #expect(Int(total) == assigned && assigned > 0, "\(entry.survey)")
        }
        let table = try #require(tables.first)
        let text = table.rows.flatMap { $0 }.joined(separator: " ")
        #expect(!text.contains("R0") && !text.contains("R6"), "no names: \(text)")
        #expect(text.contains("team South") && text.contains("0 of 1"), "\(text)")
    }
}
