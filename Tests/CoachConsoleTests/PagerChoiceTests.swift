@testable import CoachConsole
import Testing

/// Which pager long output goes through, and when output is long: the rules of README's
/// "Long output", without a terminal.
@Suite("The pager and what counts as long")
struct PagerChoiceTests {
    @Test("COACH_PAGER, else PAGER, else less with LESS=FRX; empty, cat and --no-pager turn it off")
    func choice() {
        #expect(Pager.chosen(environment: [:], noPagerFlag: false)?.command == "less")
        #expect(Pager.chosen(environment: [:], noPagerFlag: false)?.environment["LESS"] == "FRX")
        #expect(Pager.chosen(environment: ["LESS": "-S"], noPagerFlag: false)?.environment["LESS"] == "-S")
        #expect(Pager.chosen(environment: ["PAGER": "more", "COACH_PAGER": "less -S"], noPagerFlag: false)?.command == "less -S")
        #expect(Pager.chosen(environment: ["PAGER": "more"], noPagerFlag: false)?.command == "more")
        #expect(Pager.chosen(environment: ["PAGER": "more", "COACH_PAGER": ""], noPagerFlag: false) == nil)
        #expect(Pager.chosen(environment: ["PAGER": "cat"], noPagerFlag: false) == nil)
        #expect(Pager.chosen(environment: ["PAGER": ""], noPagerFlag: false) == nil)
        #expect(Pager.chosen(environment: [:], noPagerFlag: true) == nil)
    }

    @Test("a plain command line names its program; anything the shell must read does not")
    func program() {
        #expect(Pager.program(of: "less -S") == "less")
        #expect(Pager.program(of: "/usr/bin/less") == "/usr/bin/less")
        #expect(Pager.program(of: "LESS=x less") == nil)
        #expect(Pager.program(of: "less | tee x") == nil)
        #expect(Pager.isRunnable("sh", path: "/usr/bin:/bin"))
        #expect(!Pager.isRunnable("no-such-pager", path: "/usr/bin:/bin"))
        #expect(!Pager.isRunnable("/nonexistent/pager", path: nil))
    }

    @Test("screen lines: colours take no room, long lines wrap, the final newline ends the last line")
    func screenLines() {
        #expect(Console.screenLines("a\nb\n", columns: 80) == 2)
        #expect(Console.screenLines("\u{1b}[1m" + String(repeating: "x", count: 80) + "\u{1b}[0m\n", columns: 80) == 1)
        #expect(Console.screenLines(String(repeating: "x", count: 81) + "\n\n", columns: 80) == 3)
        #expect(Console.screenLines("a\nb", columns: nil) == 2)
    }
}
