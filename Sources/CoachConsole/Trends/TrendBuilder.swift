import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// Builds `trends` rows from stored scores: one per (subject, score), never rescoring history.
struct TrendBuilder {
    let context: CommandContext
    let now: Date
    let weeks: Int
    var calendar: Calendar = .current {
        didSet { weekTicks = Self.ticks(now: now, weeks: weeks, calendar: calendar) }
    }
    private var scorings: [String: SurveyScoring] = [:]
    private var reliabilityCache: [String: [String: ScoreReliability]] = [:]

    init(context: CommandContext, now: Date, weeks: Int) {
        self.context = context
        self.now = now
        self.weeks = weeks
        weekTicks = Self.ticks(now: now, weeks: weeks, calendar: .current)
    }

    /// A range of dates in place of the window of `weeks` up to `now` (`review --period`): scores
    /// from `since` on and before `until`; each row then also gets its `periodChange`.
    var since: Date?
    var until: Date?

    /// The minimum group team weeks were shown with (for the charts' gap reasons).
    var teamMinGroup = TeamAggregate.defaultMinGroup

    var windowStart: Date? { WeeklyBuckets.window(now: now, weeks: weeks, calendar: calendar).first?.start }

    /// The rows of one person, as `viewer` may see them.
    mutating func personRows(viewer: String, subject: String, scoreFilter: String?) throws -> [TrendRow] {
        let database = try context.database()
        let points = try database.scorePoints(viewer: viewer, subject: subject, since: since ?? windowStart)
            .filter { point in until.map { point.date < $0 } ?? true }
        let canonical = try database.person(named: subject)?.name ?? subject
        let isSelf = canonical.caseInsensitiveCompare(viewer) == .orderedSame
        var order: [String] = []
        var grouped: [String: [ScorePoint]] = [:]
        for point in points {
            let key = "\(point.surveyID) \(point.scoreID)"
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(point)
        }
        var rows: [(rank: Int, row: TrendRow)] = []
        for key in order {
            guard let series = grouped[key], let last = series.last,
                  let scoring = try scoring(surveyID: last.surveyID, hash: last.surveyHash),
                  let definition = scoring.trendDefinition(scoreID: last.scoreID),
                  matches(scoreFilter, survey: last.surveyID, score: last.scoreID) else { continue }
            let reliability = scoring.kind == .quiz ? nil : try reliabilities(ofVersion: last.surveyHash)[definition.id]
            let trendPoints = series.map { TrendPoint(date: $0.date, value: $0.value) }
            let rank = (order.firstIndex { $0.hasPrefix(last.surveyID + " ") } ?? 0) * 1_000
                + (scoring.scores.firstIndex { $0.id == definition.id } ?? 0)
            // The store withholds a band that calls for the private support message from everyone
            // but the person it is about; the band is then not recomputed here either.
            var built = row(subject: canonical, surveyID: last.surveyID, definition: definition, points: trendPoints,
                            n: trendPoints.count, reliability: reliability, bandShown: isSelf || last.band != nil)
            if since != nil, let first = trendPoints.first, let end = trendPoints.last, trendPoints.count >= 2 {
                built.periodChange = TrendSummary.compute(points: [first, end], definition: definition, reliability: reliability)
            }
            rows.append((rank, built))
        }
        return rows.sorted { $0.rank < $1.rank }.map(\.row)
    }

    /// The rows of a team (or `all`): weekly means over distinct respondents, privacy applied by the
    /// store. Their `reliable_change` is always `none`: week to week the means come from different
    /// respondents, so a test of one person's change does not apply.
    mutating func teamRows(viewer: String, team: String, scoreFilter: String?) throws -> [TrendRow] {
        let database = try context.database()
        teamMinGroup = try database.orgSettings().effectiveMinGroup(requested: context.config.minGroup)
        let series = try database.teamTrends(viewer: viewer, team: team, now: now, weeks: weeks,
                                             viewerMinGroup: context.config.minGroup, calendar: calendar,
                                             score: scoreFilter)
        var rows: [(survey: String, index: Int, row: TrendRow)] = []
        for item in series {  // the store has applied --score
            guard let scoring = try scoring(surveyID: item.surveyID, hash: nil),
                  let definition = scoring.trendDefinition(scoreID: item.scoreID) else { continue }
            let points = item.points.map(\.trendPoint)
            rows.append((item.surveyID, scoring.scores.firstIndex { $0.id == definition.id } ?? 0,
                         row(subject: team, surveyID: item.surveyID, definition: definition, points: points,
                             n: item.points.last?.n ?? 0, reliability: nil, individual: false)))
        }
        // A survey's scores in the order the survey declares them, as a person's rows are.
        return rows.sorted { ($0.survey, $0.index) < ($1.survey, $1.index) }.map(\.row)
    }

