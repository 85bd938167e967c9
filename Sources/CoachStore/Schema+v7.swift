import Foundation
import GRDB

extension Schema {
    /// v7: team numbers that cannot be differenced over time.
    ///
    /// - `team_week_frozen`: each ended week's team rows (`team_week_score`), copied once when
    ///   the week has ended everywhere (`TeamWeeks`). Team trends read only these, so a later
    ///   amendment, a late check-in or a move between teams never changes a week already shown.
    /// - `person.share_since`: when the rep turned sharing on. A manager sees the wellbeing a rep
    ///   shares from that moment on, not their past. Reps sharing before v7 share from now.
    static func v7(_ db: Database) throws {
        try db.create(table: "team_week_frozen", options: .withoutRowID) { t in
            t.column("week", .text).notNull()
            t.column("survey_id", .text).notNull()
            t.column("score_id", .text).notNull()
            t.column("team_id", .integer).notNull()
            t.column("kind", .text).notNull()
            t.column("respondents", .integer).notNull()
            t.column("total", .double).notNull()
            t.primaryKey(["week", "survey_id", "score_id", "team_id"])
        }
        try db.alter(table: "person") { t in t.add(column: "share_since", .datetime) }
        try db.execute(sql: "UPDATE person SET share_since = ? WHERE share_wellbeing = 1", arguments: [Date()])
    }
}
