import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// Builds `trends` rows from stored scores: one per (subject, score), never rescoring history.
struct TrendBuilder {
    let context: CommandContext
    let now: Date
    let weeks: Int
    var calendar: Calendar = .current
    private var surveys: [String: Survey] = [:]
    private var reliabilityCache: [String: [String: ScoreReliability]] = [:]

    init(context: CommandContext, now: Date, weeks: Int) {
        self.context = context
        self.now = now
        self.weeks = weeks
    }

    var windowStart: Date? { WeeklyBuckets.window(now: now, weeks: weeks, calendar: calendar).first?.start }

    /// The rows of one person, as `viewer` may see them.
    mutating func personRows(viewer: String, subject: String, scoreFilter: String?) throws -> [TrendRow] {
        let database = try context.database()
        let points = try database.scorePoints(viewer: viewer, subject: subject, since: windowStart)
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
                  let (survey, definition) = try definition(surveyID: last.surveyID, scoreID: last.scoreID, hash: last.surveyHash),
                  matches(scoreFilter, survey: last.surveyID, score: last.scoreID) else { continue }
            let reliability = survey.kind == .quiz ? nil : try reliabilities(of: survey)[definition.id]
            let trendPoints = series.map { TrendPoint(date: $0.date, value: $0.value) }
            let rank = (order.firstIndex { $0.hasPrefix(last.surveyID + " ") } ?? 0) * 1_000
                + (survey.scores.firstIndex { $0.id == definition.id } ?? 0)
            // The store withholds a band that calls for the private support message from everyone
            // but the person it is about; the band is then not recomputed here either.
            rows.append((rank, row(subject: canonical, surveyID: last.surveyID, definition: definition, points: trendPoints,
                                   n: trendPoints.count, reliability: reliability,
                                   bandShown: isSelf || last.band != nil)))
        }
        return rows.sorted { $0.rank < $1.rank }.map(\.row)
    }

    /// The rows of a team (or `all`): weekly means over distinct respondents, privacy applied by the store.
    mutating func teamRows(viewer: String, team: String, scoreFilter: String?) throws -> [TrendRow] {
        let database = try context.database()
        let series = try database.teamTrends(viewer: viewer, team: team, now: now, weeks: weeks,
                                             minGroup: context.config.minGroup, calendar: calendar, score: scoreFilter)
        var rows: [TrendRow] = []
        for item in series where matches(scoreFilter, survey: item.surveyID, score: item.scoreID) {
            guard let (_, definition) = try definition(surveyID: item.surveyID, scoreID: item.scoreID, hash: nil) else { continue }
            let points = item.points.map(\.trendPoint)
            rows.append(row(subject: team, surveyID: item.surveyID, definition: definition, points: points,
                            n: item.points.last?.n ?? 0, reliability: nil))
        }
        return rows
    }

    /// Each score's reliability from the store, computed once per survey and run.
    private mutating func reliabilities(of survey: Survey) throws -> [String: ScoreReliability] {
        if let cached = reliabilityCache[survey.contentHash] { return cached }
        let computed = try context.database().reliabilities(of: survey)
        reliabilityCache[survey.contentHash] = computed
        return computed
    }

    private func row(subject: String, surveyID: String, definition: ScoreDefinition, points: [TrendPoint], n: Int,
                     reliability: ScoreReliability?, bandShown: Bool = true) -> TrendRow {
        var summary = TrendSummary.compute(points: points, definition: definition, reliability: reliability)
        if !bandShown { summary.band = nil }
        let weekly = WeeklyBuckets.series(points, now: now, weeks: weeks, calendar: calendar)
        return TrendRow(subject: subject, survey: surveyID, score: definition.id, label: definition.label, n: n,
                        points: points.map { TrendRow.Point(date: DateAnswer.iso($0.date, calendar: calendar), value: $0.value) },
                        summary: summary, sparkline: Sparkline.render(values: weekly.map { $0?.value }, range: definition.range))
    }

    private func matches(_ filter: String?, survey: String, score: String) -> Bool {
        guard let filter else { return true }
        return filter == score || filter == "\(survey).\(score)" || filter == survey
    }

    /// The score's definition: from the version the latest session ran, else the current survey file.
    /// Quizzes are read as their percent; their other stored scores are not trends.
    private mutating func definition(surveyID: String, scoreID: String, hash: String?) throws -> (Survey, ScoreDefinition)? {
        guard let survey = try survey(id: surveyID, hash: hash) else { return nil }
        if survey.kind == .quiz {
            return scoreID == "percent" ? (survey, ScoreDefinition.quizPercent) : nil
        }
        return survey.score(id: scoreID).map { (survey, $0) }
    }

    private mutating func survey(id: String, hash: String?) throws -> Survey? {
        if let cached = surveys[id] { return cached }
        // The version the latest session ran, parsed alone: cheaper than loading every survey file.
        var found: Survey?
        if let hash, let content = try context.database().surveyContent(hash: hash),
           case let .success(stored) = SurveyLoader.load(yaml: content, file: id) {
            found = stored
        }
        if found == nil { found = context.catalog().surveys[id] }
        surveys[id] = found
        return found
    }
}
