import CoachTestSupport
import Foundation
import Testing

/// `trends --team`: only aggregates over at least `privacy.min_group` respondents, never a
/// small group recovered by subtracting a shown team from a larger total.
@Suite("Team trends privacy")
struct TeamTrendsPrivacyTests {
    /// Dana (HR); Marco manages East, Mia West; East's six reps and West's `west` reps each
    /// answer WHO-5 once (East: three at 60, three at 80; West: all at 20), the reps in `sharing`
    /// sharing their wellbeing first. Then it is all two weeks ago: team numbers show ended weeks.
    func organisation(west: Int, config: String? = nil, sharing: [String] = []) throws -> CoachSandbox {
        let sandbox = try CoachSandbox()
        if let config {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: sandbox.configFile).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try config.write(toFile: sandbox.configFile, atomically: true, encoding: .utf8)
        }
        let east = (1...6).map { "East\($0)" }
        let westReps = (1...max(west, 1)).prefix(west).map { "West\($0)" }
        var lines = ["person add Dana --role hr", "person add Marco --role manager --team East",
                     "person add Mia --role manager --team West"]
        lines += east.map { "person add \($0) --role rep --team East" } + westReps.map { "person add \($0) --role rep --team West" }
        let seeded = try sandbox.shell(lines)
        guard seeded.status == 0 else { throw ProcessRunnerError(description: seeded.stderrText) }
        for rep in sharing {
            let shared = try sandbox.run(["--store", sandbox.store, "--as", rep, "share", "wellbeing", "on"])
            guard shared.status == 0 else { throw ProcessRunnerError(description: shared.stderrText) }
        }
        for (index, rep) in east.enumerated() {
            let key = index < 3 ? "3" : "4"  // 15 → 60, 20 → 80
            let run = try sandbox.shell(["run who-5"] + Array(repeating: key, count: 5), as: rep)
            guard run.status == 0 else { throw ProcessRunnerError(description: run.stderrText) }
        }
        for rep in westReps {
            let run = try sandbox.shell(["run who-5"] + Array(repeating: "1", count: 5), as: rep)
            guard run.status == 0 else { throw ProcessRunnerError(description: run.stderrText) }
        }
        try sandbox.backdate(days: 14)
        return sandbox
    }

    func teamJSON(_ sandbox: CoachSandbox, _ team: String, as viewer: String = "Dana") throws -> [[String: Any]] {
        let result = try sandbox.run(["--store", sandbox.store, "--as", viewer, "trends", "--team", team, "--score", "wellbeing", "--json"])
        #expect(result.status == 0, "\(result.stderrText)")
        return try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [[String: Any]] ?? []
    }

    @Test("teams of 6 and 2 with the minimum 5: East shown, West hidden, and 'all' hidden because all − East = West")
    func complementSuppressed() throws {
        let sandbox = try organisation(west: 2)
        defer { sandbox.remove() }
        for viewer in ["Dana", "Marco", "Mia"] {
            let east = try teamJSON(sandbox, "East", as: viewer)
            #expect(east.count == 1)
            #expect(east.first?["n"] as? Int == 6)
            #expect(east.first?["latest"] as? Double == 70)
            #expect(try teamJSON(sandbox, "West", as: viewer).isEmpty, "a team of 2 is below the minimum")
            #expect(try teamJSON(sandbox, "all", as: viewer).isEmpty, "all would reveal West by subtraction")
        }
        let table = try sandbox.run(["--store", sandbox.store, "--as", "Mia", "trends", "--team", "West"])
        #expect(table.status == 0)
        #expect(!table.stdoutText.contains("20"), "no West value in the table either")
        let csv = try sandbox.run(["--store", sandbox.store, "--as", "Dana", "trends", "--team", "all", "--csv"])
        #expect(csv.stdoutText.split(separator: "\r\n").count <= 1, "only the CSV header: \(csv.stdoutText)")
    }

    @Test("teams of 6 and 5: both shown, and 'all' over 11")
    func bothLargeEnough() throws {
        let sandbox = try organisation(west: 5)
        defer { sandbox.remove() }
        #expect(try teamJSON(sandbox, "West").first?["n"] as? Int == 5)
        #expect(try teamJSON(sandbox, "West").first?["latest"] as? Double == 20)
        let all = try teamJSON(sandbox, "all")
        #expect(all.first?["n"] as? Int == 11)
        let latest = try #require(all.first?["latest"] as? Double)
        #expect(abs(latest - 520.0 / 11) < 1e-9, "full precision, not 47.27: \(latest)")  // (3·60 + 3·80 + 5·20) / 11
    }

    @Test("a week with fewer respondents than the minimum is left out; the week with enough stays")
    func smallWeekLeftOut() throws {
        let sandbox = try organisation(west: 0)
        defer { sandbox.remove() }
        // Two East reps also answered a week before: that week has 2 respondents.
        _ = try sandbox.sql("""
            INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, completed_at, state, period_key)
              SELECT survey_id, survey_hash, kind, subject_id, author_id, strftime('%Y-%m-%d %H:%M:%f', started_at, '-7 days'),
                     strftime('%Y-%m-%d %H:%M:%f', updated_at, '-7 days'), strftime('%Y-%m-%d %H:%M:%f', completed_at, '-7 days'),
                     state, NULL
              FROM session WHERE id IN (1, 2);
            INSERT INTO score (session_id, score_id, value, band, alert)
              SELECT s.id, 'wellbeing', 10.0, 'low', 0 FROM session s WHERE s.id > 6;
            """)
        let east = try teamJSON(sandbox, "East")
        let points = east.first?["points"] as? [[String: Any]] ?? []
        #expect(points.count == 1, "only this week's point: \(points)")
        #expect(east.first?["previous"] is NSNull)
        #expect(points.allSatisfy { $0["value"] as? Double != 10 })
    }

    @Test("privacy.min_group from config.yaml: 7 hides a team of 6; below 3 is refused, never applied")
    func configuredMinimum() throws {
        let strict = try organisation(west: 0, config: "privacy:\n  min_group: 7\n")
        defer { strict.remove() }
        #expect(try teamJSON(strict, "East").isEmpty)
        try "privacy:\n  min_group: 1\n".write(toFile: strict.configFile, atomically: true, encoding: .utf8)
        let refused = try strict.run(["--store", strict.store, "--as", "Dana", "trends", "--team", "East", "--json"])
        #expect(refused.status != 0)
        #expect(refused.stderrText.contains("privacy.min_group is 1; it may not be below 3"))
        #expect(!refused.stdoutText.contains("wellbeing"))
    }

    @Test("a manager who sees 5 of East's 6 wellbeing scores individually (shared) gets no East mean: it would reveal the 6th")
    func individuallySharedValuesAreSubtracted() throws {
        let sandbox = try organisation(west: 5, sharing: (1...5).map { "East\($0)" })
        defer { sandbox.remove() }
        #expect(try teamJSON(sandbox, "East", as: "Marco").isEmpty, "6 × mean − the 5 shared values = East6's own")
        #expect(try teamJSON(sandbox, "all", as: "Marco").isEmpty, "all − West − the 5 known = East6 again")
        #expect(try teamJSON(sandbox, "West", as: "Marco").first?["n"] as? Int == 5, "West: nobody known, 5")
        #expect(try teamJSON(sandbox, "East", as: "Mia").first?["n"] as? Int == 6, "Mia knows none of them")
        #expect(try teamJSON(sandbox, "East", as: "Dana").first?["n"] as? Int == 6)
        #expect(try teamJSON(sandbox, "all", as: "Dana").first?["n"] as? Int == 11)
        // With 4 of 6 known, the other 2 would be recovered together: still hidden.
        let sharedOff = try sandbox.run(["--store", sandbox.store, "--as", "East5", "share", "wellbeing", "off"])
        #expect(sharedOff.status == 0)
        #expect(try teamJSON(sandbox, "East", as: "Marco").isEmpty, "4 known, 2 not: 2 < 5 could still be recovered together")
    }

    @Test("a rep gets no team aggregates")
    func repRefused() throws {
        let sandbox = try organisation(west: 0)
        defer { sandbox.remove() }
        let result = try sandbox.run(["--store", sandbox.store, "--as", "East1", "trends", "--team", "East", "--json"])
        #expect(result.status == 1)
        #expect(result.stderrText.contains("team trends are for managers and HR"))
        #expect(!result.stdoutText.contains("wellbeing"))
    }
}
