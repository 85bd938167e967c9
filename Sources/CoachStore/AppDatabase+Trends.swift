import CoachCore
import CoachScoring
import Foundation
import GRDB

/// A team's weekly means for one score: only weeks with enough respondents, after the
/// complement rule (see `TeamAggregate`).
public struct TeamSeries: Sendable, Equatable {
    public var surveyID: String
    public var scoreID: String
    public var points: [GroupPoint]
}

/// Trends that need everyone's data, computed here so that only aggregates leave the store.
extension AppDatabase {
    /// The name every team aggregate can also be asked for as a whole organisation.
    public static let allTeams = "all"

    /// Weekly means of every score for `team` (or `all`), over distinct respondents, leaving out
    /// weeks with fewer than `minGroup` and weeks that subtraction from a larger total would
    /// reveal, counting as revealed the values the viewer already sees one by one (their reps'
    /// self-assessments, or wellbeing a rep shares with them). Managers and HR may ask.
    /// `score` narrows to one score: its id, `survey.score`, or a survey id.
    public func teamTrends(viewer viewerName: String, team: String, now: Date, weeks: Int, minGroup: Int,
                           calendar: Calendar, score: String? = nil) throws -> [TeamSeries] {
        let window = WeeklyBuckets.window(now: now, weeks: weeks, calendar: calendar)
        guard let start = window.first?.start else { return [] }
        let rows = try read { db -> [Row] in
            let viewer = try Self.existingPerson(viewerName, db)
            guard viewer.role != .rep else {
                throw StoreError.notAllowed("team trends are for managers and HR; 'trends' shows your own")
            }
            if team.lowercased() != Self.allTeams {
                let teams = try String.fetchAll(db, sql: "SELECT name FROM team")
                guard teams.contains(where: { $0.caseInsensitiveCompare(team) == .orderedSame }) else {
                    throw StoreError.unknownTeam(team, suggestion: suggestion(for: team, among: teams))
                }
            }
            // The last column: whether the viewer may see this value on its own (`known` below;
            // NULL, as false, where share_wellbeing was never set).
            var query: SQL = """
                SELECT s.subject_id, t.name, s.survey_id, sc.score_id, s.completed_at, sc.value,
                       \(Privacy.scoresVisible(to: viewer))
                FROM session s JOIN person p ON p.id = s.subject_id LEFT JOIN team t ON t.id = p.team_id
                JOIN score sc ON sc.session_id = s.id
                WHERE s.state = 'completed' AND s.completed_at >= \(start) AND sc.value IS NOT NULL AND s.kind != 'one-on-one'
                  AND NOT EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
                """
            if let score {
                query += " AND (sc.score_id = \(score) OR s.survey_id = \(score) OR s.survey_id || '.' || sc.score_id = \(score))"
            }
            let (sql, arguments) = try query.build(db)
            return try Row.fetchAll(db, sql: sql, arguments: arguments)
        }
        var values: [String: [String: [RespondentValue]]] = [:]  // "survey score" → group → values
        var known: [String: Set<String>] = [:]  // "survey score" → respondents the viewer sees one by one
        for row in rows {
            let subject: Int64 = row[0]
            let teamName: String? = row[1]
            let key = "\(row[2] as String) \(row[3] as String)"
            if (row[6] as Bool?) == true { known[key, default: []].insert(String(subject)) }
            let value = RespondentValue(respondent: String(subject), date: row[4], value: row[5])
            values[key, default: [:]][Self.allTeams, default: []].append(value)
            if let teamName { values[key, default: [:]][teamName.lowercased(), default: []].append(value) }
        }
        var result: [TeamSeries] = []
        for (key, groups) in values.sorted(by: { $0.key < $1.key }) {
            let buckets = groups.mapValues { WeeklyBuckets.group($0, now: now, weeks: weeks, calendar: calendar) }
            let shown = TeamAggregate.points(groups: buckets, minGroup: minGroup,
                                             known: known[key] ?? [])[team.lowercased()] ?? []
            guard !shown.isEmpty else { continue }
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            result.append(TeamSeries(surveyID: parts[0], scoreID: parts.count > 1 ? parts[1] : "", points: shown))
        }
        return result
    }

