import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// What a manager's report shows: per team of theirs, the team's wellbeing and burnout by week
/// and its self-assessment areas (the same aggregates as `trends --team`, with their minimum
/// group); per rep of theirs, KPI attainment and one-on-ones held against the cadence this period
/// (as `review --team` reads them); and their reps' open action items by age.
extension ReportBuilder {
    func managerSections() throws -> [ReportDocument.Section] {
        let reps = try context.database().people()
            .filter { $0.role == .rep && $0.manager?.caseInsensitiveCompare(viewer.name) == .orderedSame }
        guard !reps.isEmpty else {
            return [ReportDocument.Section(title: "Your team", intro: nil, blocks: [
                .note("You manage no reps yet, so there is no team to report on ('person add NAME --role rep --manager \"\(viewer.name)\"').")
            ])]
        }
        var sections: [ReportDocument.Section] = []
        for team in Array(Set(reps.compactMap(\.team))).sorted() {
            sections += try teamTrendSections(team: team)
        }
        sections.append(try repsSection(reps: reps.map(\.name)))
        sections.append(try actionsSection(subject: nil, title: "Open action items by age",
                                           intro: "Action items of your reps not yet done or dropped, by days since they were agreed."))
        return sections
    }

    /// The team's check-in and self-assessment scores by week, one line chart each.
    private func teamTrendSections(team: String) throws -> [ReportDocument.Section] {
        var trends = TrendBuilder(context: context, now: now, weeks: weeks)
        trends.calendar = calendar
        let rows = try trends.teamRows(viewer: viewer.name, team: team, scoreFilter: nil)
        let catalog = try context.catalog()
        func charts(_ kind: SurveyKind) -> [ReportDocument.Block] {
            rows.filter { catalog.surveys[$0.survey]?.kind == kind }.compactMap(\.chart).map { .line($0) }
        }
        let rule = "Weekly means over distinct respondents; a week shows once it has ended and only with at least "
            + "\(trends.teamMinGroup) respondents, so no one's answers can be picked out. A week without a point is a gap, its reason under the chart."
        return [
            ReportDocument.Section(title: "Wellbeing and burnout, team \(team)", intro: rule,
                                   blocks: charts(.checkIn) + unshown(.checkIn, rows: rows, catalog: catalog, team: team)),
            ReportDocument.Section(title: "Self-assessment areas, team \(team)", intro: rule,
                                   blocks: charts(.selfAssessment) + unshown(.selfAssessment, rows: rows, catalog: catalog, team: team)),
        ]
    }

    /// A note naming the surveys of `kind` with no week to show, so a missing chart is explained.
    private func unshown(_ kind: SurveyKind, rows: [TrendRow], catalog: SurveyCatalog, team: String) -> [ReportDocument.Block] {
        let missing = catalog.surveys.values.filter { survey in survey.kind == kind && !rows.contains { $0.survey == survey.id } }
            .map(\.title).sorted()
        guard !missing.isEmpty else { return [] }
        return [.note("\(missing.joined(separator: ", ")): no week of the last \(weeks) has enough respondents in team \(team) to show.")]
    }

    /// KPI attainment per rep against target, and one-on-ones held against those due, this period.
    private func repsSection(reps: [String]) throws -> ReportDocument.Section {
        let review = ReviewBuilder(context: context, viewer: viewer, period: period, now: now, calendar: calendar)
        var documents: [ReviewDocument] = []
        for name in reps.sorted(by: { $0.lowercased() < $1.lowercased() }) {
            guard let rep = try context.database().person(named: name) else { continue }
            documents.append(try review.document(for: rep))
        }
        let names = documents.map(\.person)
        var kpis: [(id: String, label: String)] = []
        for line in documents.flatMap(\.kpis) where !kpis.contains(where: { $0.id == line.kpi }) { kpis.append((line.kpi, line.label)) }
        let attainment = kpis.map { kpi in
            ChartSeries(name: kpi.label, values: documents.map { document in
                document.kpis.first { $0.kpi == kpi.id }?.attainment ?? nil
            })
        }
        let top = attainment.flatMap(\.values).compactMap { $0 }.max() ?? 0
        var blocks: [ReportDocument.Block] = []
        if attainment.isEmpty {
            blocks.append(.note("No rep of yours has a KPI target in \(period) yet ('goal set').")
            )
        } else {
            blocks.append(.bar(BarChart(
                id: "kpi-attainment", title: "KPI attainment per rep, \(period)", xLabel: "Rep", yLabel: "Attainment, % of target",
                categories: names, series: attainment, range: 0...Self.roundedTop(top, atLeast: 150, step: 50),
                guides: [ChartGuide(value: 100, label: "target 100%")], unit: "%")))
        }
        let held = documents.map { $0.oneOnOnes.map { Double($0.held) } }
        let due = documents.map { $0.oneOnOnes?.due.map(Double.init) }
        let most = (held + due).compactMap { $0 }.max() ?? 0
        blocks.append(.bar(BarChart(
            id: "one-on-ones", title: "One-on-ones held against the cadence, \(period)", xLabel: "Rep", yLabel: "Meetings",
            categories: names, series: [ChartSeries(name: "held", values: held), ChartSeries(name: "due by the cadence", values: due)],
            range: 0...Self.roundedTop(most, atLeast: 4, step: 2),
            missingReasons: Dictionary(uniqueKeysWithValues: documents.enumerated().compactMap { index, document in
                document.oneOnOnes?.due == nil ? (index, "no cadence set") : nil
            }))))
        return ReportDocument.Section(
            title: "Your reps, \(period)",
            intro: "\(period) from \(review.firstDay) to \(review.lastDay)\(review.ended ? "" : " (not ended: up to today)"). "
                + "Attainment is actual against target: total against total for amounts and counts, the mean of the months for rates.",
            blocks: blocks)
    }
}
