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

/// Children of the tests inherit no pipe of another test: one that did held that test's coach
/// waiting for the end of its input until the 120 s timeout (the PostgreSQL server, started by
/// system(3) while another test was piping to coach, kept the pipe for the whole run).
@Suite("Children of the tests inherit no other test's pipe")
struct CleanSpawnTests {
    /// A pipe as Foundation makes them (not close-on-exec), and the name /proc gives it.
    private func openPipe() throws -> (pipe: Pipe, name: String) {
        let pipe = Pipe()
        var status = stat()
        #expect(fstat(pipe.fileHandleForWriting.fileDescriptor, &status) == 0)
        #expect(fcntl(pipe.fileHandleForWriting.fileDescriptor, F_GETFD) & FD_CLOEXEC == 0, "the case that leaked")
        return (pipe, "pipe:[\(status.st_ino)]")
    }

    @Test func aShellCommandHoldsOnlyStandardDescriptors() throws {
        let (pipe, name) = try openPipe()
        defer { _ = pipe }
        let listing = FileManager.default.temporaryDirectory.appendingPathComponent("fds-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: listing) }
        #expect(CleanSpawn.shell("ls -l /proc/$$/fd > '\(listing)'") == 0)
        let text = try String(contentsOfFile: listing, encoding: .utf8)
        #expect(text.contains(" 1 -> "), "\(text)")
        #expect(!text.contains(name), "\(text)")
        #expect(CleanSpawn.shell("exit 3") == 3)
    }

    @Test func aPseudoTerminalChildHoldsOnlyItsTerminal() throws {
        let (pipe, name) = try openPipe()
        defer { _ = pipe }
        let pty = try PseudoTerminal("/bin/sh", arguments: ["-c", "ls -l /proc/$$/fd; echo listed"])
        let output = try pty.waitFor("listed", timeout: .seconds(10))
        #expect(output.contains("/dev/pts/"), "\(output)")
        #expect(!output.contains(name), "\(output)")
        _ = try pty.waitForExit(timeout: .seconds(5))
    }
}
