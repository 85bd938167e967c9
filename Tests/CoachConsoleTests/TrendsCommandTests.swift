@testable import CoachConsole
import CoachTestSupport
import CoachCore
import CoachStore
import Foundation
import Testing

/// `trends PERSON` on a hand-made series: WHO-5 wellbeing 40, 60, 52, 76 one week apart, the last
/// one this week. latest 76, previous 52, delta 24, mean 57; slope over t = −3…0 weeks:
/// Σ(t−t̄)(v−v̄) / Σ(t−t̄)² = (25.5 − 1.5 − 2.5 + 28.5) / 5 = 10 per week.
@Suite("trends, in process")
struct TrendsCommandTests {
    static let series: [Double] = [40, 60, 52, 76]

    func shell(_ lines: [String], as user: String = "Ana", extra: (HistoryBuilder) throws -> Void = { _ in }) throws -> TestShell {
        let builder = try HistoryBuilder.seeded()
        for (index, value) in Self.series.enumerated() {
            try builder.session("who-5", kind: "check-in", at: HistoryBuilder.daysAgo(Double(7 * (3 - index))),
                                scores: ["wellbeing": value], band: value <= 50 ? "poor" : "ok")
        }
        try extra(builder)
        let shell = try TestShell(lines: lines, user: user, database: builder.database)
        #expect(shell.run() == 0, "\(shell.errors)")
        return shell
    }

