import CoachTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("demo, run by the built coach")
struct DemoEndToEndTests {
    @Test("coach demo fills an empty store, then trends-ready data is there; a second demo is refused with exit 1")
    func demoOneShot() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let first = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "8", "--weeks", "6", "--seed", "3"])
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("try: trends --team all, report quiz crm-basics"))
        let second = try sandbox.run(["--store", sandbox.store, "demo"])
        #expect(second.status == 1)
        #expect(second.stderrText.contains("--force"))
        let forced = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "3", "--weeks", "2", "--force"])
        #expect(forced.status == 0, "\(forced.stderrText)")
        let bad = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "0"])
        #expect(bad.status == 2)
    }

    @Test("demo killed while it writes: the store opens in WAL, passes check, and keeps only whole transactions",
          .timeLimit(.minutes(2)))
    func demoKilledMidWrite() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let demo = Process()
        demo.executableURL = URL(fileURLWithPath: CoachSandbox.binary)
        demo.arguments = ["--store", sandbox.store, "demo", "--reps", "400", "--weeks", "260"]
        demo.environment = sandbox.environment
        demo.standardOutput = FileHandle.nullDevice
        demo.standardError = FileHandle.nullDevice
        try demo.run()
        defer { if demo.isRunning { kill(demo.processIdentifier, SIGKILL) } }
        // The people are committed first; the history is written through a rollback journal.
        try waitUntil("the demo's history transactions", seconds: 60) {
            FileManager.default.fileExists(atPath: sandbox.store + "-journal")
        }
        Thread.sleep(forTimeInterval: 1.5)
        #expect(demo.isRunning, "the demo was still writing when killed")
        kill(demo.processIdentifier, SIGKILL)
        demo.waitUntilExit()

        // Any coach that opens the store for writing (here: backup) rolls back what the kill
        // interrupted and turns the write-ahead log back on; check then reads it read-only.
        let copy = sandbox.root.appendingPathComponent("copy.sqlite").path
        let reopened = try sandbox.run(["--store", sandbox.store, "backup", copy])
        #expect(reopened.status == 0, "\(reopened.stderrText)")
        #expect(try sandbox.sqlValue("PRAGMA journal_mode") == "wal")
        let check = try sandbox.run(["--store", sandbox.store, "check"])
        #expect(check.status == 0, "\(check.stdoutText)\(check.stderrText)")
        #expect(!check.stdoutText.contains("FAIL"), "\(check.stdoutText)")
        // Whole reps or none: every rep with sessions has their goals and weekly rows.
        #expect(try sandbox.sqlValue("""
            SELECT count(*) FROM person p WHERE EXISTS (SELECT 1 FROM session s WHERE s.subject_id = p.id)
              AND (NOT EXISTS (SELECT 1 FROM goal g WHERE g.person_id = p.id)
                   OR NOT EXISTS (SELECT 1 FROM week_score w WHERE w.subject_id = p.id))
            """) == "0")
    }
}
