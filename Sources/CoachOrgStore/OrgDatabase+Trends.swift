import CoachCore
import CoachScoring
import CoachStore
import Foundation
import PostgresNIO

/// Team trends and reliabilities on the organisation store: computed inside the database by
/// `coach.team_weeks` and `coach.reliability` (see `OrgSchema.v2Trends`), which return only
/// aggregates the privacy rules allow; no login reads another person's unshared values.
extension OrgDatabase: Store {
    public func teamTrends(viewer viewerName: String, team: String, now: Date, weeks: Int, viewerMinGroup: Int,
                           calendar: Calendar, score: String?) throws -> [TeamSeries] {
        guard try me().role != .rep else {
            throw StoreError.notAllowed("team trends are for managers and HR; 'trends' shows your own")
        }
        let window = WeeklyBuckets.window(now: now, weeks: weeks, calendar: calendar)
        var teamID: Int64?
        if team.lowercased() != AppDatabase.allTeams {
            let teams = try connection.query("SELECT id, name FROM coach.team").map { try $0.decode((Int64, String).self) }
            guard let found = teams.first(where: { $0.1.caseInsensitiveCompare(NameKey.normalized(team)) == .orderedSame }) else {
                throw StoreError.unknownTeam(team, suggestion: suggestion(for: team, among: teams.map(\.1)))
            }
            teamID = found.0
        }
        let surveys = try connection.query("SELECT DISTINCT survey_id FROM coach.survey_version ORDER BY survey_id")
            .map { try $0.decode(String.self) }
        let candidates = AppDatabase.scoreCandidates(score, among: surveys)
        guard !window.isEmpty, !candidates.isEmpty else { return [] }
        let buckets = Dictionary(window.map { ($0.week.description, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = try refusalsAsStoreErrors {
            try connection.query("""
                SELECT week, survey_id, score_id, mean, respondents FROM coach.team_weeks(
                  \(teamID)::bigint, \(window.map(\.week.description)), \(candidates.map(\.surveyID)),
                  \(candidates.map { $0.scoreID ?? "" }), \(viewerMinGroup)::integer)
                """).map { try $0.decode((String, String, String, Double, Int).self) }
        }
        var points: [String: [GroupPoint]] = [:]  // "survey score" → shown weeks, oldest first
        for (week, survey, score, mean, n) in rows {
            guard let bucket = buckets[week] else { continue }
            points["\(survey) \(score)", default: []].append(GroupPoint(week: bucket.week, date: bucket.start, mean: mean, n: n))
        }
        return points.sorted { $0.key < $1.key }.map { key, points in
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            return TeamSeries(surveyID: parts[0], scoreID: parts.count > 1 ? parts[1] : "",
                              points: points.sorted { $0.week < $1.week })
        }
    }

    /// Each score's α and SD over everyone's latest session of `survey`, as the database computes
    /// them for anyone (and keeps them a day), all scores in one statement; a score with fewer
    /// than 30 complete respondents is absent.
    public func reliabilities(of survey: Survey, now: Date) throws -> [String: ScoreReliability] {
        let definitions = survey.scores.filter { $0.items.count >= 2 }
        guard !definitions.isEmpty else { return [:] }
        var query = PostgresQuery.StringInterpolation(literalCapacity: 200 * definitions.count,
                                                      interpolationCount: 7 * definitions.count)
        for (index, definition) in definitions.enumerated() {
            let ranges = definition.items.map { survey.question(id: $0)?.numericRange }
            let reverse = definition.items.enumerated().map { index, id in definition.reverse.contains(id) && ranges[index] != nil }
            query.appendLiteral(index == 0 ? "" : " UNION ALL ")
            query.appendLiteral("SELECT \(index)::integer, alpha, sd, respondents FROM coach.reliability(")
            query.appendInterpolation(survey.contentHash)
            query.appendLiteral(", ")
            query.appendInterpolation(survey.id)
            query.appendLiteral(", ")
            query.appendInterpolation(definition.id)
            query.appendLiteral(", ")
            query.appendInterpolation(definition.items)
            query.appendLiteral(", ")
            query.appendInterpolation(reverse)
            query.appendLiteral(", ")
            query.appendInterpolation(ranges.map { $0?.lowerBound ?? 0 })
            query.appendLiteral(", ")
            query.appendInterpolation(ranges.map { $0?.upperBound ?? 0 })
            query.appendLiteral(")")
        }
        let rows = try connection.query(PostgresQuery(stringInterpolation: query))
            .map { try $0.decode((Int, Double?, Double?, Int?).self) }
        return Self.reliabilities(rows.map { (definitions[$0.0].id, $0.1, $0.2, $0.3) })
    }

    /// The figures kept within the last day for a recorded version, without reading its survey;
    /// otherwise computed from it. A version with no score of two items or more has none, as its
    /// stored score definitions say.
    public func reliabilities(ofVersion hash: String, now: Date) throws -> [String: ScoreReliability] {
        let kept = try connection.query("SELECT score_id, alpha, sd, respondents FROM coach.kept_reliabilities(\(hash))")
            .map { try $0.decode((String, Double?, Double?, Int?).self) }
        if !kept.isEmpty { return Self.reliabilities(kept) }
        if let scoring = try surveyScoring(hash: hash), !scoring.scores.contains(where: { $0.items.count >= 2 }) { return [:] }
        guard let survey = try recordedSurvey(hash: hash) else { return [:] }
        return try reliabilities(of: survey, now: now)
    }

    private static func reliabilities(_ rows: [(String, Double?, Double?, Int?)]) -> [String: ScoreReliability] {
        var result: [String: ScoreReliability] = [:]
        for (score, alpha, sd, respondents) in rows {
            guard let alpha, let sd, let respondents, alpha.isFinite else { continue }
            result[score] = ScoreReliability(alpha: alpha, standardDeviation: sd, respondents: respondents)
        }
        return result
    }
}
