import CoachTestSupport
import Foundation
import Testing

/// `trends --chart` run as the built binary on both engines: fitted to COLUMNS, ASCII with TERM=dumb.
@Suite("trends --chart, end to end")
struct TrendsChartTests {
    static let unicode = ["LANG": "C.UTF-8"]

    /// Ana's WHO-5 check-ins: one two weeks ago (all 3s: 60), one this week (all 4s: 80).
    func person(_ engine: StoreEngine) throws -> any EngineStore {
        let store = try engine.team()
        let first = try store.shell(["run who-5"] + Array(repeating: "3", count: 5), as: "Ana")
        guard first.status == 0 else { throw ProcessRunnerError(description: first.stderrText) }
        try store.backdate(days: 14)
        let second = try store.shell(["run who-5"] + Array(repeating: "4", count: 5), as: "Ana")
        guard second.status == 0 else { throw ProcessRunnerError(description: second.stderrText) }
        return store
    }

    func chart(_ store: any EngineStore, _ arguments: [String], as viewer: String, columns: Int,
               environment: [String: String] = unicode) throws -> String {
        let result = try store.run(["trends", "--chart"] + arguments, as: viewer, input: "",
                                   environment: environment.merging(["COLUMNS": String(columns)]) { $1 })
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= columns }, "wider than \(columns): \(result.stdoutText)")
        return result.stdoutText
    }

    @Test("a person's chart at 80 and 200 columns: title, range ends, labelled cut-offs, a ● per check-in",
          arguments: StoreEngine.allCases)
    func personChart(_ engine: StoreEngine) throws {
        let store = try person(engine)
        defer { store.remove() }
        for columns in [80, 200] {
            let text = try chart(store, ["--score", "wellbeing"], as: "Ana", columns: columns)
            #expect(text.hasPrefix("Well-being (who-5)\n"), "\(text)")
            #expect(text.contains("100 ┤") && text.contains("  0 ┤"), "\(text)")
            #expect(text.contains("Poor") && text.contains("─────"), "the cut-off line: \(text)")
            #expect(text.filter { $0 == "●" }.count == 3, "two points and the legend's: \(text)")
            #expect(text.contains("● Ana"), "\(text)")
        }
        let manager = try store.run(["trends", "--chart", "Ana", "--weeks", "4"], as: "Marco", input: "",
                                    environment: Self.unicode.merging(["COLUMNS": "80"]) { $1 })
        #expect(manager.status == 0, "\(manager.stderrText)")
        #expect(!manager.stdoutText.contains("Well-being"), "Ana's wellbeing is not shared with Marco: \(manager.stdoutText)")
        #expect(manager.stdoutText.contains("No scores for Ana"), "\(manager.stdoutText)")
    }

    @Test("TERM=dumb draws in plain ASCII: every byte below 0x80", arguments: StoreEngine.allCases)
    func dumbTerminal(_ engine: StoreEngine) throws {
        let store = try person(engine)
        defer { store.remove() }
        for columns in [40, 80] {
            let text = try chart(store, [], as: "Ana", columns: columns, environment: ["TERM": "dumb", "LANG": "C.UTF-8"])
            #expect(Data(text.utf8).allSatisfy { $0 < 0x80 }, "\(text)")
            #expect(text.contains("Well-being (who-5)") && text.contains("* Ana") && text.contains(" +--"), "\(text)")
        }
        let plainLocale = try chart(store, [], as: "Ana", columns: 80, environment: ["LANG": "C"])
        #expect(Data(plainLocale.utf8).allSatisfy { $0 < 0x80 }, "a C locale gets ASCII too: \(plainLocale)")
    }

    @Test("--chart with --json or --csv is a usage error", arguments: StoreEngine.allCases)
    func chartWithJSON(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        for format in ["--json", "--csv"] {
            let result = try store.run(["trends", "--chart", format], as: "Ana")
            #expect(result.status == 2)
            #expect(result.stderrText.contains("choose --chart or --json/--csv"), "\(result.stderrText)")
            #expect(result.stdoutText.isEmpty)
        }
    }

    @Test("a team of 5 over two weeks: the mean drawn, and under it the weeks that are gaps and why",
          arguments: StoreEngine.allCases)
    func teamChart(_ engine: StoreEngine) throws {
        let reps = ["Ana", "Ben", "Cleo", "Dev", "Eli"]
        let store = try engine.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North")] + reps.map { ($0, "rep", "North") })
        defer { store.remove() }
        for rep in reps {
            let run = try store.shell(["run who-5"] + Array(repeating: "3", count: 5), as: rep)
            guard run.status == 0 else { throw ProcessRunnerError(description: run.stderrText) }
        }
        try store.backdate(days: 14)
        for columns in [80, 200] {
            let text = try chart(store, ["--team", "North", "--score", "wellbeing", "--weeks", "6"], as: "Dana", columns: columns)
            #expect(text.contains("Well-being (who-5)") && text.contains("● North"), "\(text)")
            #expect(text.filter { $0 == "●" }.count == 2, "one week shown, and the legend: \(text)")
            #expect(text.contains("week not over yet"), "\(text)")
            #expect(text.contains("not shown: fewer than 5 respondents"), "\(text)")
        }
        let small = try chart(store, ["--team", "North", "--weeks", "6"], as: "Dana", columns: 80, environment: ["TERM": "dumb"])
        #expect(Data(small.utf8).allSatisfy { $0 < 0x80 }, "\(small)")
    }
}
