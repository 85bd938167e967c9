@testable import CoachConsole
import Testing

@Suite("CSV output safety")
struct CSVOutputTests {
    @Test("cells a spreadsheet would evaluate get a leading quote; plain numbers stay numbers", arguments: [
        ("=1+2", "'=1+2"), ("+SUM(A1:A9)", "'+SUM(A1:A9)"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(1)", "'@SUM(1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("-", "'-"), ("+", "'+"),
        ("-3.5", "-3.5"), ("+2", "+2"), ("-1e-7", "-1e-7"), ("-0", "-0"), ("12", "12"), ("plain", "plain"),
        ("a=b", "a=b"), ("", ""), ("-3.5abc", "'-3.5abc"), ("--1", "'--1"),
    ])
    func formulaGuard(cell: String, expected: String) {
        #expect(CSVOutput.neutralised(cell) == expected)
    }

    @Test("render applies the guard to every cell and keeps RFC 4180 quoting")
    func renderGuardsEveryCell() throws {
        let text = try CSVOutput.render(header: ["name", "note"], rows: [["=HYPERLINK(\"x\")", "-2"], ["Ana, B", "@x"]])
        #expect(text == "name,note\r\n\"'=HYPERLINK(\"\"x\"\")\",-2\r\n\"Ana, B\",'@x\r\n")
    }
}
