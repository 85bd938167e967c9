import GRDB

extension Schema {
    /// v11: recognition (`thanks`, `recognition`): who thanked whom, when, for which of the
    /// organisation's values (`org set values`, kept in `org_setting`), and in what words. A
    /// person never thanks themselves. Rows are never changed; they go only with a person.
    static func v11(_ db: Database) throws {
        try db.create(table: "recognition") { t in
            t.primaryKey("id", .integer)
            t.column("giver_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("receiver_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("given_at", .datetime).notNull()
            t.column("text", .text).notNull()
            t.column("value", .text)
            t.check(sql: "giver_id <> receiver_id")
        }
        try db.create(index: "recognition_on_receiver_given", on: "recognition", columns: ["receiver_id", "given_at"])
        try db.create(index: "recognition_on_giver_id", on: "recognition", columns: ["giver_id"])
        try db.create(index: "recognition_on_given_at", on: "recognition", columns: ["given_at"])
    }
}
