import CoachTestSupport
import Foundation
import Testing

/// The built coach fits tables to `COLUMNS`, else to the terminal's width; piped with no
/// `COLUMNS`, it does not fit them.
@Suite("Tables fit the terminal, end to end")
struct TerminalWidthTests {
    static let title = "Copenhagen Burnout Inventory"

    @Test("COLUMNS fits a piped table; without it a pipe gets the table whole")
    func columnsVariable() throws {
        let sandbox = try StoreEngine.local.team()
        defer { sandbox.remove() }
        let fitted = try sandbox.run(["surveys"], as: "Dana", input: "", environment: ["COLUMNS": "90"])
        #expect(fitted.status == 0, "\(fitted.stderrText)")
        #expect(fitted.stdoutText.split(separator: "\n").allSatisfy { $0.count <= 90 }, "\(fitted.stdoutText)")
        #expect(!fitted.stdoutText.contains(Self.title) && fitted.stdoutText.contains("…"))
        let whole = try sandbox.run(["surveys"], as: "Dana")
        #expect(whole.stdoutText.contains(Self.title), "\(whole.stdoutText)")
    }

    @Test("on a terminal the window's width is read (TIOCGWINSZ)")
    func terminalWidth() throws {
        let sandbox = try StoreEngine.local.team()
        defer { sandbox.remove() }
        let (arguments, environment) = sandbox.invocation(as: "Dana")
        let terminal = try PseudoTerminal(CoachSandbox.binary, arguments: arguments + ["surveys"], environment: environment,
                                          inheritEnvironment: false, columns: 90)
        #expect(try terminal.waitForExit() == 0)
        let screen = PseudoTerminal.plain(terminal.output)
        #expect(screen.contains("who-5"), "\(screen)")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 90 }, "\(screen)")
        #expect(!screen.contains(Self.title))
    }
}
