import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

// How `BulkImporter` writes rows: cached statements bound and stepped through the SQLite C API,
// and dates rendered without a DateFormatter.
extension BulkImporter {
    /// `INSERT INTO table (columns) VALUES (?, ...), (?, ...)` for `rows` rows of `width` values.
    func insert(table: String, columns: String, width: Int, rows: Int, id: DatabaseValue,
                values: [DatabaseValue]) throws {
        let key = "insert \(table) \(rows)"
        try run({
            let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            return "INSERT INTO \(table) (\(columns)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
        }(), values, key: key, rowPrefix: id, width: width)
    }

    /// Runs a cached statement, bound and stepped through the SQLite C API: GRDB's argument
    /// conversion and binding cost more than SQLite's own insert at millions of values. The
    /// statement is GRDB's cached one, left reset as GRDB expects.
    /// With `rowPrefix`, `values` holds `width - 1` values per row and each row starts with it.
    func run(_ sql: @autoclosure () -> String, _ values: [DatabaseValue], key: String? = nil,
             rowPrefix: DatabaseValue? = nil, width: Int = 0, file: StaticString = #fileID, line: UInt = #line) throws {
        let key = key ?? "\(file):\(line)"
        let statement: SQLiteStatement
        if let known = statements[key] {
            statement = known
        } else {
            statement = try db.cachedStatement(sql: sql()).sqliteStatement
            statements[key] = statement
        }
        defer { sqlite3_reset(statement) }
        func bind(_ value: DatabaseValue, _ index: CInt) throws {
            let code: CInt
            switch value.storage {
            case .null: code = sqlite3_bind_null(statement, index)
            case .int64(let v): code = sqlite3_bind_int64(statement, index, v)
            case .double(let v): code = sqlite3_bind_double(statement, index, v)
            case .string(let v): code = sqlite3_bind_text(statement, index, v, -1, Self.transient)
            case .blob(let v): code = v.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, CInt($0.count), Self.transient) }
            }
            if code != SQLITE_OK { throw failure(code) }
        }
        if let rowPrefix {
            var index: CInt = 1
            for (offset, value) in values.enumerated() {
                if offset % (width - 1) == 0 { try bind(rowPrefix, index); index += 1 }
                try bind(value, index)
                index += 1
            }
        } else {
            for (offset, value) in values.enumerated() { try bind(value, CInt(offset + 1)) }
        }
        let code = sqlite3_step(statement)
        if code != SQLITE_DONE { throw failure(code) }
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
    }

    /// A date as GRDB stores it (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), without a DateFormatter for
    /// whole-second dates (the demo's millions of timestamps); other dates go through GRDB.
    static func storedDate(_ date: Date) -> DatabaseValue {
        let seconds = date.timeIntervalSince1970
        guard seconds == seconds.rounded(), abs(seconds) < 1e11 else { return date.databaseValue }
        let total = Int(seconds)
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        guard (1...9999).contains(year) else { return date.databaseValue }
        // Written as bytes into one buffer: building it by appends costs several allocations.
        let text = String(unsafeUninitializedCapacity: 23) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for i in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0); buffer[4] = UInt8(ascii: "-"); put(month, 2, at: 5); buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8); buffer[10] = UInt8(ascii: " "); put(rest / 3_600, 2, at: 11); buffer[13] = UInt8(ascii: ":")
            put(rest % 3_600 / 60, 2, at: 14); buffer[16] = UInt8(ascii: ":"); put(rest % 60, 2, at: 17)
            buffer[19] = UInt8(ascii: "."); put(0, 3, at: 20)
            return 23
        }
        return text.databaseValue
    }
}
