import CoachCore
import Foundation
import GRDB

extension Schema {
    /// v5: `name_key` on `person` and `team`, the confusable skeleton of the name (`NameKey`),
    /// unique, so that `Ana` and `Аna` (Cyrillic А) cannot both be people. Existing names are
    /// put in NFC where that clashes with no other name; a name that reads the same as an
    /// earlier one keeps a NULL key (the unique index allows it) so that an old store still
    /// opens, and `check` lists such pairs.
    static func v5(_ db: Database) throws {
        for table in ["person", "team"] {
            try db.alter(table: table) { t in t.add(column: "name_key", .text) }
            let rows = try Row.fetchAll(db, sql: "SELECT id, name FROM \(table) ORDER BY id")
            var claimed: Set<String> = []
            for row in rows {
                let id: Int64 = row["id"]
                var name: String = row["name"]
                let normalized = NameKey.normalized(name)
                if normalized != name,
                   try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE name = ? COLLATE NOCASE", arguments: [normalized]) == 0 {
                    try db.execute(sql: "UPDATE \(table) SET name = ? WHERE id = ?", arguments: [normalized, id])
                    name = normalized
                }
                let key = NameKey.key(for: name)
                guard claimed.insert(key).inserted else { continue }
                try db.execute(sql: "UPDATE \(table) SET name_key = ? WHERE id = ?", arguments: [key, id])
            }
            try db.create(index: "\(table)_on_name_key", on: table, columns: ["name_key"], options: .unique)
        }
    }
}
