import Foundation
import GRDB

extension Schema {
    /// v6: sessions that cannot race.
    ///
    /// - `session.claimed_by`: the coach process that has the session open (`SessionClaim`);
    ///   answers are stored only by the claimant, and a second `resume` is refused.
    /// - `session.attempt_limit`: a quiz attempt's allowed number of attempts, from the quiz as
    ///   it started; the store refuses to start or complete an attempt beyond it.
    /// - `session_one_per_period`: at most one live check-in or self-assessment per person,
    ///   survey and period, and one amendment of each: two check-ins started at once can no
    ///   longer both complete for the same week. Duplicates an older store already holds are
    ///   chained first, each later one amending the one before (as `checkin SURVEY` does).
    static func v6(_ db: Database) throws {
        try db.alter(table: "session") { t in
            t.add(column: "claimed_by", .text)
            t.add(column: "attempt_limit", .integer)
        }
        try chainDuplicatePeriods(db)
        try db.execute(sql: """
            CREATE UNIQUE INDEX session_one_per_period
            ON session (subject_id, survey_id, period_key, IFNULL(supersedes_id, 0))
            WHERE \(onePerPeriodCondition)
            """)
    }

    /// The sessions `session_one_per_period` covers.
    static let onePerPeriodCondition =
        "period_key IS NOT NULL AND kind IN ('check-in', 'self-assessment') AND state <> 'abandoned'"

    /// Makes each later session of a duplicate group amend the one before it, until no two
    /// live sessions share a person, survey, period and amended session; the weekly aggregates
    /// of the people concerned are rebuilt, as the earlier sessions no longer count.
    static func chainDuplicatePeriods(_ db: Database) throws {
        var subjects: Set<Int64> = []
        while true {
            let groups = try Row.fetchAll(db, sql: """
                SELECT group_concat(id), subject_id FROM (
                  SELECT id, subject_id, survey_id, period_key, IFNULL(supersedes_id, 0) AS amends FROM session
                  WHERE \(onePerPeriodCondition) ORDER BY id)
                GROUP BY subject_id, survey_id, period_key, amends HAVING count(*) > 1
                """)
            guard !groups.isEmpty else { break }
            for group in groups {
                subjects.insert(group[1])
                let ids = (group[0] as String).split(separator: ",").compactMap { Int64($0) }.sorted()
                for (earlier, later) in zip(ids, ids.dropFirst()) {
                    try db.execute(sql: "UPDATE session SET supersedes_id = ? WHERE id = ?", arguments: [earlier, later])
                }
            }
        }
        if !subjects.isEmpty { try WeeklyScores.rebuild(db, calendar: .current, subjects: subjects) }
    }
}
