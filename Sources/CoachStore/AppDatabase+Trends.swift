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

    public init(surveyID: String, scoreID: String, points: [GroupPoint]) {
        self.surveyID = surveyID
        self.scoreID = scoreID
        self.points = points
    }
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
    ///
    /// The minimum group is the organisation's (`org set min-group`, default 5, never below 3);
    /// `viewerMinGroup`, from the viewer's own config, can only raise it for their own view.
    ///
    /// Reads the weekly aggregates the store keeps (`WeeklyScores`), never the sessions in the
    /// window. `TeamAggregate.shownTeams` decides each week: for `all` over every team, for one
    /// team over its own counts, which is all its decision depends on (so asking for `all` or for
    /// one team never changes what the other shows).
    public func teamTrends(viewer viewerName: String, team: String, now: Date, weeks: Int, viewerMinGroup: Int,
                           calendar: Calendar, score: String? = nil) throws -> [TeamSeries] {
        let window = WeeklyBuckets.window(now: now, weeks: weeks, calendar: calendar)
        guard !window.isEmpty, let lastEnded = TeamWeeks.lastEnded(now: now, calendar: calendar) else { return [] }
        // Only weeks that have ended everywhere, as frozen when first read (`TeamWeeks`). A
        // read-only store (a checked copy) cannot freeze, and reads the rest as they stand.
        // Only when a week is due: a read-only lookup first, so a routine read takes no write lock.
        if try read({ db in try TeamWeeks.newestFrozen(db) ?? "" }) < lastEnded.description {
            try? write { db in try TeamWeeks.freeze(through: lastEnded, db) }
        }
        let weekKeys = window.map(\.week).filter { $0 <= lastEnded }.map(\.description)
        let (counts, known, teamID, wholeKinds, minGroup) = try read { db -> ([Row], [Row], Int64?, Set<String>, Int) in
            let viewer = try Self.existingPerson(viewerName, db)
            guard viewer.role != .rep else {
                throw StoreError.notAllowed("team trends are for managers and HR; 'trends' shows your own")
            }
            var teamID: Int64?
            if team.lowercased() != Self.allTeams {
                let teams = try Row.fetchAll(db, sql: "SELECT id, name FROM team")
                guard let found = teams.first(where: { ($0[1] as String).caseInsensitiveCompare(NameKey.normalized(team)) == .orderedSame }) else {
                    throw StoreError.unknownTeam(team, suggestion: suggestion(for: team, among: teams.map { $0[1] }))
                }
                teamID = found[0]
            }
            // A team's decision needs only its own rows; `all` needs every team's.
            let onlyTeam: SQL = teamID.map { " AND team_id = \($0)" } ?? ""
            let candidates = try Self.scoreCandidates(score, db)
            let frozenThrough = try TeamWeeks.newestFrozen(db) ?? ""
            let frozenKeys = weekKeys.filter { $0 <= frozenThrough }, liveKeys = weekKeys.filter { $0 > frozenThrough }
            var counts: [Row] = []
            for wanted in candidates {
                // week, survey_id and score_id lead the primary key: each candidate is a few seeks.
                let only: SQL = wanted.scoreID.map { " AND score_id = \($0)" } ?? ""
                for (table, keys) in [("team_week_frozen", frozenKeys), ("team_week_score", liveKeys)] where !keys.isEmpty {
                    counts += try SQLRequest<Row>("""
                        SELECT week, survey_id, score_id, team_id, kind, respondents, total FROM \(sql: table)
                        WHERE week IN \(keys) AND survey_id = \(wanted.surveyID)\(only)\(onlyTeam)
                        """).fetchAll(db)
                }
            }
            // Values the viewer sees one by one: their own and their reps' (the privacy rules
            // decide which), and for HR everyone's of the kinds HR reads (see `series`). Reading
            // only those people's rows misses nothing: a session's author differs from its subject
            // only in one-on-ones (never aggregated) and in quizzes run by the rep's manager or HR.
            // A back-filled session never counts as known: one back-filled into a frozen week is
            // not among its respondents, and must not make the rest of them look known.
            let known = try SQLRequest<Row>("""
                SELECT w.week, w.survey_id, w.score_id, w.team_id, COUNT(*) FROM week_score w
                JOIN session s ON s.id = w.session_id JOIN person p ON p.id = w.subject_id
                WHERE w.subject_id IN (SELECT id FROM person WHERE id = \(viewer.id) OR manager_id = \(viewer.id))
                  AND w.week IN \(weekKeys) AND \(Privacy.scoresVisible(to: viewer)) AND s.backfilled_at IS NULL
                  \(score == nil ? "" : Self.matching(candidates))
                GROUP BY 1, 2, 3, 4
                """).fetchAll(db)
            let minGroup = try Self.orgSettings(db).effectiveMinGroup(requested: viewerMinGroup)
            return (counts, known, teamID, Privacy.kindsSeenWhole(by: viewer), minGroup)
        }
        return Self.series(counts: counts, known: known, wholeKinds: wholeKinds, window: window, teamID: teamID, minGroup: minGroup)
    }

    /// The (survey, score) pairs `trends --score` can mean, over the surveys the store has
    /// recorded: a survey id (all its scores), `survey.score`, or a score id in any survey.
    private static func scoreCandidates(_ score: String?, _ db: Database) throws -> [(surveyID: String, scoreID: String?)] {
        scoreCandidates(score, among: try String.fetchAll(db, sql: "SELECT DISTINCT survey_id FROM survey_version ORDER BY survey_id"))
    }

    /// `scoreCandidates` over the survey ids `surveys` (every engine's rule for `--score`).
    public static func scoreCandidates(_ score: String?, among surveys: [String]) -> [(surveyID: String, scoreID: String?)] {
        guard let score else { return surveys.map { ($0, nil) } }
        return surveys.map { survey in
            if score == survey { return (survey, nil) }
            if score.hasPrefix(survey + "."), score.count > survey.count + 1 { return (survey, String(score.dropFirst(survey.count + 1))) }
            return (survey, score)
        }
    }

    /// `AND` a condition on `week_score w` holding the rows of any of `candidates`.
    private static func matching(_ candidates: [(surveyID: String, scoreID: String?)]) -> SQL {
        let each: [SQL] = candidates.map { wanted in
            wanted.scoreID.map { "(w.survey_id = \(wanted.surveyID) AND w.score_id = \($0))" } ?? "w.survey_id = \(wanted.surveyID)"
        }
        return each.isEmpty ? " AND 0" : " AND (" + each.joined(separator: " OR ") + ")"
    }

    /// Applies the privacy rules week by week to the aggregate rows (week, survey, score, team,
    /// kind, respondents, total) and the known counts (week, survey, score, team, count); in a
    /// row of a kind in `wholeKinds` the viewer knows every respondent.
    private static func series(counts: [Row], known: [Row], wholeKinds: Set<String>, window: [WeekBucket],
                               teamID: Int64?, minGroup: Int) -> [TeamSeries] {
        struct Cell: Hashable { var week: String; var survey: String; var score: String }
        var teams: [Cell: [Int64: (respondents: Int, total: Double)]] = [:]
        var knownCounts: [Cell: [Int64: Int]] = [:]
        for row in known {
            knownCounts[Cell(week: row[0], survey: row[1], score: row[2]), default: [:]][row[3]] = row[4]
        }
        for row in counts {
            let cell = Cell(week: row[0], survey: row[1], score: row[2])
            let respondents: Int = row[5]
            teams[cell, default: [:]][row[3]] = (respondents, row[6])
            if wholeKinds.contains(row[4]) { knownCounts[cell, default: [:]][row[3]] = respondents }
        }
        var points: [String: [GroupPoint]] = [:]  // "survey score" → shown weeks
        for bucket in window {
            let week = bucket.week.description
            for (cell, byTeam) in teams where cell.week == week {
                let seen = knownCounts[cell] ?? [:]
                var groups: [String: GroupCount] = [:]
                var all = GroupCount(respondents: 0)
                for (id, aggregate) in byTeam {
                    let count = GroupCount(respondents: aggregate.respondents, known: min(seen[id] ?? 0, aggregate.respondents))
                    all.respondents += count.respondents
                    all.known += count.known
                    if id != 0 { groups[String(id)] = count }  // 0: people in no team, only in `all`
                }
                let shown = TeamAggregate.shownTeams(groups, all: all, minGroup: minGroup)
                let key = "\(cell.survey) \(cell.score)"
                if let teamID {
                    guard shown.teams.contains(String(teamID)), let aggregate = byTeam[teamID] else { continue }
                    points[key, default: []].append(GroupPoint(week: bucket.week, date: bucket.start,
                                                               mean: aggregate.total / Double(aggregate.respondents),
                                                               n: aggregate.respondents))
                } else if shown.all {
                    // In team order, so the same rows always give the same last digit (on either engine).
                    let total = byTeam.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value.total }
                    points[key, default: []].append(GroupPoint(week: bucket.week, date: bucket.start,
                                                               mean: total / Double(all.respondents), n: all.respondents))
                }
            }
        }
        return points.sorted { $0.key < $1.key }.map { key, points in
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            return TeamSeries(surveyID: parts[0], scoreID: parts.count > 1 ? parts[1] : "", points: points)
        }
    }

    /// Cronbach's α of each score's items and the SD of its values, over each respondent's
    /// latest completed session of `survey`, by score id; only aggregates leave the store. α uses
    /// the respondents who answered every item of the score, and `respondents` counts exactly
    /// those; a score with fewer than 30 of them, or whose α is undefined, is absent.
    /// Cached for a day (`score_reliability`): a population's alpha barely moves in that time.
    public func reliabilities(of survey: Survey, now: Date = Date()) throws -> [String: ScoreReliability] {
        if let cached = try cachedReliabilities(hash: survey.contentHash, now: now) { return cached }
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

    /// `reliabilities(of:now:)` of the survey version recorded under `hash`, which is parsed only
    /// when the cache has nothing fresh; empty for an unknown or unreadable version.
    public func reliabilities(ofVersion hash: String, now: Date = Date()) throws -> [String: ScoreReliability] {
        if let cached = try cachedReliabilities(hash: hash, now: now) { return cached }
        guard let survey = try recordedSurvey(hash: hash) else { return [:] }
        return try reliabilities(of: survey, now: now)
    }

    /// The cached figures of a version computed within the last day, or nil.
    private func cachedReliabilities(hash: String, now: Date) throws -> [String: ScoreReliability]? {
        let fresh = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT score_id, alpha, sd, respondents FROM score_reliability WHERE survey_hash = ? AND computed_at > ?
                """, arguments: [hash, now.addingTimeInterval(-Self.reliabilityLifetime)])
        }
        guard !fresh.isEmpty else { return nil }
        var cached: [String: ScoreReliability] = [:]
        for row in fresh {
            guard let alpha: Double = row[1], let sd: Double = row[2] else { continue }
            cached[row[0]] = ScoreReliability(alpha: alpha, standardDeviation: sd, respondents: row[3])
        }
        return cached
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
                // One row per person (their latest session): the complete item sets α is computed on.
                let itemRows: [[Double]] = values.keys.compactMap { session in
                    let byQuestion = answers[session] ?? [:]
                    let row = definition.items.compactMap { id -> Double? in
                        guard let question = survey.question(id: id), let value = byQuestion[id] else { return nil }
                        guard definition.reverse.contains(id), let range = question.numericRange else { return value }
                        return range.lowerBound + range.upperBound - value
                    }
                    return row.count == definition.items.count ? row : nil
                }
                guard itemRows.count >= ChangeRule.minimumRespondents,
                      let alpha = CronbachAlpha.compute(items: itemRows),
                      let sd = TrendStatistics.standardDeviation(Array(values.values)) else { continue }
                result[definition.id] = ScoreReliability(alpha: alpha, standardDeviation: sd, respondents: itemRows.count)
            }
            return result
        }
    }
}
