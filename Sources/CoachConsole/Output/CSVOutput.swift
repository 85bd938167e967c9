import CSV
import CoachCore
import Foundation

/// RFC 4180 CSV (CRLF line ends, fields quoted where needed), written by CSV.swift. CSV.swift
/// puts the line break before each record, so the last one gets its CRLF here: every record ends
/// with one, and the shell's next prompt starts on a line of its own.
///
/// Every cell passes the formula guard (`neutralised`): text from other people or survey files
/// never reaches a spreadsheet as a formula, and control or bidirectional characters are written
/// as visible escapes (`SafeText`; line breaks and tabs are kept inside quoted cells).
enum CSVOutput {
    static func render(header: [String], rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory(), newline: .crlf)
        try writer.write(row: header.map(safeCell))
        for row in rows { try writer.write(row: row.map(safeCell)) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return text.isEmpty || text.hasSuffix("\r\n") ? text : text + "\r\n"
    }

    /// A cell as written: escaped, then guarded against formulas.
    static func safeCell(_ cell: String) -> String { neutralised(SafeText.escaped(cell)) }

    /// A cell a spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return) gets a leading single quote, as OWASP recommends for CSV injection; a cell that is
    /// a plain number (`-3.5`, `+2`) stays as it is, so figures stay figures.
    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        if isPlainNumber(cell) { return cell }
        return "'" + cell
    }

    /// `-3.5`, `+2`, `-1e-7`: an optional sign, digits, an optional fraction and exponent.
    private static func isPlainNumber(_ cell: String) -> Bool {
        var scalars = Substring(cell).unicodeScalars[...]
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
        guard let first = scalars.first, ("0"..."9").contains(first) else { return false }
        return scalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" }
            && Double(String(String.UnicodeScalarView(scalars))) != nil
    }
}
