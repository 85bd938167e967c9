import GRDB

extension Schema {
    /// v10, part: people gain an optional e-mail (`person add --email`, `person edit --email`),
    /// unique regardless of case. Addresses are ASCII (`EmailRules`), so SQLite's `lower` folds
    /// every letter they can hold.
    static func v10People(_ db: Database) throws {
        try db.alter(table: "person") { t in
            t.add(column: "email", .text)
        }
        try db.execute(sql: "CREATE UNIQUE INDEX person_on_lower_email ON person (lower(email)) WHERE email IS NOT NULL")
    }
}
