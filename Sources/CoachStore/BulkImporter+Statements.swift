import CoachCore
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Values of rows to insert, rendered ahead of the write: numbers as they are, text as UTF-8 in one
/// shared buffer. The writer binds text straight from that buffer (no String conversion, no copy
/// by SQLite), and a session's rows are freed as two arrays instead of a string per value.
struct BulkValues: Sendable {
    enum Value: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        /// Bytes `start..<start + count` of `bytes`.
        case text(start: Int, count: Int)
        case blob(start: Int, count: Int)
    }

    private(set) var items: [Value] = []
    private(set) var bytes: [UInt8] = []

    init(values: Int = 0, bytes: Int = 0) {
        items.reserveCapacity(values)
        self.bytes.reserveCapacity(bytes)
    }

    var count: Int { items.count }

    mutating func append(_ value: Int64) { items.append(.integer(value)) }
    mutating func append(_ value: Int) { items.append(.integer(Int64(value))) }
    mutating func append(_ value: Bool) { items.append(.integer(value ? 1 : 0)) }

    mutating func append(_ value: String) {
        let start = bytes.count
        bytes.append(contentsOf: value.utf8)
        items.append(.text(start: start, count: bytes.count - start))
    }

    /// Any value, as GRDB would bind it.
    mutating func append(_ value: (some DatabaseValueConvertible)?) {
        switch value?.databaseValue.storage ?? .null {
        case .null: items.append(.null)
        case .int64(let v): items.append(.integer(v))
        case .double(let v): items.append(.real(v))
        case .string(let v): append(v)
        case .blob(let v):
            let start = bytes.count
            bytes.append(contentsOf: v)
            items.append(.blob(start: start, count: v.count))
        }
    }

    /// A month as `Period.description` writes it (`YYYY-MM`; years are 1...9999).
    mutating func append(period: Period) {
        guard (1...9999).contains(period.year), (1...12).contains(period.month) else {
            return append(period.description)
        }
        let start = bytes.count
        appendDigits(period.year, count: 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(period.month, count: 2)
        items.append(.text(start: start, count: bytes.count - start))
    }

    /// The last `count` decimal digits of a non-negative `value`, zero-padded.
    private mutating func appendDigits(_ value: Int, count: Int) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Sets the value at `index` to an integer (an id known only on import).
    mutating func replace(at index: Int, with value: Int64) { items[index] = .integer(value) }

    /// A date as GRDB stores it (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), written straight into the buffer
    /// for whole-second dates (the demo's millions of timestamps); other dates go through GRDB.
    mutating func append(date: Date) {
        guard let civil = CivilTime(date) else { return append(date as Date?) }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: CivilTime.textCount))
        bytes.withUnsafeMutableBufferPointer { civil.write(into: UnsafeMutableBufferPointer(rebasing: $0[start...])) }
        items.append(.text(start: start, count: CivilTime.textCount))
    }
}

/// A whole-second UTC date in years 1...9999, written as GRDB writes dates without a DateFormatter.
struct CivilTime {
    var year: Int, month: Int, day: Int
    var second: Int

    /// `YYYY-MM-DD HH:MM:SS.SSS`
    static let textCount = 23

    /// Nil for a date with a fraction of a second or outside years 1...9999.
    init?(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        guard seconds == seconds.rounded(), abs(seconds) < 1e11 else { return nil }
        let total = Int(seconds)
        var days = total / 86_400
        second = total % 86_400
        if second < 0 { second += 86_400; days -= 1 }
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        guard (1...9999).contains(year) else { return nil }
    }

    /// Writes the text into the first `textCount` bytes of `buffer`.
    func write(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        func put(_ value: Int, _ width: Int, at offset: Int) {
            var value = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                buffer[i] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, 4, at: 0); buffer[4] = UInt8(ascii: "-"); put(month, 2, at: 5); buffer[7] = UInt8(ascii: "-")
        put(day, 2, at: 8); buffer[10] = UInt8(ascii: " "); put(second / 3_600, 2, at: 11); buffer[13] = UInt8(ascii: ":")
        put(second % 3_600 / 60, 2, at: 14); buffer[16] = UInt8(ascii: ":"); put(second % 60, 2, at: 17)
        buffer[19] = UInt8(ascii: "."); put(0, 3, at: 20)
    }
}

