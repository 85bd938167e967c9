import CoachCore

/// A plain-text table with a header row, columns padded to their widest cell. Each cell is
/// escaped (`SafeText`, line breaks shown as `\n`) before it is measured, so text from other
/// people neither moves the terminal nor breaks the columns.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: [String]) { rows.append(cells.map { SafeText.escaped($0, keepingNewlines: false) }) }

    /// The table as lines; the header is styled by `header`.
    func render(header: (String) -> String = { $0 }) -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.prefix(columns).enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func format(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in 0..<columns {
                let cell = index < cells.count ? cells[index] : ""
                parts.append(index == columns - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0))
            }
            return parts.joined(separator: "  ")
        }
        var lines = [header(format(headers))]
        lines += rows.map(format)
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }
}

import Foundation
