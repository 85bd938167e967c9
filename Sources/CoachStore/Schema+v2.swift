import Foundation
import GRDB

extension Schema {
    /// v2: what `trends` reads instead of rescanning history.
    ///
    /// - `survey_scoring`: each recorded survey version's kind and score definitions (JSON of
    ///   `SurveyScoring`), filled on first read, so trends never parse survey files.
    /// - `week_score`: each respondent's latest value of each score in each ISO week (the
    ///   `week` text `2026-W48`, in the time zone of the process that completed the session),
    ///   over completed sessions that no completed session supersedes, one-on-ones left out.
    /// - `team_week_score`: the count and sum of `week_score` per team (0: in no team), score
    ///   and week; a team view reads a few hundred of these rows.
    ///
    /// Both week tables are kept by the store in the transaction that completes a session
    /// (`WeeklyScores`), and built here from the sessions an older store already holds.
    static func v2(_ db: Database) throws {
        try db.create(table: "survey_scoring") { t in
            t.primaryKey("hash", .text).references("survey_version", onDelete: .cascade)
            t.column("scoring", .text).notNull()  // JSON: SurveyScoring
        }
        try db.create(table: "week_score", options: .withoutRowID) { t in
            t.column("subject_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("week", .text).notNull()
            t.column("survey_id", .text).notNull()
            t.column("score_id", .text).notNull()
            t.column("team_id", .integer).notNull()  // the subject's team, 0 for none
            t.column("kind", .text).notNull()  // the session's kind, for the privacy rules
            t.column("session_id", .integer).notNull().references("session", onDelete: .cascade)
            t.column("value", .double).notNull()
            t.primaryKey(["subject_id", "week", "survey_id", "score_id"])
        }
        // No index by team: a team's rows are its members' (person_on_team_id, then this key),
        // and a million-row import would pay for one on every insert.
        // No index on session_id: sessions are never deleted, and every insert would pay for it.
        try db.create(table: "team_week_score", options: .withoutRowID) { t in
            t.column("week", .text).notNull()
            t.column("survey_id", .text).notNull()
            t.column("score_id", .text).notNull()
            t.column("team_id", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("respondents", .integer).notNull()
            t.column("total", .double).notNull()
            t.primaryKey(["week", "survey_id", "score_id", "team_id"])
        }
        try db.create(index: "team_week_score_on_team", on: "team_week_score", columns: ["team_id"])
        // A big store writes tens of MiB here: a 64 MiB page cache keeps it from spilling.
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -65536")
        try WeeklyScores.rebuild(db, calendar: .current)
        try db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
    }
}