    @Test("latest, previous, delta, mean, slope, band and n of a hand-computed series")
    func numbers() throws {
        let rows = try shell(["trends Ana --json"]).jsonArray
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["subject"] as? String == "Ana")
        #expect(row["survey"] as? String == "who-5")
        #expect(row["score"] as? String == "wellbeing")
        #expect(row["latest"] as? Double == 76)
        #expect(row["previous"] as? Double == 52)
        #expect(row["delta"] as? Double == 24)
        #expect(row["mean"] as? Double == 57)
        #expect(abs((row["slope_per_week"] as? Double ?? 0) - 10) < 0.01)
        #expect(row["band"] as? String == "ok")
        #expect((row["points"] as? [[String: Any]])?.map { $0["value"] as? Double } == Self.series)
        for field in ["subject", "survey", "score", "n", "points", "latest", "previous", "delta", "mean", "slope_per_week",
                      "band", "reliable_change"] {
            #expect(row[field] != nil, "the fixed JSON field \(field)")
        }
    }

    @Test("the sparkline is scaled to the score's range 0–100, not to the data's min and max")
    func sparkline() throws {
        let rows = try shell(["trends Ana --json"]).jsonArray
        // 40 → ⌊3.2⌋ ▄, 60 → ⌊4.8⌋ ▅, 52 → ⌊4.16⌋ ▅, 76 → ⌊6.08⌋ ▇; eight empty weeks before.
        #expect(rows.first?["sparkline"] as? String == "        ▄▅▅▇")
    }

    @Test("reliable change by the survey's change (WHO-5: 10 points): 52 → 76 improved, 76 → 70 not, 76 → 60 worsened")
    func reliableChangeByThreshold() throws {
        #expect(try shell(["trends Ana --json"]).jsonArray.first?["reliable_change"] as? String == "improved")
        let small = try shell(["trends Ana --json"]) { builder in
            try builder.session("who-5", kind: "check-in", at: Date().addingTimeInterval(-30), scores: ["wellbeing": 70])
        }
        #expect(small.jsonArray.first?["delta"] as? Double == -6)
        #expect(small.jsonArray.first?["previous"] as? Double == 76)
        #expect(small.jsonArray.first?["reliable_change"] as? String == "none")
        let worse = try shell(["trends Ana --json"]) { builder in
            try builder.session("who-5", kind: "check-in", at: Date().addingTimeInterval(-30), scores: ["wellbeing": 60])
        }
        #expect(worse.jsonArray.first?["reliable_change"] as? String == "worsened", "76 → 60: −16, higher is better")
    }

    @Test("CBI has no change: and fewer than 30 respondents: no change is flagged, however large")
    func noChangeRuleNoFlag() throws {
        let rows = try shell(["trends Ana --score personal --json"]) { builder in
            try builder.session("cbi", kind: "check-in", at: HistoryBuilder.daysAgo(30), scores: ["personal": 0])
            try builder.session("cbi", kind: "check-in", at: HistoryBuilder.daysAgo(0), scores: ["personal": 100])
        }.jsonArray
        #expect(rows.count == 1)
        #expect(rows.first?["delta"] as? Double == 100)
        #expect(rows.first?["reliable_change"] as? String == "none")
    }

    @Test("--score picks one score by id or survey.score; --weeks narrows the window")
    func scoreAndWeeks() throws {
        let add: (HistoryBuilder) throws -> Void = { builder in
            try builder.session("cbi", kind: "check-in", at: HistoryBuilder.daysAgo(1), scores: ["personal": 50, "work": 25])
        }
        #expect(try shell(["trends Ana --json"], extra: add).jsonArray.count == 3)
        #expect(try shell(["trends Ana --score wellbeing --json"], extra: add).jsonArray.map { $0["score"] as? String } == ["wellbeing"])
        #expect(try shell(["trends Ana --score cbi.work --json"], extra: add).jsonArray.map { $0["score"] as? String } == ["work"])
        let two = try shell(["trends Ana --weeks 2 --score wellbeing --json"]).jsonArray.first
        #expect((two?["points"] as? [Any])?.count == 2)
        #expect(two?["mean"] as? Double == 64)
        #expect(two?["slope_per_week"] is NSNull, "two points are no trend")
        #expect(two?["sparkline"] as? String == "▅▇")
    }

    @Test("--score naming no survey or score is refused with a suggestion; a known score with no data says so")
    func unknownScore() throws {
        let builder = try HistoryBuilder.seeded()
        let typo = try TestShell(lines: ["trends Ana --score wellbeng --json"], user: "Ana", database: builder.database)
        #expect(typo.run() == 1)
        #expect(typo.errors.contains("no survey or score 'wellbeng' (did you mean 'wellbeing'?)"), "\(typo.errors)")
        #expect(typo.output.isEmpty)
        let none = try TestShell(lines: ["trends Ana --score cbi.work"], user: "Ana", database: builder.database)
        #expect(none.run() == 0, "\(none.errors)")
        #expect(none.output.contains("You have no 'cbi.work' scores in the last 12 weeks."), "\(none.output)")
    }

    @Test("team rows list a survey's scores in the survey's order, as a person's rows do")
    func teamRowsInSurveyOrder() throws {
        let builder = try HistoryBuilder.seeded()
        for index in 1...5 { try builder.database.addPerson(name: "Rep\(index)", role: .rep, team: "North", manager: nil, by: "Dana") }
        for rep in ["Ana"] + (1...5).map({ "Rep\($0)" }) {
            try builder.session("cbi", kind: "check-in", subject: rep, at: HistoryBuilder.daysAgo(21),
                                scores: ["personal": 50, "work": 25, "client": 75])
        }
        let team = try TestShell(lines: ["trends --team North --json"], user: "Marco", database: builder.database)
        #expect(team.run() == 0, "\(team.errors)")
        #expect(team.jsonArray.map { $0["score"] as? String } == ["personal", "work", "client"], "\(team.output)")
        let person = try TestShell(lines: ["trends Ana --score cbi --json"], user: "Ana", database: builder.database)
        #expect(person.run() == 0, "\(person.errors)")
        #expect(person.jsonArray.map { $0["score"] as? String } == ["personal", "work", "client"])
    }

    @Test("an amended check-in supersedes the earlier one in trends; both stay stored")
    func amendSupersedes() throws {
        let builder = try HistoryBuilder.seeded()
        let first = try builder.session("who-5", kind: "check-in", at: HistoryBuilder.daysAgo(0.02), scores: ["wellbeing": 20])
        try builder.session("who-5", kind: "check-in", at: HistoryBuilder.daysAgo(0.01), scores: ["wellbeing": 68], supersedes: first)
        let shell = try TestShell(lines: ["trends Ana --json"], user: "Ana", database: builder.database)
        #expect(shell.run() == 0)
        #expect(shell.output.contains("\"latest\" : 68"))
        #expect(!shell.output.contains("\"value\" : 20"), "the superseded value is not a trend point")
        #expect(try builder.database.session(id: first)?.state == .completed, "the earlier one stays stored")
    }

    @Test("--csv is RFC 4180: CRLF line ends, quoted fields with commas and quotes")
    func csv() throws {
        let builder = try HistoryBuilder.seeded()
        try builder.database.addPerson(name: "Lima, \"Bea\"", role: .rep, team: "North", manager: nil, by: "Dana")
        try builder.session("who-5", kind: "check-in", subject: "Lima, \"Bea\"", at: HistoryBuilder.daysAgo(7), scores: ["wellbeing": 40])
        try builder.session("who-5", kind: "check-in", subject: "Lima, \"Bea\"", at: HistoryBuilder.daysAgo(0), scores: ["wellbeing": 48])
        let shell = try TestShell(lines: [#"trends 'Lima, "Bea"' --csv"#], user: "Lima, \"Bea\"", database: builder.database)
        #expect(shell.run() == 0, "\(shell.errors)")
        #expect(shell.output.hasSuffix("\r\n"))
        let lines = shell.output.components(separatedBy: "\r\n")
        #expect(lines.first == "subject,survey,score,date,value,n,latest,previous,delta,mean,slope_per_week,band,reliable_change")
        #expect(lines.count == 4, "header, one record per point, and the empty rest after the last CRLF")
        #expect(lines.last == "")
        #expect(lines[1].hasPrefix(#""Lima, ""Bea""",who-5,wellbeing,"#), "\(lines[1])")
        #expect(lines[1].hasSuffix(",40,2,48,40,8,44,,poor,none"), "\(lines[1])")
        #expect(lines[2].hasSuffix(",48,2,48,40,8,44,,poor,none"), "\(lines[2])")
        #expect(!shell.output.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
    }

    @Test("--csv read by Python's csv module: one record per point, the summary on each, a header always")
    func csvOnePointPerRow() throws {
        let output = try shell(["trends Ana --csv"]).output
        let script = """
            import csv, io, sys
            rows = list(csv.DictReader(io.StringIO(sys.stdin.read(), newline="")))
            for r in rows:
                print(r["subject"], r["survey"], r["score"], len(r["date"]), float(r["value"]), r["n"], r["latest"], r["band"], r["reliable_change"])
            """
        let read = try ProcessRunner.run("/usr/bin/env", arguments: ["python3", "-c", script], stdin: Data(output.utf8),
                                         timeout: .seconds(60))
        #expect(read.status == 0, "\(read.stderrText)")
        #expect(read.stdoutText == Self.series.map { "Ana who-5 wellbeing 10 \($0) 4 76 ok improved\n" }.joined(), "\(output)")

        let empty = try shell(["trends Ana --csv --score cbi"]).output
        #expect(empty == TrendRow.csvHeader.joined(separator: ",") + "\r\n", "no points: the header alone")
    }

    @Test("a table for people: the sparkline, numbers and the reliable change mark")
    func table() throws {
        let output = try shell(["trends Ana"]).output
        #expect(output.contains("who-5"))
        #expect(output.contains("▄▅▅▇"))
        #expect(output.contains("▲ improved"))
        #expect(output.contains("+24"))
    }
}

/// Full precision in machine output, slopes only from enough points, no change test on team rows.
@Suite("trends, how sure the numbers are")
struct TrendsPrecisionTests {
    /// Ana's WHO-5 `values`, exactly one week apart (whole seconds, which the store keeps exactly),
    /// the last one this week.
    func builder(_ values: [Double]) throws -> HistoryBuilder {
        let builder = try HistoryBuilder.seeded()
        let last = HistoryBuilder.daysAgo(0).timeIntervalSince1970.rounded(.down)
        for (index, value) in values.enumerated() {
            let date = Date(timeIntervalSince1970: last - Double(7 * 86_400 * (values.count - 1 - index)))
            try builder.session("who-5", kind: "check-in", at: date, scores: ["wellbeing": value])
        }
        return builder
    }

    func run(_ line: String, _ builder: HistoryBuilder, as user: String = "Ana") throws -> TestShell {
        let shell = try TestShell(lines: [line], user: user, database: builder.database)
        #expect(shell.run() == 0, "\(shell.errors)")
        return shell
    }

    @Test("JSON numbers equal an independent OLS slope and mean to 1e-9, not two decimals")
    func jsonEqualsIndependentComputation() throws {
        let values: [Double] = [40, 43, 41, 47, 44, 52, 45]
        let row = try #require(try run("trends Ana --json", builder(values)).jsonArray.first)
        let points = try #require(row["points"] as? [[String: Any]])
        // Times in weeks from the points' own dates (days, as JSON gives them), then OLS by hand.
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")  // whole days apart, as the sessions are
        let dates = try points.map { try #require(formatter.date(from: $0["date"] as? String ?? "")) }
        let x = dates.map { $0.timeIntervalSince(dates[0]) / (7 * 86_400) }
        let y = points.map { $0["value"] as? Double ?? .nan }
        #expect(y == values)
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0
        for (xi, yi) in zip(x, y) { sxy += (xi - mx) * (yi - my); sxx += (xi - mx) * (xi - mx) }
        let slope = sxy / sxx
        let mean = try #require(row["mean"] as? Double)
        let jsonSlope = try #require(row["slope_per_week"] as? Double)
        #expect(abs(mean - my) < 1e-9, "mean \(mean) vs \(my)")
        #expect(abs(jsonSlope - slope) < 1e-9, "slope \(jsonSlope) vs \(slope)")
        #expect(abs(jsonSlope - (jsonSlope * 100).rounded() / 100) > 1e-6, "not cut to two decimals: \(jsonSlope)")
    }

    @Test("a mean of exactly 4.375 prints as 4.375 in JSON and in CSV")
    func exactMeanPrintsExactly() throws {
        let values: [Double] = [1, 5, 5, 5, 5, 5, 4, 5]  // sum 35, n 8
        let history = try builder(values)
        let json = try run("trends Ana --json", history).output
        #expect(json.contains(#""mean" : 4.375,"#), "\(json)")
        let csv = try run("trends Ana --csv", history).output.components(separatedBy: "\r\n")
        let header = csv[0].components(separatedBy: ",")
        let fields = csv[1].components(separatedBy: ",")
        #expect(fields[try #require(header.firstIndex(of: "mean"))] == "4.375", "\(csv[1])")
        let table = try run("trends Ana", history).output
        #expect(table.contains("4.4"), "the table rounds for people")
    }

    @Test("two points on the same day: slope null in JSON, empty in CSV, - in the table")
    func sameDaySlope() throws {
        let history = try HistoryBuilder.seeded()
        try history.session("who-5", kind: "check-in", at: HistoryBuilder.daysAgo(0.02), scores: ["wellbeing": 40])
        try history.session("who-5", kind: "check-in", at: HistoryBuilder.daysAgo(0.01), scores: ["wellbeing": 52])
        let row = try #require(try run("trends Ana --json", history).jsonArray.first)
        #expect(row["slope_per_week"] is NSNull, "\(row["slope_per_week"] ?? "missing")")
        #expect(row["delta"] as? Double == 12)
        let csv = try run("trends Ana --csv", history).output.components(separatedBy: "\r\n")
        let header = csv[0].components(separatedBy: ",")
        #expect(csv[1].components(separatedBy: ",")[try #require(header.firstIndex(of: "slope_per_week"))] == "")
        // Columns are padded to the same width in every line: the row's cell starts where "/WEEK" does.
        let table = try run("trends Ana", history).output.components(separatedBy: "\n")
        let titles = table[0]
        let column = titles.distance(from: titles.startIndex, to: try #require(titles.range(of: "/WEEK")).lowerBound)
        #expect(Array(table[1])[column] == "-" && Array(table[1])[column + 1] == " ", "\(table[1])")
    }

    @Test("team rows carry no individual change test: reliable_change is none even for a jump of 60")
    func teamRowsHaveNoChangeTest() throws {
        let history = try HistoryBuilder.seeded()
        let reps = ["Ana"] + (1...5).map { "Rep\($0)" }
        for rep in reps.dropFirst() { try history.database.addPerson(name: rep, role: .rep, team: "North", manager: nil, by: "Dana") }
        for rep in reps {
            // Weeks that have ended everywhere: team numbers show no week still filling.
            try history.session("who-5", kind: "check-in", subject: rep, at: HistoryBuilder.daysAgo(23), scores: ["wellbeing": 20])
            try history.session("who-5", kind: "check-in", subject: rep, at: HistoryBuilder.daysAgo(9), scores: ["wellbeing": 80])
        }
        let rows = try run("trends --team North --json", history, as: "Dana").jsonArray
        let row = try #require(rows.first { $0["score"] as? String == "wellbeing" }, "\(rows)")
        #expect(row["delta"] as? Double == 60)
        #expect(row["reliable_change"] as? String == "none")
        let table = try run("trends --team North", history, as: "Dana").output
        #expect(!table.contains("improved") && !table.contains("worsened"), "\(table)")
    }
}
