import GRDB

/// The store's schema, as an ordered list of migrations.
///
/// Migrations are NEVER edited once landed: a change is a new migration appended below
/// ("v2", ...). Stores in the field have run the old ones already, and `AppDatabase.open`
/// refuses stores that list a migration this build does not know (a newer coach wrote them).
///
/// Conventions: snake_case columns, `INTEGER PRIMARY KEY` ids, timestamps as GRDB dates
/// (UTC text `YYYY-MM-DD HH:MM:SS.SSS`), calendar dates as `YYYY-MM-DD` text, periods as `YYYY-MM`.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("v3", migrate: v3)
        migrator.registerMigration("v4", migrate: v4)
        migrator.registerMigration("v5", migrate: v5)
        migrator.registerMigration("v6", migrate: v6)
        migrator.registerMigration("v7", migrate: v7)
        migrator.registerMigration("v8", migrate: v8)
        migrator.registerMigration("v9", migrate: v9)
        migrator.registerMigration("v10", migrate: v10)
        migrator.registerMigration("v11", migrate: v11)
        migrator.registerMigration("v12", migrate: v12)
        return migrator
    }

    /// Identifiers of every migration this build knows, in order.
    static var knownMigrations: [String] { migrator.migrations }

    /// v1: the schema for the whole product.
    private static func v1(_ db: Database) throws {
        try db.create(table: "team") { t in
            t.primaryKey("id", .integer)
            t.column("name", .text).notNull().unique().collate(.nocase)
            // person is created below: name the column, as GRDB can't look up its primary key yet.
            t.column("manager_id", .integer).references("person", column: "id", onDelete: .setNull)
        }
        try db.create(table: "person") { t in
            t.primaryKey("id", .integer)
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("role", .text).notNull().check(sql: "role IN ('rep','manager','hr')")
            t.column("team_id", .integer).references("team", onDelete: .setNull)
            t.column("manager_id", .integer).references("person", onDelete: .setNull)
            t.column("share_wellbeing", .boolean)  // NULL: never asked
            t.column("created_at", .datetime).notNull()
        }
        try db.create(index: "person_on_team_id", on: "person", columns: ["team_id"])
        try db.create(index: "person_on_manager_id", on: "person", columns: ["manager_id"])
        try db.create(index: "team_on_manager_id", on: "team", columns: ["manager_id"])

        try db.create(table: "goal") { t in
            t.primaryKey("id", .integer)
            t.column("person_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("kpi", .text).notNull()
            t.column("period", .text).notNull()
            t.column("target", .double).notNull()
            t.column("set_by_id", .integer).notNull().references("person")
            t.column("set_at", .datetime).notNull()
            t.uniqueKey(["person_id", "kpi", "period"])
        }

        try db.create(table: "survey_version") { t in
            t.primaryKey("hash", .text)
            t.column("survey_id", .text).notNull()
            t.column("content", .text).notNull()
            t.column("first_seen_at", .datetime).notNull()
        }

        try db.create(table: "session") { t in
            t.primaryKey("id", .integer)
            t.column("survey_id", .text).notNull()
            t.column("survey_hash", .text).notNull().references("survey_version")
            t.column("kind", .text).notNull()
            t.column("subject_id", .integer).notNull().references("person")
            t.column("author_id", .integer).notNull().references("person")
            t.column("started_at", .datetime).notNull()
            t.column("updated_at", .datetime).notNull()
            t.column("completed_at", .datetime)
            t.column("state", .text).notNull()
                .check(sql: "state IN ('in_progress','paused','completed','abandoned')")
            t.column("phase", .text).check(sql: "phase IS NULL OR phase IN ('pre','post')")
            t.column("supersedes_id", .integer).references("session", onDelete: .setNull)
            t.column("quiz_layout", .text)  // JSON: question and choice order shown
            t.column("period_key", .text)  // '2026-W48', '2026-11': for cadence
        }
        try db.create(index: "session_on_subject_survey_completed", on: "session",
                      columns: ["subject_id", "survey_id", "completed_at"])
        try db.create(index: "session_on_author_state", on: "session", columns: ["author_id", "state"])
        try db.create(index: "session_on_survey_completed", on: "session",
                      columns: ["survey_id", "completed_at"])
        try db.create(index: "session_on_supersedes_id", on: "session", columns: ["supersedes_id"])
        try db.create(index: "session_on_completed", on: "session", columns: ["completed_at"])  // trend windows

        try db.create(table: "kpi_actual") { t in
            t.primaryKey("id", .integer)
            t.column("person_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("kpi", .text).notNull()
            t.column("period", .text).notNull()
            t.column("actual", .double).notNull()
            t.column("session_id", .integer).references("session", onDelete: .setNull)
            t.column("recorded_at", .datetime).notNull()
            t.uniqueKey(["person_id", "kpi", "period", "session_id"])
        }
        try db.create(index: "kpi_actual_on_session_id", on: "kpi_actual", columns: ["session_id"])

        try db.create(table: "answer") { t in
            t.primaryKey("id", .integer)
            t.column("session_id", .integer).notNull().references("session", onDelete: .cascade)
            t.column("question_id", .text).notNull()
            t.column("value", .text).notNull()  // JSON
            t.column("is_private", .boolean).notNull().defaults(to: false)
            t.column("position", .integer).notNull()  // order asked
            t.column("answered_at", .datetime).notNull()
            t.uniqueKey(["session_id", "question_id"])
        }

        try db.create(table: "score") { t in
            t.column("session_id", .integer).notNull().references("session", onDelete: .cascade)
            t.column("score_id", .text).notNull()
            t.column("value", .double)
            t.column("band", .text)
            t.column("alert", .boolean).notNull().defaults(to: false)
            t.primaryKey(["session_id", "score_id"])
        }

        try db.create(table: "question_mark") { t in
            t.column("session_id", .integer).notNull().references("session", onDelete: .cascade)
            t.column("question_id", .text).notNull()
            t.column("mark", .double).notNull()
            t.column("max_mark", .double).notNull()
            t.primaryKey(["session_id", "question_id"])
        }

        try db.create(table: "action_item") { t in
            t.primaryKey("id", .integer)
            t.column("subject_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("owner_id", .integer).notNull().references("person")
            t.column("text", .text).notNull()
            t.column("due", .text)  // YYYY-MM-DD
            t.column("status", .text).notNull().defaults(to: "open")
                .check(sql: "status IN ('open','done','dropped')")
            t.column("created_at", .datetime).notNull()
            t.column("created_session_id", .integer).references("session", onDelete: .setNull)
            t.column("closed_at", .datetime)
            t.column("closed_session_id", .integer).references("session", onDelete: .setNull)
            t.column("carried_count", .integer).notNull().defaults(to: 0)
        }
        try db.create(index: "action_item_on_subject_status", on: "action_item",
                      columns: ["subject_id", "status"])
        try db.create(index: "action_item_on_owner_status", on: "action_item",
                      columns: ["owner_id", "status"])
        try db.create(index: "action_item_on_created_session_id", on: "action_item",
                      columns: ["created_session_id"])
        try db.create(index: "action_item_on_closed_session_id", on: "action_item",
                      columns: ["closed_session_id"])

        try db.create(table: "agenda_item") { t in
            t.primaryKey("id", .integer)
            t.column("person_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("text", .text).notNull()
            t.column("source", .text).notNull().defaults(to: "manual")
                .check(sql: "source IN ('manual','checkin','training')")
            t.column("source_session_id", .integer).references("session", onDelete: .setNull)
            t.column("created_at", .datetime).notNull()
            t.column("not_before", .text)  // YYYY-MM-DD: a follow-up that appears later
            t.column("status", .text).notNull().defaults(to: "open")
                .check(sql: "status IN ('open','discussed')")
            t.column("discussed_session_id", .integer).references("session", onDelete: .setNull)
            t.column("note", .text)
            t.column("carried_count", .integer).notNull().defaults(to: 0)
        }
        try db.create(index: "agenda_item_on_person_status", on: "agenda_item",
                      columns: ["person_id", "status"])
        try db.create(index: "agenda_item_on_source_session_id", on: "agenda_item",
                      columns: ["source_session_id"])
        try db.create(index: "agenda_item_on_discussed_session_id", on: "agenda_item",
                      columns: ["discussed_session_id"])

        // Cronbach's alpha and SD of a score over everyone's latest session: a population
        // figure that moves slowly, cached so trends need not recompute it on every call.
        try db.create(table: "score_reliability") { t in
            t.column("survey_hash", .text).notNull()
            t.column("score_id", .text).notNull()
            t.column("alpha", .double)
            t.column("sd", .double)
            t.column("respondents", .integer).notNull()
            t.column("computed_at", .datetime).notNull()
            t.primaryKey(["survey_hash", "score_id"])
        }
    }
}
