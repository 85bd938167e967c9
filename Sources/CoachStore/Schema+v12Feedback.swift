import GRDB

extension Schema {
    /// v12, part two: customer feedback heard in one-on-ones, self-assessments and retros
    /// (`feedback`). Who may read a row is who may read its source: the rep it came from and
    /// their manager for a session; the team and its manager for a retro. A row from a retro
    /// item keeps no person (the item may be anonymous) and only the day it was heard.
    static func v12Feedback(_ db: Database) throws {
        try db.create(table: "customer_feedback") { t in
            t.primaryKey("id", .integer)
            t.column("source", .text).notNull().check(sql: "source IN ('one-on-one','self-assessment','retro')")
            t.column("session_id", .integer).references("session", onDelete: .cascade)
            t.column("retro_item_id", .integer).references("retro_item", onDelete: .cascade)
            t.column("person_id", .integer).references("person", onDelete: .cascade)  // NULL for a retro
            t.column("team_id", .integer).references("team", onDelete: .cascade)  // a retro's team
            t.column("kind", .text).notNull().check(sql: "kind IN ('complaint','other')")
            t.column("text", .text).notNull()
            t.column("heard_on", .text).notNull()  // YYYY-MM-DD
            t.column("status", .text).notNull().defaults(to: "open").check(sql: "status IN ('open','acted','closed')")
            t.column("action_item_id", .integer).references("action_item", onDelete: .setNull)
            t.column("closed_at", .datetime)
        }
        try db.create(index: "customer_feedback_on_person", on: "customer_feedback", columns: ["person_id", "heard_on"])
        try db.create(index: "customer_feedback_on_team", on: "customer_feedback", columns: ["team_id", "heard_on"])
        try db.create(index: "customer_feedback_on_session", on: "customer_feedback", columns: ["session_id"])
    }
}