// How `BulkImporter` writes rows: cached statements bound and stepped through the SQLite C API.
extension BulkImporter {
    /// `INSERT INTO table (columns) VALUES (?, ...), (?, ...)` for `rows` rows of `width` values
    /// (at least 2), each row `id` followed by `width - 1` values of `range`.
    func insert(table: Table, columns: String, width: Int, rows: Int, id: Int64,
                values: BulkValues, range: Range<Int>) throws {
        try insertRows("INSERT INTO \(table.name) (\(columns))", table: table, width: width, rows: rows,
                       values: values, range: range, rowPrefix: id)
    }

    /// `insert` followed by `rows` rows of `width` parameters (`VALUES (?, ...), (?, ...)`) and
    /// `suffix`, bound to `values[range]` (after `rowPrefix`, when given, at the start of each row).
    func insertRows(_ insert: String, table: Table, width: Int, rows: Int, values: BulkValues, range: Range<Int>,
                    rowPrefix: Int64? = nil, suffix: String = "") throws {
        try run({
            let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            return insert + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", ") + " " + suffix
        }(), key: StatementKey(table: table, rows: rows), values: values, range: range, rowPrefix: rowPrefix.map { ($0, width) })
    }

    /// Runs a cached statement with `values[range]`, bound and stepped through the SQLite C API:
    /// GRDB's argument conversion and binding cost more than SQLite's own insert at millions of
    /// values. Text is bound without a copy, and unbound again before the buffer can go away.
    /// With `rowPrefix` (id, width), every row of `width` parameters starts with the id.
    /// The statement is GRDB's cached one, left reset as GRDB expects.
    func run(_ sql: @autoclosure () -> String, key: StatementKey, values: BulkValues, range: Range<Int>,
             rowPrefix: (id: Int64, width: Int)? = nil) throws {
        let statement: SQLiteStatement
        if let known = statements[key] {
            statement = known
        } else {
            statement = try db.cachedStatement(sql: sql()).sqliteStatement
            statements[key] = statement
        }
        try values.bytes.withUnsafeBufferPointer { buffer in
            defer {
                sqlite3_reset(statement)
                sqlite3_clear_bindings(statement)
            }
            var index: CInt = 1
            for offset in range {
                if let (id, width) = rowPrefix, (offset - range.lowerBound) % (width - 1) == 0 {
                    try check(sqlite3_bind_int64(statement, index, id))
                    index += 1
                }
                let code: CInt
                switch values.items[offset] {
                case .null: code = sqlite3_bind_null(statement, index)
                case .integer(let v): code = sqlite3_bind_int64(statement, index, v)
                case .real(let v): code = sqlite3_bind_double(statement, index, v)
                // A nil destructor is SQLITE_STATIC: SQLite reads the bytes in place, which stay
                // valid until the bindings are cleared on the way out.
                case .text(let start, let count):
                    if let base = buffer.baseAddress, count > 0 {
                        let text = UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self)
                        code = sqlite3_bind_text64(statement, index, text, UInt64(count), nil, UInt8(SQLITE_UTF8))
                    } else {
                        code = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                    }
                case .blob(let start, let count):
                    if let base = buffer.baseAddress, count > 0 {
                        code = sqlite3_bind_blob64(statement, index, base + start, UInt64(count), nil)
                    } else {
                        code = sqlite3_bind_zeroblob(statement, index, 0)
                    }
                }
                try check(code)
                index += 1
            }
            let code = sqlite3_step(statement)
            if code != SQLITE_DONE { throw failure(code) }
        }
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private func check(_ code: CInt) throws {
        if code != SQLITE_OK { throw failure(code) }
    }

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
    }

    /// A date as GRDB stores it (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), without a DateFormatter for
    /// whole-second dates; other dates go through GRDB.
    static func storedDate(_ date: Date) -> DatabaseValue {
        guard let civil = CivilTime(date) else { return date.databaseValue }
        return String(unsafeUninitializedCapacity: CivilTime.textCount) { buffer in
            civil.write(into: buffer)
            return CivilTime.textCount
        }.databaseValue
    }
}
