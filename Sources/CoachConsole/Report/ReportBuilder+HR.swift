import CoachCore
import CoachStore
import Foundation

/// What HR sees in `report html`: quizzes (item analysis, gain and pass rate per team) and the
/// completion of what they assigned. Nothing else is read: no one-on-one, self-assessment or
/// wellbeing reaches these sections (docs/privacy.md); an assignment tells counts, never answers.
extension ReportBuilder {
    /// HR's sections: quiz item analysis, pre/post gain per team, pass rate per team, and
    /// assignment completion, with notes where there is nothing yet. For HR (a manager would get
    /// their reps' quizzes); a rep's viewer is refused by the store, as `report quiz` refuses it.
    func hrSections() throws -> [ReportDocument.Section] {
        let minimum = try context.database().orgSettings().effectiveMinGroup(requested: context.config.minGroup)
        let quizzes = try quizzesTaken(minimum: minimum)
        var sections: [ReportDocument.Section] = []
        if quizzes.isEmpty {
            sections.append(ReportDocument.Section(title: "Quizzes", intro: nil,
                                                   blocks: [.note("No quiz has been taken yet: there is nothing to analyse.")]))
        } else {
            sections += [itemAnalysisSection(quizzes), gainSection(quizzes, minimum: minimum),
                         passRateSection(quizzes, minimum: minimum)]
        }
        sections.append(try assignmentSection(minimum: minimum))
        return sections
    }

    /// The assignments the viewer made (`assignments`): done, open and overdue counts per
    /// assignment, never a name, an answer or a score. A team told only as a count there (a
    /// wellbeing check-in below the minimum group) is counted the same way here.
    func assignmentSection(minimum: Int) throws -> ReportDocument.Section {
        let entries = try AssignmentListing.read(for: viewer.name, context: context).assignedByMe
        let intro = "What you assigned, and how many have done it: counts only, never answers or scores."
        guard !entries.isEmpty else {
            return ReportDocument.Section(title: "Assignment completion", intro: intro,
                                          blocks: [.note("You have assigned nothing yet; 'assign SURVEY --team TEAM --due DATE' assigns a survey.")])
        }
        var categories: [String] = []
        var done: [Double?] = [], open: [Double?] = [], overdue: [Double?] = []
        var table = DataTable(id: "assignments.table", title: "Assignments you made",
                              header: ["ASSIGNMENT", "TO", "DUE", "DONE", "NOT DONE", "OVERDUE"], rows: [])
        for entry in entries {
            let label = "#\(entry.id) \(entry.survey)" + (entry.phase.map { " (\($0))" } ?? "")
            let counted = entry.counts.reduce((done: 0, assigned: 0)) { ($0.done + $1.done, $0.assigned + $1.assigned) }
            let doneCount = entry.done.count + counted.done
            let notDone = entry.notDone.count + counted.assigned - counted.done
            let late = entry.due < today ? notDone : 0
            categories.append(label)
            done.append(Double(doneCount))
            open.append(Double(notDone - late))
            overdue.append(Double(late))
            table.rows.append([label, entry.to, entry.due, "\(doneCount)", "\(notDone)", "\(late)"])
            for count in entry.counts {
                table.rows.append(["  \(count.team.map { "team \($0)" } ?? "no team")", "", "",
                                   "\(count.done) of \(count.assigned)", "", "(fewer than \(minimum) assigned there: a count, no names)"])
            }
        }
        let most = max(1, zip(done, zip(open, overdue)).map { ($0 ?? 0) + ($1.0 ?? 0) + ($1.1 ?? 0) }.max() ?? 1)
        let chart = BarChart(id: "assignments.completion", title: "Assignments you made: done, open and overdue",
                             xLabel: "Assignment", yLabel: "People", categories: categories,
                             series: [ChartSeries(name: "done", values: done), ChartSeries(name: "open", values: open),
                                      ChartSeries(name: "overdue", values: overdue)],
                             range: 0...most, unit: " people")
        return ReportDocument.Section(title: "Assignment completion", intro: intro, blocks: [.bar(chart), .table(table)])
    }
}
