import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// What a rep's report shows: their own scores by week (check-ins, self-assessment, quizzes),
/// their goals against the actuals of each month this period, and their open action items.
extension ReportBuilder {
    func repSections() throws -> [ReportDocument.Section] {
        var trends = TrendBuilder(context: context, now: now, weeks: weeks)
        trends.calendar = calendar
        let charts = try trends.personRows(viewer: viewer.name, subject: viewer.name, scoreFilter: nil).compactMap(\.chart)
        return [
            ReportDocument.Section(
                title: "Your scores", intro: "Each score by week over the last \(weeks) weeks, on its full range, with its bands' cut-offs. Only you and the people you share with see these.",
                blocks: charts.isEmpty ? [.note("No scores in the last \(weeks) weeks: 'checkin who5' or 'run self-assessment' starts one.")]
                    : charts.map { .line($0) }),
            try goalsSection(),
            try actionsSection(subject: viewer.name, title: "Your open action items",
                               intro: "Action items from your one-on-ones not yet done or dropped, by days since they were agreed."),
        ]
    }

    /// The viewer's goals in the period's months: attainment per month and KPI, and the figures.
    private func goalsSection() throws -> ReportDocument.Section {
        let months = period.months.map(\.description)
        let goals = try context.database().goals(for: viewer.name, viewer: viewer.name).filter { months.contains($0.period) }
        let title = "Your goals, \(period)"
        guard !goals.isEmpty else {
            return ReportDocument.Section(title: title, intro: nil, blocks: [.note("No goals set for \(period) yet.")])
        }
        let progress = try GoalProgress.rows(goals, person: viewer.name, context: context)
        var kpis: [String] = []
        for row in progress where !kpis.contains(row.goal.kpi) { kpis.append(row.goal.kpi) }
        let series = kpis.map { kpi in
            ChartSeries(name: progress.first { $0.goal.kpi == kpi }?.definition?.label ?? kpi, values: months.map { month in
                progress.first { $0.goal.kpi == kpi && $0.goal.period == month }?.attainment
            })
        }
        let top = series.flatMap(\.values).compactMap { $0 }.max() ?? 0
        let chart = BarChart(id: "goal-attainment", title: "Attainment by month, \(period)", xLabel: "Month",
                             yLabel: "Attainment, % of target", categories: months, series: series,
                             range: 0...Self.roundedTop(top, atLeast: 150, step: 50),
                             guides: [ChartGuide(value: 100, label: "target 100%")], unit: "%")
        return ReportDocument.Section(title: title, intro: "Actual against target for each month with a goal; a month without an actual has no bar.", blocks: [
            .bar(chart),
            .table(DataTable(id: "goals", title: "Goals", header: ["Month", "KPI", "Target", "Actual", "Attainment"],
                             rows: progress.map(\.cells))),
        ])
    }
}
