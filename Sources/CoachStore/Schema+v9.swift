import GRDB

extension Schema {
    /// v9: an agenda topic can be removed (`agenda remove`). Its row stays, with the status
    /// `removed`, so the history of what was raised is kept and the topic leaves the next
    /// one-on-one. SQLite cannot change a CHECK constraint in place, so the table is rebuilt
    /// with the same columns, ids and indexes (the migration checks foreign keys afterwards).
    static func v9(_ db: Database) throws {
        try db.create(table: "agenda_item_v9") { t in
            t.primaryKey("id", .integer)
            t.column("person_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("text", .text).notNull()
            t.column("source", .text).notNull().defaults(to: "manual")
                .check(sql: "source IN ('manual','checkin','training')")
            t.column("source_session_id", .integer).references("session", onDelete: .setNull)
            t.column("created_at", .datetime).notNull()
            t.column("not_before", .text)  // YYYY-MM-DD: a follow-up that appears later
            t.column("status", .text).notNull().defaults(to: "open")
                .check(sql: "status IN ('open','discussed','removed')")
            t.column("discussed_session_id", .integer).references("session", onDelete: .setNull)
            t.column("note", .text)
            t.column("carried_count", .integer).notNull().defaults(to: 0)
        }
        try db.execute(sql: """
            INSERT INTO agenda_item_v9 (id, person_id, text, source, source_session_id, created_at, not_before, status,
                                        discussed_session_id, note, carried_count)
            SELECT id, person_id, text, source, source_session_id, created_at, not_before, status,
                   discussed_session_id, note, carried_count FROM agenda_item
            """)
        try db.drop(table: "agenda_item")
        try db.rename(table: "agenda_item_v9", to: "agenda_item")
        try db.create(index: "agenda_item_on_person_status", on: "agenda_item", columns: ["person_id", "status"])
        try db.create(index: "agenda_item_on_source_session_id", on: "agenda_item", columns: ["source_session_id"])
        try db.create(index: "agenda_item_on_discussed_session_id", on: "agenda_item", columns: ["discussed_session_id"])
    }
}
