import CSV
import Foundation

/// RFC 4180 CSV (CRLF line ends, fields quoted where needed), written by CSV.swift. CSV.swift
/// puts the line break before each record, so the last one gets its CRLF here: every record ends
/// with one, and the shell's next prompt starts on a line of its own.
enum CSVOutput {
    static func render(header: [String], rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory(), newline: .crlf)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        return text.isEmpty || text.hasSuffix("\r\n") ? text : text + "\r\n"
    }
}
