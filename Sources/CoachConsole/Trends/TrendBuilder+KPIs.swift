import CoachCore
import CoachScoring
import CoachStore
import Foundation

extension TrendBuilder {
    /// Monthly KPI attainment of `subject` (actual against target, in percent) as trend rows, one
    /// per KPI: one-on-one content, so for the person and their manager only. The survey column
    /// reads `kpi`; `--score revenue` or `--score kpi` picks them.
    func kpiRows(viewer: Person, subject: Person, scoreFilter: String?) throws -> [TrendRow] {
        guard let id = subject.id, subject.id == viewer.id || subject.managerID == viewer.id else { return [] }
        let database = try context.database()
        let definitions = try KPIs.definitions(in: context)
        let months = weeks / 4 + 2
        let history = try database.attainmentHistory(personID: id, upTo: Period(containing: now, calendar: calendar),
                                                     months: months)
        let start = windowStart.map { Period(containing: $0, calendar: calendar) }
        var order: [String] = []
        var points: [String: [TrendPoint]] = [:]
        for entry in history.reversed() {
            guard let period = Period(entry.period), start.map({ period.description >= $0.description }) ?? true,
                  let date = calendar.date(from: DateComponents(year: period.year, month: period.month, day: 1)),
                  matches(scoreFilter, survey: "kpi", score: entry.kpi) else { continue }
            let lowerIsBetter = definitions.first { $0.id == entry.kpi }?.higherIs == .worse
            // The store gives actual ÷ target; where lower is better, attainment is target ÷ actual.
            guard let value = lowerIsBetter ? (entry.attainment > 0 ? 10_000 / entry.attainment : nil) : entry.attainment
            else { continue }
            if points[entry.kpi] == nil { order.append(entry.kpi) }
            points[entry.kpi, default: []].append(TrendPoint(date: date, value: value))
        }
        let known = definitions.map(\.id)
        return order.sorted { (known.firstIndex(of: $0) ?? .max, $0) < (known.firstIndex(of: $1) ?? .max, $1) }.map { kpi in
            let series = points[kpi] ?? []
            let label = (definitions.first { $0.id == kpi }?.label ?? kpi) + " (% of target)"
            let top = max(150, (series.map(\.value).max() ?? 0).rounded(.up))
            let definition = ScoreDefinition(id: kpi, label: label, range: 0...top)
            return row(subject: subject.name, surveyID: "kpi", definition: definition, points: series, n: series.count,
                       reliability: nil)
        }
    }
}
