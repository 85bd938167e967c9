import CoachCore
import CoachScoring
import Foundation

/// A review drawn (`review PERSON --period P --html`): the sections the text shows, in the same
/// order and with the same tables and notes, with charts where a figure reads better drawn: KPI
/// attainment by month, one-on-ones held against due, quiz results and gains.
extension ReviewDocument {
    /// The review as a report document; `generated` is the day it is made (ISO date).
    func report(generated: String) -> ReportDocument {
        let charts: [String: [ReportDocument.Block]] = [
            "KPI attainment": kpiChart.map { [.bar($0)] } ?? [],
            "One-on-ones and action items": oneOnOneChart.map { [.bar($0)] } ?? [],
            "Quizzes": [quizChart, gainChart].compactMap { $0 }.map { .bar($0) },
        ]
        var reportSections: [ReportDocument.Section] = []
        for (index, section) in sections.enumerated() {
            var blocks = charts[section.title] ?? []
            let slug = "review.\(index + 1)"
            if let written = written(section.title) {
                blocks.append(.note(section.text.first ?? ""))
                blocks.append(.table(DataTable(id: slug, title: section.title, header: ["QUESTION", "ANSWER"],
                                               rows: written.answers.map { [$0.text, $0.display] })))
            } else {
                blocks += section.text.filter { !$0.isEmpty }.map { .note(Self.toYou($0)) }
                if !section.headers.isEmpty && !section.rows.isEmpty {
                    blocks.append(.table(DataTable(id: slug, title: section.title, header: section.headers, rows: section.rows)))
                }
                blocks += section.after.map { .note($0) }
            }
            reportSections.append(ReportDocument.Section(title: section.title, intro: nil, blocks: blocks))
        }
        return ReportDocument(title: heading, subtitle: facts.joined(separator: " · "), generated: generated,
                              sections: reportSections)
    }

    /// The written review a section of that title shows, if any.
    private func written(_ title: String) -> WrittenReview? {
        if title == "Manager's assessment" { return managerReview }
        if title == "\(person)'s own comments" { return ownComments }
        return nil
    }

    /// "Not shown: …" said to the reader: "Not shown to you: …".
    static func toYou(_ text: String) -> String {
        text.hasPrefix("Not shown: ") ? "Not shown to you: " + text.dropFirst("Not shown: ".count) : text
    }

    /// Attainment % per month, one series per KPI; a guide at 100 % (the target).
    var kpiChart: BarChart? {
        let months = Set(kpis.flatMap { $0.months.map(\.month) }).sorted()
        guard !months.isEmpty else { return nil }
        let series = kpis.map { line in
            ChartSeries(name: line.label, values: months.map { month in line.months.first { $0.month == month }?.attainment ?? nil })
        }
        let values = series.flatMap { $0.values.compactMap { $0 } }
        var missing: [Int: String] = [:]
        for (index, month) in months.enumerated() where series.allSatisfy({ $0.values[index] == nil }) {
            missing[index] = kpis.contains { $0.months.contains { $0.month == month } } ? "no actual recorded" : "no target"
        }
        return BarChart(id: "review.kpi-attainment", title: "KPI attainment by month", xLabel: "Month",
                        yLabel: "Attainment (% of target)", categories: months, series: series,
                        range: Self.range(values, atLeast: 0...100, step: 25),
                        guides: [ChartGuide(value: 100, label: "target 100%")], unit: "%", missingReasons: missing)
    }

    /// One-on-ones held against those due by the cadence.
    var oneOnOneChart: BarChart? {
        guard let oneOnOnes else { return nil }
        let due = oneOnOnes.due.map(Double.init)
        let top = max(Double(oneOnOnes.held), due ?? 0, 1)
        return BarChart(id: "review.one-on-ones", title: "One-on-ones held against due", xLabel: "One-on-ones",
                        yLabel: "Meetings", categories: ["held", "due" + (oneOnOnes.cadence.map { " (\($0))" } ?? "")],
                        series: [ChartSeries(name: "one-on-ones", values: [Double(oneOnOnes.held), due])],
                        range: 0...top, missingReasons: due == nil ? [1: "no cadence set"] : [:])
    }

    /// Each quiz attempt's percent.
    var quizChart: BarChart? {
        guard !quizzes.isEmpty else { return nil }
        return BarChart(id: "review.quizzes", title: "Quiz results", xLabel: "Attempt", yLabel: "Score (%)",
                        categories: quizzes.map { "\($0.date) \($0.quiz)" + ($0.phase.map { " (\($0))" } ?? "") },
                        series: [ChartSeries(name: "percent", values: quizzes.map(\.percent))], range: 0...100, unit: "%")
    }

    /// Pre against post percent per quiz with a post-training attempt in the period.
    var gainChart: BarChart? {
        guard !quizGains.isEmpty else { return nil }
        return BarChart(id: "review.quiz-gains", title: "Before and after training", xLabel: "Quiz", yLabel: "Score (%)",
                        categories: quizGains.map(\.quiz),
                        series: [ChartSeries(name: "pre-training", values: quizGains.map(\.pre)),
                                 ChartSeries(name: "post-training", values: quizGains.map(\.post))],
                        range: 0...100, unit: "%")
    }

    /// `atLeast`, widened in `step`s to hold every value.
    static func range(_ values: [Double], atLeast base: ClosedRange<Double>, step: Double) -> ClosedRange<Double> {
        let low = min(base.lowerBound, ((values.min() ?? base.lowerBound) / step).rounded(.down) * step)
        let high = max(base.upperBound, ((values.max() ?? base.upperBound) / step).rounded(.up) * step)
        return low...high
    }
}
