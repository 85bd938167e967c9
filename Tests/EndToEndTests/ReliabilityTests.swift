import Foundation
import CoachTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Bounded versions of scripts/load-test and scripts/fuzz (the prompt part), a damaged world
/// (read-only, full, truncated stores; a vanished surveys folder; a survey edited mid-session),
/// and `check` and `backup`.
/// Process results gathered from several threads.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var byName: [String: ProcessResult] = [:]
    func set(_ name: String, _ result: ProcessResult?) { lock.withLock { byName[name] = result } }
    func get(_ name: String) -> ProcessResult? { lock.withLock { byName[name] } }
}

@Suite("Reliability")
struct ReliabilityTests {
    static let who5 = ["4", "2", "5", "1", "3"]
    static let weekly = SessionCrashTests.weekly

    // MARK: - Concurrency

    @Test("3 coach processes × 3 sessions on one store: every answer stored, counts exact, nothing on stderr",
          .timeLimit(.minutes(3)), arguments: StoreEngine.allCases)
    func concurrentProcesses(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let reps = ["Rep1", "Rep2", "Rep3"]
        for rep in reps { try sandbox.addPerson(rep, role: "rep", team: "North") }
        let sessions = 3
        let lines = (0..<sessions).flatMap { _ in ["run who-5"] + Self.who5 }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: reps.count) { index in
            let result = try? sandbox.run([], as: reps[index], input: lines.joined(separator: "\n") + "\n")
            results.set(reps[index], result)
        }
        for rep in reps {
            let result = results.get(rep)
            #expect(result?.status == 0, "\(rep): \(result?.stderrText ?? "timed out")")
            // A wait of over a second is said on stderr (a slow moment of the machine); it is not an error.
            let errors = result?.stderrText.split(separator: "\n").filter { !$0.contains("waiting for the store") }
            #expect(errors == [], "\(rep): no 'database is locked', no error")
            let counts = try sandbox.sql("""
                SELECT count(DISTINCT s.id), count(a.id), sum(CASE WHEN s.state = 'completed' THEN 1 ELSE 0 END)
                FROM session s JOIN person p ON p.id = s.author_id
                LEFT JOIN answer a ON a.session_id = s.id WHERE p.name = '\(rep)'
                """)
            #expect(counts == ["\(sessions)|\(sessions * 5)|\(sessions * 5)"], "\(rep): sessions|answers|completed answer rows")
        }
        #expect(try sandbox.sqlValue("SELECT count(*) FROM score") == "\(reps.count * sessions)")
        if engine == .local {
            let check = try sandbox.run(["check"], as: "Dana")
            #expect(check.status == 0, "\(check.stdoutText)")
        }
    }

    // MARK: - The prompt fuzzed

    static let junk: [[UInt8]] = [
        Array(repeating: UInt8(ascii: "x"), count: 300_000),
        [0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x32, 0x4A],                       // arrow up, clear screen
        Array("\u{1B}[200~3\n4\n5\u{1B}[201~".utf8),                      // a bracketed paste
        [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF, 0xFE, 0x34],             // invalid UTF-8
        [0x00, 0x34], [0x07, 0x08, 0x7F, 0x1B], [0x9B, 0x33, 0x31, 0x6D], // NUL, controls, C1 CSI
        Array("4\r5\r".utf8), Array("６".utf8), Array("٤".utf8), Array(":back".utf8), Array(":skip".utf8),
        Array("99999999999999999999".utf8), Array("-1".utf8), Array("4 4".utf8), [],
    ]

    @Test("junk typed at the prompt (huge lines, escapes, invalid UTF-8, pastes): no trap, no hang, only valid answers stored",
          .timeLimit(.minutes(3)), arguments: StoreEngine.allCases)
    func promptFuzz(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let seed = TestSeed.value()
        var generator = SeededRandom(seed: seed)
        for round in 0..<12 {
            var input = Array("run who-5\n".utf8)
            for answer in Self.who5 {
                for _ in 0..<Int.random(in: 0...3, using: &generator) {
                    input += Self.junk.randomElement(using: &generator)! + [0x0A]
                }
                input += Array(answer.utf8) + [0x0A]
            }
            if round % 4 == 3 {  // a long paste after the session
                for _ in 0..<500 { input += Self.junk[1...].randomElement(using: &generator)! + [0x0A] }
                input += Self.junk[0] + [0x0A]  // a 300 kB line read as a command
            }
            let result = try sandbox.run([], as: "Ana", bytes: Data(input))
            #expect(!result.killedBySignal && result.status < 128, "round \(round): trapped with \(result.status); \(TestSeed.describe(seed))")
            #expect(result.stderr.count < 200_000, "round \(round): a huge line is not echoed back whole; \(TestSeed.describe(seed))")
        }
        let values = try sandbox.sql("SELECT value FROM answer")
        let valid = Set((0...5).map { #"{"type":"choice","value":\#($0)}"# })
        #expect(!values.isEmpty && values.allSatisfy(valid.contains), "\(values.filter { !valid.contains($0) }); \(TestSeed.describe(seed))")
        #expect(try sandbox.sql("""
            SELECT id FROM session s WHERE state = 'completed' AND ((SELECT count(*) FROM answer WHERE session_id = s.id) != 5
            OR (SELECT count(*) FROM score WHERE session_id = s.id) != 1)
            """) == [], "a completed session has its five answers and its score")
        if engine == .local {
            let check = try sandbox.run(["check"], as: "Ana")
            #expect(check.status == 0, "\(check.stdoutText)")
        }
    }

    // MARK: - A damaged world

    /// Root ignores file modes; `chattr +i` makes a file unwritable even for root where the file
    /// system supports it. nil when neither works here.
    static let readOnlyMethod: String? = {
        if getuid() != 0 { return "chmod" }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("coach-ro-probe-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: probe, contents: Data("x".utf8)) else { return nil }
        defer {
            _ = try? ProcessRunner.run("/usr/bin/chattr", arguments: ["-i", probe], timeout: .seconds(10))
            try? FileManager.default.removeItem(atPath: probe)
        }
        guard let result = try? ProcessRunner.run("/usr/bin/chattr", arguments: ["+i", probe], timeout: .seconds(10)),
              result.status == 0 else { return nil }
        let fd = open(probe, O_RDWR)
        if fd >= 0 { close(fd); return nil }
        return "chattr"
    }()

    @Test("a read-only store is refused with a clear message and left as it was",
          .enabled(if: readOnlyMethod != nil, "running as root on a file system without chattr +i: nothing makes a file read-only for root here"),
          .timeLimit(.minutes(1)))
    func readOnlyStore() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        _ = try sandbox.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        let before = try Data(contentsOf: URL(fileURLWithPath: sandbox.store))
        if Self.readOnlyMethod == "chmod" {
            chmod(sandbox.store, 0o400)
        } else {
            #expect(try ProcessRunner.run("/usr/bin/chattr", arguments: ["+i", sandbox.store]).status == 0)
        }
        defer { _ = try? ProcessRunner.run("/usr/bin/chattr", arguments: ["-i", sandbox.store]); chmod(sandbox.store, 0o600) }
        let result = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "run", "who-5"],
                                     input: Self.who5.joined(separator: "\n") + "\n")
        #expect(result.status == 1)
        #expect(result.stderrText.contains("cannot open the store \(sandbox.store)"), "\(result.stderrText)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.store)) == before)
    }

    @Test("a full disk (a file-size limit) stops the session with an error, keeps what was acknowledged, and resume completes it",
          .timeLimit(.minutes(2)))
    func fullDisk() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let input = (["run weekly-self-assessment"] + Self.weekly).joined(separator: "\n") + "\n"
        // 128 blocks of 512 bytes: the write-ahead log outgrows it within a few answers.
        let limited = try ProcessRunner.run("/bin/sh", arguments: ["-c", #"ulimit -f 128; exec "$0" "$@""#, CoachSandbox.binary,
                                                                   "--store", sandbox.store, "--as", "Ana"],
                                            environment: sandbox.environment, inheritEnvironment: false,
                                            stdin: Data(input.utf8), timeout: .seconds(60))
        #expect(!limited.killedBySignal, "coach must not die of SIGXFSZ")
        #expect(limited.status != 0)
        #expect(limited.stderrText.contains("could not save the answer"), "\(limited.stderrText.prefix(500))")
        #expect(try sandbox.sqlValue("PRAGMA integrity_check") == "ok")
        #expect(try sandbox.sqlValue("SELECT state FROM session WHERE id = 1") == "in_progress")
        #expect(try sandbox.sqlValue("SELECT count(*) FROM score") == "0")
        let kept = try sandbox.sql("SELECT value FROM answer WHERE session_id = 1 ORDER BY position")
        #expect(kept.count < Self.weekly.count)
        #expect(kept == Self.weekly.prefix(kept.count).map { #"{"type":"choice","value":\#($0)}"# })

        let resumed = try sandbox.shell(["resume"] + Self.weekly[kept.count...], as: "Ana")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(try sandbox.sqlValue("SELECT state FROM session WHERE id = 1") == "completed")
        // Every line an answer, but the last ("."), which skips the optional complaints.
        #expect(try sandbox.sqlValue("SELECT count(*) FROM answer WHERE session_id = 1") == "\(Self.weekly.count - 1)")
    }

    @Test("a truncated store is reported as damaged and left as it was", .timeLimit(.minutes(1)))
    func truncatedStore() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        #expect(try sandbox.shell(["run who-5"] + Self.who5, as: "Ana").status == 0)
        _ = try sandbox.sql("PRAGMA wal_checkpoint(TRUNCATE)")
        let whole = try Data(contentsOf: URL(fileURLWithPath: sandbox.store))
        let half = whole.prefix(whole.count / 2)
        try half.write(to: URL(fileURLWithPath: sandbox.store))
        for command in [["people"], ["check"], ["run", "who-5"]] {
            let result = try sandbox.run(["--store", sandbox.store, "--as", "Ana"] + command)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderrText.contains("is damaged"), "\(command): \(result.stderrText)")
            #expect(result.stderrText.contains("coach backup"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.store)) == half)
    }

    @Test("a surveys folder that vanished is named", .timeLimit(.minutes(1)))
    func vanishedSurveysFolder() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let gone = sandbox.root.appendingPathComponent("surveys-gone").path
        let result = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "--surveys", gone, "run", "who-5"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("the surveys folder \(gone) does not exist"), "\(result.stderrText)")
        #expect(try sandbox.sqlValue("SELECT count(*) FROM session") == "0")
    }

    static func pulse(_ version: String, max: Int) -> String {
        """
        format: 1
        id: pulse
        title: Pulse
        kind: check-in
        audience: rep
        questions:
          - {id: q1, text: First question \(version), type: scale, min: 1, max: \(max)}
          - {id: q2, text: Second question \(version), type: scale, min: 1, max: \(max)}
          - {id: q3, text: Third question \(version), type: scale, min: 1, max: \(max)}
        scores:
          - {id: total, label: Total, items: [q1, q2, q3], method: \(version == "v1" ? "sum" : "mean"), range: \(version == "v1" ? "[3, 15]" : "[1, 10]"), higher_is: better}

        """
    }

    @Test("a survey edited between pause and resume: the session resumes with the version it started with",
          .timeLimit(.minutes(1)), arguments: StoreEngine.allCases)
    func surveyEditedMidSession(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-surveys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("pulse.yaml")
        try Self.pulse("v1", max: 5).write(to: file, atomically: true, encoding: .utf8)
        let surveys = ["--surveys", folder.path]
        let started = try sandbox.run(surveys, as: "Ana", input: "run pulse\n2\n3\n:pause\n")
        #expect(started.status == 0, "\(started.stderrText)")
        #expect(try sandbox.sqlValue("SELECT state FROM session") == "paused")

        try Self.pulse("v2", max: 10).write(to: file, atomically: true, encoding: .utf8)
        let resumed = try sandbox.run(surveys, as: "Ana", input: "resume\n4\n")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(resumed.stdoutText.contains("Third question v1"))
        #expect(!resumed.stdoutText.contains("v2"))
        #expect(try sandbox.sql("SELECT question_id, value FROM answer ORDER BY position")
                == [#"q1|{"type":"number","value":2}"#, #"q2|{"type":"number","value":3}"#, #"q3|{"type":"number","value":4}"#])
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])
        #expect(try sandbox.sql("SELECT score_id, value FROM score") == ["total|9.0"], "scored by v1 (sum), not v2 (mean)")

        let fresh = try sandbox.run(surveys, as: "Ana", input: "run pulse\n")
        #expect(fresh.stdoutText.contains("First question v2"), "a new session uses the edited file")
        #expect(try sandbox.sqlValue("SELECT count(DISTINCT survey_hash) FROM session") == "2")
    }

    // MARK: - check and backup

    @Test("check passes on a healthy store and names a completed session whose scores were deleted",
          .timeLimit(.minutes(1)))
    func checkFindsBrokenInvariant() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        #expect(try sandbox.shell(["run who-5"] + Self.who5, as: "Ana").status == 0)
        let healthy = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "check"])
        #expect(healthy.status == 0, "\(healthy.stdoutText)")
        #expect(healthy.stdoutText.contains("SQLite integrity"))
        #expect(!healthy.stdoutText.contains("FAIL"))

        _ = try sandbox.sql("DELETE FROM score WHERE session_id = 1")
        let broken = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "check"])
        #expect(broken.status == 1)
        #expect(broken.stdoutText.contains("FAIL  completed sessions have their scores: completed sessions without scores: #1"),
                "\(broken.stdoutText)")
    }

    static let setpriv = "/usr/bin/setpriv"

    @Test("check reads a 0400 copy made by backup and changes nothing in it or beside it",
          .enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv),
                   "as root, a 0400 file is writable; the check runs as another user through setpriv, which is missing"),
          .timeLimit(.minutes(1)))
    func checkReadsAReadOnlyCopy() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        #expect(try sandbox.shell(["run who-5"] + Self.who5, as: "Ana").status == 0)
        let copies = sandbox.root.appendingPathComponent("copies")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: false)
        let copy = copies.appendingPathComponent("coach-copy.sqlite").path
        let backup = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "backup", copy])
        #expect(backup.status == 0, "\(backup.stderrText)")
        chmod(copy, 0o400)
        var command = [CoachSandbox.binary, "--store", copy, "check"]
        if getuid() == 0 {
            // Root writes any file: the copy goes to another user, for whom 0400 means read-only.
            #expect(chown(copy, 65534, 65534) == 0)
            command = [Self.setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let result = try ProcessRunner.run(command[0], arguments: Array(command.dropFirst()),
                                           environment: sandbox.environment, inheritEnvironment: false)
        #expect(result.status == 0, "\(result.stderrText)\(result.stdoutText)")
        #expect(result.stdoutText.contains("ok    SQLite integrity"), "\(result.stdoutText)")
        #expect(!result.stdoutText.contains("FAIL"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o400)
        #expect(try FileManager.default.contentsOfDirectory(atPath: copies.path) == ["coach-copy.sqlite"])
    }

    @Test("check names weekly aggregates that disagree with the sessions; check --repair rebuilds them",
          .timeLimit(.minutes(1)))
    func checkRepairsAggregates() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        #expect(try sandbox.shell(["run who-5"] + Self.who5, as: "Ana").status == 0)
        let kept = try sandbox.sql("SELECT week, respondents, total FROM team_week_score")
        #expect(kept.count == 1)
        _ = try sandbox.sql("UPDATE team_week_score SET total = total + 4")
        let broken = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "check"])
        #expect(broken.status == 1)
        #expect(broken.stdoutText.contains("FAIL  weekly aggregates match the sessions: 1 team-week rows"), "\(broken.stdoutText)")
        let repaired = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "check", "--repair"])
        #expect(repaired.status == 0, "\(repaired.stdoutText)")
        #expect(repaired.stdoutText.contains("Rebuilt the weekly aggregates"))
        #expect(try sandbox.sql("SELECT week, respondents, total FROM team_week_score") == kept)
    }

    @Test("backup copies the store while another process writes sessions; the copy passes check; an existing file is refused",
          .timeLimit(.minutes(3)))
    func backupWhileWriting() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let lines = (0..<12).flatMap { _ in ["run who-5"] + Self.who5 }
        let done = DispatchSemaphore(value: 0)
        let writing = Thread {
            _ = try? sandbox.run(["--store", sandbox.store, "--as", "Ana"], input: lines.joined(separator: "\n") + "\n",
                                 timeout: .seconds(120))
            done.signal()
        }
        writing.start()
        try waitUntil("the writer's first answer", seconds: 30) { try sandbox.sqlValue("SELECT count(*) FROM answer") != "0" }

        var copies: [String] = []
        for index in 0..<3 {
            let copy = sandbox.root.appendingPathComponent("backup-\(index).sqlite").path
            let backup = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "backup", copy])
            #expect(backup.status == 0, "\(backup.stderrText)")
            #expect(backup.stdoutText.contains("Backed up"))
            copies.append(copy)
        }
        #expect(done.wait(timeout: .now() + 150) == .success)
        for copy in copies {
            let attributes = try FileManager.default.attributesOfItem(atPath: copy)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let check = try sandbox.run(["--store", copy, "--as", "Ana", "check"])
            #expect(check.status == 0, "\(copy): \(check.stdoutText)")
            let inCopy = try sandbox.sql("SELECT count(*) FROM answer", store: copy)
            let completed = try sandbox.sql("SELECT count(*) FROM session WHERE state = 'completed'", store: copy)
            #expect(Int(inCopy.first ?? "") != nil && Int(completed.first ?? "") != nil)
        }
        #expect(try sandbox.sqlValue("SELECT count(*) FROM session WHERE state = 'completed'") == "12")

        let again = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "backup", copies[0]])
        #expect(again.status == 1)
        #expect(again.stderrText.contains("cannot write the backup to \(copies[0]): it already exists"), "\(again.stderrText)")
        #expect(!again.stderrText.contains("cannot open the store"), "the store is not what failed")
    }
}
