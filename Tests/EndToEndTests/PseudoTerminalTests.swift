import CoachTestSupport
import Foundation
import Testing

@Suite("PseudoTerminal")
struct PseudoTerminalTests {
    @Test func childHasAControllingTerminal() throws {
        let pty = try PseudoTerminal("/usr/bin/tty")
        let output = try pty.waitFor("/dev/pts/", timeout: .seconds(5))
        #expect(output.hasPrefix("/dev/pts/"))
        #expect(try pty.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func readsALineSubmittedWithReturn() throws {
        let pty = try PseudoTerminal("/bin/sh", arguments: ["-c", "read x; echo got:$x"])
        pty.send("hello\r")
        try pty.waitFor("got:hello", timeout: .seconds(5))
        #expect(try pty.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func seesTermAndWindowSize() throws {
        let pty = try PseudoTerminal("/bin/sh", arguments: ["-c", "echo term=$TERM; stty size"])
        try pty.waitFor("term=xterm", timeout: .seconds(5))
        try pty.waitFor("30 120", timeout: .seconds(5))
        #expect(try pty.waitForExit() == 0)
    }

    @Test func ctrlCInterruptsTheForegroundProgram() throws {
        let pty = try PseudoTerminal("/bin/sh", arguments: ["-c", "echo ready; exec sleep 30"])
        try pty.waitFor("ready", timeout: .seconds(5))
        usleep(200_000) // let sh exec sleep
        pty.send("\u{3}")
        #expect(try pty.waitForExit(timeout: .seconds(5)) == 128 + SIGINT)
    }

    @Test func ctrlDEndsInput() throws {
        let pty = try PseudoTerminal("/bin/cat")
        pty.send("abc\r")
        try pty.waitFor("abc\r\nabc\r\n", timeout: .seconds(5))
        pty.send("\u{4}")
        #expect(try pty.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func successiveWaitsFindSuccessiveMatches() throws {
        let pty = try PseudoTerminal("/bin/sh", arguments: ["-c", "echo p1; read a; echo p2; read b; echo done"])
        try pty.waitFor("p", timeout: .seconds(5))
        pty.send("x\r")
        let second = try pty.waitFor("p", timeout: .seconds(5))
        #expect(second.contains("x"))
        pty.send("y\r")
        try pty.waitFor("done", timeout: .seconds(5))
    }

    @Test func waitForTimesOutWithTheOutputSoFar() throws {
        let pty = try PseudoTerminal("/bin/sh", arguments: ["-c", "echo partial; exec sleep 30"])
        let error = #expect(throws: PseudoTerminalError.self) {
            try pty.waitFor("never printed", timeout: .seconds(1))
        }
        #expect(error?.description.contains("partial") == true)
        pty.terminate()
        #expect(try pty.waitForExit(timeout: .seconds(1)) == 128 + SIGTERM)
    }

    @Test func droppingTheSessionKillsTheChild() throws {
        var pty: PseudoTerminal? = try PseudoTerminal("/bin/sleep", arguments: ["30"])
        let pid = pty!.pid
        pty = nil
        #expect(kill(pid, 0) != 0) // reaped: no such process
    }

    @Test func waitForExitTimesOut() throws {
        let pty = try PseudoTerminal("/bin/sleep", arguments: ["30"])
        #expect(throws: PseudoTerminalError.self) {
            try pty.waitForExit(timeout: .milliseconds(300))
        }
    }

    @Test func plainDropsControlSequences() {
        let raw = "\u{1B}[?1034hcoach> \u{1B}[1mbold\u{1B}[0m\r\n\u{1B}]0;title\u{7}done\u{1B}[K"
        #expect(PseudoTerminal.plain(raw) == "coach> bold\ndone")
    }
}
