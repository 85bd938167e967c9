import CoachCore

/// A plain-text table with a header row, columns padded to their widest cell. Each cell is
/// escaped (`SafeText`, line breaks shown as `\n`) before it is measured, so text from other
/// people neither moves the terminal nor breaks the columns.
///
/// Given a width (`Console.columns`), a table that is wider is fitted to it by narrowing the
/// columns marked `shrinkable` (free text: titles, labels, items), widest first, and cutting
/// their cells with `…`. Other columns, numbers among them, are never cut; a table that cannot
/// fit even so is left as wide as it must be.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// The columns (by index) that may be narrowed to fit a width.
    var shrinkable: Set<Int> = []

    /// The narrowest a shrinkable column gets: its header, and at least this many characters.
    static let minimumShrunk = 4

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: [String]) { rows.append(cells.map { SafeText.escaped($0, keepingNewlines: false) }) }

    /// Marks the columns named by their headers as free text that may be cut to fit a width.
    mutating func mayShrink(_ names: String...) {
        shrinkable.formUnion(names.compactMap { headers.firstIndex(of: $0) })
    }

    /// The table as lines, fitted to `width` when given; the header is styled by `header`.
    func render(width: Int? = nil, header: (String) -> String = { $0 }) -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.prefix(columns).enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        if let width { widths = Self.fitted(widths, to: width, shrinkable: shrinkable, headers: headers) }
        func format(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in 0..<columns {
                let cell = Self.cut(index < cells.count ? cells[index] : "", to: widths[index])
                parts.append(index == columns - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0))
            }
            return parts.joined(separator: "  ")
        }
        var lines = [header(format(headers))]
        lines += rows.map(format)
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    /// `widths` narrowed, one character at a time from the widest shrinkable column, until the
    /// table (with two spaces between columns) is at most `width`, or no column can give more.
    static func fitted(_ widths: [Int], to width: Int, shrinkable: Set<Int>, headers: [String]) -> [Int] {
        var widths = widths
        var excess = widths.reduce(0, +) + 2 * max(0, widths.count - 1) - width
        let floors = headers.map { max($0.count, minimumShrunk) }
        while excess > 0 {
            let candidates = shrinkable.filter { $0 < widths.count && widths[$0] > floors[$0] }
            guard let widest = candidates.max(by: { (widths[$0], $1) < (widths[$1], $0) }) else { break }
            widths[widest] -= 1
            excess -= 1
        }
        return widths
    }

    /// `cell` in at most `width` characters: cut with `…` when longer.
    static func cut(_ cell: String, to width: Int) -> String {
        cell.count <= width ? cell : String(cell.prefix(max(0, width - 1))) + "…"
    }
}

import Foundation
