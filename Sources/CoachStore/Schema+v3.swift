import Foundation
import GRDB

extension Schema {
    /// v3: `org_setting`, the organisation's settings (the minimum group, the support message),
    /// kept in the store so that they belong to the organisation, not to each person's config.
    static func v3(_ db: Database) throws {
        try db.create(table: "org_setting") { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
            t.column("updated_at", .datetime).notNull()
            t.column("updated_by_id", .integer).references("person", onDelete: .setNull)
        }
    }
}
