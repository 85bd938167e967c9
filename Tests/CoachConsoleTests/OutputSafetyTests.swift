@testable import CoachConsole
import CoachCore
@testable import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// Text that would retitle the terminal, colour it, or read backwards. It reaches the store by
/// a path the input checks do not guard (an older coach, a database edited by hand), so every
/// renderer must escape it on the way out.
private let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[31mred \u{202E}evil\u{202C}\u{9B}2J"

@Suite("Output is safe for a terminal and a spreadsheet")
struct OutputSafetyTests {
    /// A store where the rep's name and an agenda topic carry `hostile`.
    static func hostileStore() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana")
        try database.writer.write { db in
            try db.execute(sql: "UPDATE person SET name = ? WHERE name = 'Ana'", arguments: ["Ana" + hostile])
        }
        return database
    }

    /// Fails when `text` holds a character `SafeText` escapes, other than line ends, tabs and the
    /// styles coach itself writes (`ESC [ 1 m` and the like).
    static func expectNoRawControls(_ text: String, _ comment: Comment? = nil) {
        let text = text.replacing(/\x{1B}\[(0|1|2|31|32|33|36)m/, with: "")
        let raw = text.unicodeScalars.filter { SafeText.needsEscape($0) && $0 != "\n" && $0 != "\t" && $0 != "\r" }
        #expect(raw.isEmpty, "raw \(raw.map { String($0.value, radix: 16) }) in: \(comment?.rawValue ?? text)")
    }

    @Test("the console escapes control and bidi characters and keeps only its own styles")
    func consoleEscapes() {
        var written = ""
        let console = Console(useColor: true, out: { written += $0 }, error: { written += $0 })
        console.line(console.styled("Title", .bold) + " " + hostile)
        #expect(written.hasPrefix("\u{1B}[1mTitle\u{1B}[0m "))
        #expect(written.contains(#"\u{1B}]0;pwned\u{07}\u{1B}[31mred \u{202E}evil\u{202C}\u{9B}2J"#), "\(written)")
        #expect(written.unicodeScalars.filter { $0 == "\u{1B}" }.count == 2)
    }

    @Test("CR LF line ends (CSV) pass; a lone carriage return, which overwrites a line, does not")
    func carriageReturns() {
        #expect(SafeText.escaped("a,b\r\nc,d\r\n") == "a,b\r\nc,d\r\n")
        #expect(SafeText.escaped("paid\rnot paid") == #"paid\u{0D}not paid"#)
        #expect(SafeText.escaped("a\nb", keepingNewlines: false) == #"a\nb"#)
    }

    @Test("a noncharacter style mark in data cannot style the terminal with a code coach does not use")
    func forgedMarkEscaped() {
        var written = ""
        let console = Console(useColor: true, out: { written += $0 }, error: { _ in })
        let forged = String(Unicode.Scalar(0xFDD0)!) + "5" + String(Unicode.Scalar(0xFDD1)!) + "blink"
        console.line(forged)
        #expect(!written.contains("\u{1B}"))
        #expect(written.contains(#"\u{FDD0}5\u{FDD1}blink"#))
    }

    @Test("table cells are escaped before they are measured, line breaks included")
    func tableCells() {
        var table = Table("NAME", "NOTE")
        table.add(["Ana\u{1B}[2J", "one\ntwo"])
        table.add(["Bo", "x"])
        let lines = table.render().components(separatedBy: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == #"Ana\u{1B}[2J  one\ntwo"#)
        #expect(lines[2].hasPrefix("Bo" + String(repeating: " ", count: #"Ana\u{1B}[2J"#.count - 2 + 2) + "x"))
    }

    @Test("JSON escapes the same characters as \\u escapes and decodes to the stored value")
    func jsonRoundTrip() throws {
        let json = try JSONOutput.encode(["name": hostile + "\u{2028}"])
        Self.expectNoRawControls(json)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(decoded["name"] == hostile + "\u{2028}")
    }

    @Test("CSV cells are escaped and formula-guarded")
    func csvCells() throws {
        let csv = try CSVOutput.render(header: ["a", "b"], rows: [[hostile, "=1+1"], ["line\nbreak", "-3.5"]])
        Self.expectNoRawControls(csv)
        #expect(csv.contains("'=1+1"))
        #expect(csv.contains("\"line\nbreak\""))
        #expect(csv.contains(",-3.5\r\n"))
    }

    @Test("a hostile name reaches no terminal raw through the commands that show people",
          arguments: ["people", "person show Marco", "due", "trends --team North", "history Ana",
                      "one-on-one Nobody", "export --json", "export --csv", "trends --csv Marco"])
    func commandsEscape(command: String) throws {
        let shell = try TestShell(lines: [command], user: "Dana", database: try Self.hostileStore(), color: true)
        shell.run()
        Self.expectNoRawControls(shell.output, "\(command): \(shell.output)")
        Self.expectNoRawControls(shell.errors, "\(command): \(shell.errors)")
    }

    @Test("the one-on-one header shows a hostile agenda topic escaped")
    func meetingHeaderEscapes() throws {
        let database = try Self.hostileStore()
        try database.writer.write { db in
            try db.execute(sql: "UPDATE person SET name = 'Ana' WHERE role = 'rep'")
        }
        try database.addAgendaItem(text: "pay raise", for: "Ana")
        try database.writer.write { db in
            try db.execute(sql: "UPDATE agenda_item SET text = ?", arguments: ["pay " + hostile])
        }
        let shell = try TestShell(lines: ["one-on-one Ana", ":pause"], user: "Marco", database: database, color: true)
        shell.run()
        #expect(shell.output.contains(#"\u{202E}evil"#), "\(shell.output)")
        Self.expectNoRawControls(shell.output)
    }
}
