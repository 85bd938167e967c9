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
    func organisation(_ engine: StoreEngine, west: Int, config: String? = nil, sharing: [String] = []) throws -> any EngineStore {
        let east = (1...6).map { "East\($0)" }
        let westReps = (1...max(west, 1)).prefix(west).map { "West\($0)" }
        let store = try engine.make(people: [("Dana", "hr", nil), ("Marco", "manager", "East"), ("Mia", "manager", "West")]
            + east.map { ($0, "rep", "East") } + westReps.map { ($0, "rep", "West") })
        if let config {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: store.configFile).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try config.write(toFile: store.configFile, atomically: true, encoding: .utf8)
        }
        for rep in sharing {
            let shared = try store.run(["share", "wellbeing", "on"], as: rep)
            guard shared.status == 0 else { throw ProcessRunnerError(description: shared.stderrText) }
        }
        for (index, rep) in east.enumerated() {
            let key = index < 3 ? "3" : "4"  // 15 → 60, 20 → 80
            let run = try store.shell(["run who-5"] + Array(repeating: key, count: 5), as: rep)
            guard run.status == 0 else { throw ProcessRunnerError(description: run.stderrText) }
        }
        for rep in westReps {
            let run = try store.shell(["run who-5"] + Array(repeating: "1", count: 5), as: rep)
            guard run.status == 0 else { throw ProcessRunnerError(description: run.stderrText) }
        }
        try store.backdate(days: 14)
        return store
    }

    func teamJSON(_ store: any EngineStore, _ team: String, as viewer: String = "Dana") throws -> [[String: Any]] {
        let result = try store.run(["trends", "--team", team, "--score", "wellbeing", "--json"], as: viewer)
        #expect(result.status == 0, "\(result.stderrText)")
        return try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [[String: Any]] ?? []
    }

    @Test("teams of 6 and 2 with the minimum 5: East shown, West hidden, and 'all' hidden because all − East = West", arguments: StoreEngine.allCases)
    func complementSuppressed(_ engine: StoreEngine) throws {
        let sandbox = try organisation(engine, west: 2)
        defer { sandbox.remove() }
        for viewer in ["Dana", "Marco", "Mia"] {
            let east = try teamJSON(sandbox, "East", as: viewer)
            #expect(east.count == 1)
            #expect(east.first?["n"] as? Int == 6)
            #expect(east.first?["latest"] as? Double == 70)
            #expect(try teamJSON(sandbox, "West", as: viewer).isEmpty, "a team of 2 is below the minimum")
            #expect(try teamJSON(sandbox, "all", as: viewer).isEmpty, "all would reveal West by subtraction")
        }
        let table = try sandbox.run(["trends", "--team", "West"], as: "Mia")
        #expect(table.status == 0)
        #expect(!table.stdoutText.contains("20"), "no West value in the table either")
        let csv = try sandbox.run(["trends", "--team", "all", "--csv"], as: "Dana")
        #expect(csv.stdoutText.split(separator: "\r\n").count <= 1, "only the CSV header: \(csv.stdoutText)")
    }

    @Test("teams of 6 and 5: both shown, and 'all' over 11", arguments: StoreEngine.allCases)
    func bothLargeEnough(_ engine: StoreEngine) throws {
        let sandbox = try organisation(engine, west: 5)
        defer { sandbox.remove() }
        #expect(try teamJSON(sandbox, "West").first?["n"] as? Int == 5)
        #expect(try teamJSON(sandbox, "West").first?["latest"] as? Double == 20)
        let all = try teamJSON(sandbox, "all")
        #expect(all.first?["n"] as? Int == 11)
        let latest = try #require(all.first?["latest"] as? Double)
        #expect(abs(latest - 520.0 / 11) < 1e-9, "full precision, not 47.27: \(latest)")  // (3·60 + 3·80 + 5·20) / 11
    }

    @Test("a week with fewer respondents than the minimum is left out; the week with enough stays", arguments: StoreEngine.allCases)
    func smallWeekLeftOut(_ engine: StoreEngine) throws {
        let sandbox = try organisation(engine, west: 0)
        defer { sandbox.remove() }
        // Two East reps also answered a week before: that week has 2 respondents.
        _ = try sandbox.sql(engine == .local ? """
            INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, completed_at, state, period_key)
              SELECT survey_id, survey_hash, kind, subject_id, author_id, strftime('%Y-%m-%d %H:%M:%f', started_at, '-7 days'),
                     strftime('%Y-%m-%d %H:%M:%f', updated_at, '-7 days'), strftime('%Y-%m-%d %H:%M:%f', completed_at, '-7 days'),
                     state, NULL
              FROM session WHERE id IN (1, 2);
            INSERT INTO score (session_id, score_id, value, band, alert)
              SELECT s.id, 'wellbeing', 10.0, 'low', 0 FROM session s WHERE s.id > 6;
            """ : """
            INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at, updated_at, completed_at, state, period_key)
              SELECT survey_id, survey_hash, kind, subject_id, author_id, started_at - interval '7 days',
                     updated_at - interval '7 days', completed_at - interval '7 days', state, NULL
              FROM session WHERE id IN (1, 2);
            INSERT INTO score (session_id, score_id, value, band, alert)
              SELECT s.id, 'wellbeing', 10.0, 'low', false FROM session s WHERE s.id > 6;
            SELECT coach.rebuild_weeks()::text;
            """)
        let east = try teamJSON(sandbox, "East")
        let points = east.first?["points"] as? [[String: Any]] ?? []
        #expect(points.count == 1, "only this week's point: \(points)")
        #expect(east.first?["previous"] is NSNull)
        #expect(points.allSatisfy { $0["value"] as? Double != 10 })
    }

    @Test("privacy.min_group from config.yaml: 7 hides a team of 6; below 3 is refused, never applied", arguments: StoreEngine.allCases)
    func configuredMinimum(_ engine: StoreEngine) throws {
        let strict = try organisation(engine, west: 0, config: "privacy:\n  min_group: 7\n")
        defer { strict.remove() }
        #expect(try teamJSON(strict, "East").isEmpty)
        try "privacy:\n  min_group: 1\n".write(toFile: strict.configFile, atomically: true, encoding: .utf8)
        let refused = try strict.run(["trends", "--team", "East", "--json"], as: "Dana")
        #expect(refused.status != 0)
        #expect(refused.stderrText.contains("privacy.min_group is 1; it may not be below 3"))
        #expect(!refused.stdoutText.contains("wellbeing"))
    }

    @Test("a manager who sees 5 of East's 6 wellbeing scores individually (shared) gets no East mean: it would reveal the 6th", arguments: StoreEngine.allCases)
    func individuallySharedValuesAreSubtracted(_ engine: StoreEngine) throws {
        let sandbox = try organisation(engine, west: 5, sharing: (1...5).map { "East\($0)" })
        defer { sandbox.remove() }
        #expect(try teamJSON(sandbox, "East", as: "Marco").isEmpty, "6 × mean − the 5 shared values = East6's own")
        #expect(try teamJSON(sandbox, "all", as: "Marco").isEmpty, "all − West − the 5 known = East6 again")
        #expect(try teamJSON(sandbox, "West", as: "Marco").first?["n"] as? Int == 5, "West: nobody known, 5")
        #expect(try teamJSON(sandbox, "East", as: "Mia").first?["n"] as? Int == 6, "Mia knows none of them")
        #expect(try teamJSON(sandbox, "East", as: "Dana").first?["n"] as? Int == 6)
        #expect(try teamJSON(sandbox, "all", as: "Dana").first?["n"] as? Int == 11)
        // With 4 of 6 known, the other 2 would be recovered together: still hidden.
        let sharedOff = try sandbox.run(["share", "wellbeing", "off"], as: "East5")
        #expect(sharedOff.status == 0)
        #expect(try teamJSON(sandbox, "East", as: "Marco").isEmpty, "4 known, 2 not: 2 < 5 could still be recovered together")
    }

    @Test("a rep gets no team aggregates", arguments: StoreEngine.allCases)
    func repRefused(_ engine: StoreEngine) throws {
        let sandbox = try organisation(engine, west: 0)
        defer { sandbox.remove() }
        let result = try sandbox.run(["trends", "--team", "East", "--json"], as: "East1")
        #expect(result.status == 1)
        #expect(result.stderrText.contains("team trends are for managers and HR"))
        #expect(!result.stdoutText.contains("wellbeing"))
    }
}