    /// Cronbach's α of each score's items and the SD of its values, over each respondent's
    /// latest completed session of `survey`, by score id; only aggregates leave the store. A
    /// score with fewer than 30 respondents, or whose α is undefined, is absent.
    /// Cached for a day (`score_reliability`): a population's alpha barely moves in that time.
    public func reliabilities(of survey: Survey, now: Date = Date()) throws -> [String: ScoreReliability] {
        let fresh = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT score_id, alpha, sd, respondents FROM score_reliability WHERE survey_hash = ? AND computed_at > ?
                """, arguments: [survey.contentHash, now.addingTimeInterval(-Self.reliabilityLifetime)])
        }
        if !fresh.isEmpty {
            var cached: [String: ScoreReliability] = [:]
            for row in fresh {
                guard let alpha: Double = row[1], let sd: Double = row[2] else { continue }
                cached[row[0]] = ScoreReliability(alpha: alpha, standardDeviation: sd, respondents: row[3])
            }
            return cached
        }
        let computed = try computeReliabilities(of: survey)
        // A read-only or busy store still gets its trends; the cache is only a shortcut.
        try? write { db in
            try db.execute(sql: "DELETE FROM score_reliability WHERE survey_hash = ?", arguments: [survey.contentHash])
            for definition in survey.scores {
                let figure = computed[definition.id]
                try db.execute(sql: """
                    INSERT INTO score_reliability (survey_hash, score_id, alpha, sd, respondents, computed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [survey.contentHash, definition.id, figure?.alpha, figure?.standardDeviation,
                                     figure?.respondents ?? 0, now])
            }
        }
        return computed
    }

    /// How long a cached reliability is used: one day.
    static let reliabilityLifetime: TimeInterval = 86_400

    private func computeReliabilities(of survey: Survey) throws -> [String: ScoreReliability] {
        try read { db in
            // Each person's latest completed session: one index seek per person.
            let latest = """
                SELECT (SELECT s.id FROM session s WHERE s.subject_id = p.id AND s.survey_id = ? AND s.state = 'completed'
                        ORDER BY s.completed_at DESC LIMIT 1) FROM person p
                """
            // Item values straight from the stored JSON (SQLite's json_extract), without decoding
            // every answer: only numeric answers can be score items.
            var answers: [Int64: [String: Double]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT session_id, question_id, json_extract(value, '$.value') FROM answer
                WHERE session_id IN (\(latest)) AND json_type(value, '$.value') IN ('integer', 'real')
                """, arguments: [survey.id]) {
                answers[row[0], default: [:]][row[1]] = row[2]
            }
            var scores: [String: [Int64: Double]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT session_id, score_id, value FROM score WHERE value IS NOT NULL AND session_id IN (\(latest))
                """, arguments: [survey.id]) {
                scores[row[1], default: [:]][row[0]] = row[2]
            }
            var result: [String: ScoreReliability] = [:]
            for definition in survey.scores {
                guard let values = scores[definition.id], values.count >= ChangeRule.minimumRespondents else { continue }
                let itemRows: [[Double]] = values.keys.compactMap { session in
                    let byQuestion = answers[session] ?? [:]
                    let row = definition.items.compactMap { id -> Double? in
                        guard let question = survey.question(id: id), let value = byQuestion[id] else { return nil }
                        guard definition.reverse.contains(id), let range = question.numericRange else { return value }
                        return range.lowerBound + range.upperBound - value
                    }
                    return row.count == definition.items.count ? row : nil
                }
                guard let alpha = CronbachAlpha.compute(items: itemRows),
                      let sd = TrendStatistics.standardDeviation(Array(values.values)) else { continue }
                result[definition.id] = ScoreReliability(alpha: alpha, standardDeviation: sd, respondents: values.count)
            }
            return result
        }
    }
}
