import CoachTestSupport
import Foundation
import Testing

/// `export --json` and `export --csv` read by another program: Python's `json` and `csv` modules
/// see a choice answer as a number, a text answer as a string, a multi answer as a list.
@Suite("export, read by Python")
struct ExportFormatTests {
    /// Runs `python3 -c script` with `input` on its standard input.
    static func python(_ script: String, input: String) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/env", arguments: ["python3", "-c", script], stdin: Data(input.utf8), timeout: .seconds(60))
    }

    /// Ana's weekly self-assessment: 20 choices of 1, one help topic, a text for the next one-on-one,
    /// the optional idea and complaints skipped (22 answers stored).
    static let selfAssessment = ["checkin weekly-self-assessment"] + Array(repeating: "1", count: 20)
        + ["a", "Pricing for ACME", "", ""]

    @Test("export --json: answers carry real JSON values; export --csv: plain text values", arguments: StoreEngine.allCases)
    func realValues(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let checkin = try sandbox.shell(Self.selfAssessment, as: "Ana")
        #expect(checkin.status == 0, "\(checkin.stderrText)")

        let json = try sandbox.run(["export", "--json"], as: "Ana")
        #expect(json.status == 0, "\(json.stderrText)")
        let readJSON = try Self.python("""
            import json, sys
            data = json.load(sys.stdin)
            answers = {a["question"]: a for s in data["sessions"] for a in s["answers"]}
            for q in ["comm_heard", "help_wanted", "next_one_on_one"]:
                a = answers[q]
                print(q, a["type"], type(a["value"]).__name__, json.dumps(a["value"]), sorted(a.keys()) == ["is_private", "question", "type", "value"])
            """, input: json.stdoutText)
        #expect(readJSON.status == 0, "\(readJSON.stderrText)")
        #expect(readJSON.stdoutText == """
            comm_heard choice int 1 True
            help_wanted choices list ["selling"] True
            next_one_on_one text str "Pricing for ACME" True

            """)

        let csv = try sandbox.run(["export", "--csv"], as: "Ana")
        #expect(csv.status == 0, "\(csv.stderrText)")
        let readCSV = try Self.python("""
            import csv, io, sys
            rows = list(csv.DictReader(io.StringIO(sys.stdin.read(), newline="")))
            answers = {r["key"]: r["value"] for r in rows if r["record"] == "answer"}
            print(len([r for r in rows if r["record"] == "answer"]))
            for q in ["comm_heard", "help_wanted", "next_one_on_one"]:
                print(q, answers[q])
            print(float(answers["comm_heard"]) == 1)
            """, input: csv.stdoutText)
        #expect(readCSV.status == 0, "\(readCSV.stderrText)")
        #expect(readCSV.stdoutText == """
            22
            comm_heard 1
            help_wanted ["selling"]
            next_one_on_one Pricing for ACME
            True

            """)
    }
}