    /// Each score's reliability from the store, read once per survey version and run.
    private mutating func reliabilities(ofVersion hash: String) throws -> [String: ScoreReliability] {
        if let cached = reliabilityCache[hash] { return cached }
        let computed = try context.database().reliabilities(ofVersion: hash, now: now)
        reliabilityCache[hash] = computed
        return computed
    }

    func row(subject: String, surveyID: String, definition: ScoreDefinition, points: [TrendPoint], n: Int,
                     reliability: ScoreReliability?, individual: Bool = true, bandShown: Bool = true) -> TrendRow {
        var summary = TrendSummary.compute(points: points, definition: definition, reliability: reliability,
                                           individual: individual)
        if !bandShown { summary.band = nil }
        let weekly = WeeklyBuckets.series(points, now: now, weeks: weeks, calendar: calendar)
        var built = TrendRow(subject: subject, survey: surveyID, score: definition.id, label: definition.label, n: n,
                             points: points.map { TrendRow.Point(date: DateAnswer.iso($0.date, calendar: calendar), value: $0.value) },
                             summary: summary, sparkline: Sparkline.render(values: weekly.map { $0?.value }, range: definition.range))
        built.chart = chart(subject: subject, surveyID: surveyID, definition: definition, weekly: weekly.map { $0?.value },
                            gapReasons: individual ? [:] : teamGapReasons(weekly.map { $0 != nil }))
        return built
    }

    /// The weeks of the window as the charts label them (`2026-W40`), oldest first: worked out
    /// once per builder (and calendar), not once per row.
    private(set) var weekTicks: [String]

    private static func ticks(now: Date, weeks: Int, calendar: Calendar) -> [String] {
        WeeklyBuckets.window(now: now, weeks: weeks, calendar: calendar).map(\.week.description)
    }

    /// A row's line chart: the weekly values on the score's declared range, its bands' upper
    /// bounds (all but the last) as cut-offs labelled with the band and its bound ("Low ≤ 49.99").
    func chart(subject: String, surveyID: String, definition: ScoreDefinition, weekly: [Double?],
               gapReasons: [Int: String]) -> LineChart {
        let guides = definition.bands.dropLast().map { band in
            ChartGuide(value: band.max, label: "\(band.label) ≤ \(ScoreFormat.display(band.max, decimals: 2))")
        }
        return LineChart(id: "\(surveyID).\(definition.id)", title: "\(definition.label) (\(surveyID))", xLabel: "Week",
                         yLabel: "\(definition.label), \(ScoreFormat.display(definition.range.lowerBound))–"
                             + ScoreFormat.display(definition.range.upperBound),
                         xTicks: weekTicks, range: definition.range, guides: guides,
                         series: [ChartSeries(name: subject, values: weekly)], gapReasons: gapReasons)
    }

    /// Why a team's week has no mean: the week still running is never shown; any other week is
    /// left out for too few respondents or to protect a smaller group (which of the two, and
    /// whether anyone answered at all, is not said: that would tell how many answered).
    func teamGapReasons(_ shown: [Bool]) -> [Int: String] {
        var reasons: [Int: String] = [:]
        for (index, isShown) in shown.enumerated() where !isShown {
            reasons[index] = index == shown.count - 1
                ? "week not over yet"
                : "not shown: fewer than \(teamMinGroup) respondents, or withheld to protect a smaller group"
        }
        return reasons
    }

    func matches(_ filter: String?, survey: String, score: String) -> Bool {
        guard let filter else { return true }
        return filter == score || filter == "\(survey).\(score)" || filter == survey
    }

    /// A survey's kind and score definitions: those of the version the latest session ran (from
    /// the store, no survey file parsed), else of the current survey file.
    private mutating func scoring(surveyID: String, hash: String?) throws -> SurveyScoring? {
        if let cached = scorings[surveyID] { return cached }
        let database = try context.database()
        var found = try (hash ?? database.latestSurveyHash(surveyID: surveyID)).flatMap { try database.surveyScoring(hash: $0) }
        if found == nil { found = context.catalog().surveys[surveyID].map(SurveyScoring.init) }
        scorings[surveyID] = found
        return found
    }
}
