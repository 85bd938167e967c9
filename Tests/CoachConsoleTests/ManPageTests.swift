@testable import CoachConsole
import Testing

@Suite("The manual page's roff")
struct ManPageTests {
    @Test("text can never be read as a request: a leading . or ' is made harmless, backslashes are literal")
    func escaping() {
        #expect(Roff.escaped(".SH oops") == "\\&.SH oops")
        #expect(Roff.escaped("'br") == "\\&'br")
        #expect(Roff.escaped("a\\fBb") == "a\\efBb")
        #expect(Roff.escaped("--json") == "\\-\\-json")
        #expect(Roff.escaped("actual ÷ target…") == "actual \\[u00F7] target\\[u2026]")
        #expect(Roff.escaped("bell\u{07}") == "bell")
    }

    @Test("a discussion line starting with a dot stays text, inside a paragraph or an example")
    func paragraphs() {
        var roff = Roff()
        roff.paragraphs("First line\n.hidden request\n\nExample:\n  .also not a request\n  'nor this")
        let lines = roff.output.split(separator: "\n").map(String.init)
        #expect(lines == [".PP", "First line", "\\&.hidden request", ".PP", "Example:", ".RS 4", ".nf",
                          "\\&.also not a request", "\\&'nor this", ".fi", ".RE"])
    }

    @Test("a macro's arguments are quoted, with quotes inside escaped")
    func macroArguments() {
        var roff = Roff()
        roff.macro("SS", "say \"hi\"")
        #expect(roff.output == ".SS \"say \\(dqhi\\(dq\"\n")
    }
}
