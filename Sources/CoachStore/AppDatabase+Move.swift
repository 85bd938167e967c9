import Foundation
import GRDB

/// Reading a local store out, table by table, to move it into an organisation store
/// (`org import`): rows as text, a page at a time, so a large store never sits in memory whole.
extension AppDatabase {
    /// One page of `table`'s rows: `columns` (SQL expressions over the table) of the rows whose
    /// rowid is above `rowID`, in rowid order, as text (nil for NULL; dates as stored, in UTC).
    /// Returns the rows and the last rowid read, or nil when there are no more.
    public func textRows(of table: String, columns: [String], after rowID: Int64, limit: Int) throws
        -> (rows: [[String?]], lastRowID: Int64)? {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, \(columns.joined(separator: ", ")) FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?
                """, arguments: [rowID, limit])
            guard let last = rows.last else { return nil }
            let texts = rows.map { row in
                (1..<row.count).map { index -> String? in
                    let value: DatabaseValue = row[index]
                    switch value.storage {
                    case .null: return nil
                    case let .int64(number): return String(number)
                    case let .double(number): return "\(number)"
                    case let .string(text): return text
                    case let .blob(data): return String(decoding: data, as: UTF8.self)
                    }
                }
            }
            return (texts, last[0])
        }
    }

    /// The names and look-alike keys of the store's people and teams.
    public func names() throws -> (people: [(name: String, key: String)], teams: [(name: String, key: String)], emails: [String]) {
        try read { db in
            let people = try Row.fetchAll(db, sql: "SELECT name, name_key FROM person ORDER BY id").map { (name: $0[0] as String, key: $0[1] as String) }
            let teams = try Row.fetchAll(db, sql: "SELECT name, name_key FROM team ORDER BY id").map { (name: $0[0] as String, key: $0[1] as String) }
            let emails = try String.fetchAll(db, sql: "SELECT email FROM person WHERE email IS NOT NULL ORDER BY id")
            return (people, teams, emails)
        }
    }
}
