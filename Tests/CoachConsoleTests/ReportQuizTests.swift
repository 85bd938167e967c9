@testable import CoachConsole
import CoachScoring
import CoachTestSupport
import CoachCore
@testable import CoachStore
import Foundation
import Testing

/// `report quiz QUIZ --json` over attempts planted through the store: its fixed fields,
/// statistics on first attempts only, the gain over pre/post pairs, flags only from 10 attempts.
@Suite("report quiz, in process")
struct ReportQuizTests {
    static let questions = ["stage_after_qualified", "weighted_value", "conversion_rate", "proposals_needed", "sales_cycle",
                            "lost_stage", "stale_deal", "bant_a", "bant_confirmed", "qualification_purpose", "duplicates",
                            "log_after_call", "crm_acronym", "private_spreadsheet", "third_follow_up", "call_back_request",
                            "next_step_dated"]

    static func maxMark(_ id: String) -> Double { id == "bant_confirmed" ? 2 : id == "log_after_call" ? 3 : 1 }

    /// Person `i`'s marks: everyone gets the first question right (facility 100: too easy).
    static func marks(_ i: Int) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: questions.enumerated().map { j, id in
            (id, j == 0 || (i * 7 + j * 3) % 5 < 3 ? maxMark(id) : 0)
        })
    }

    static func percent(_ i: Int) -> Double { marks(i).values.reduce(0, +) / 20 * 100 }

    /// `people` reps R0… (the last in South under Mia, the rest in North under Marco), one first
    /// attempt each; R0–R2 took it as `pre` and later a `post` attempt with gain exactly 0.5.
    func store(people: Int) throws -> AppDatabase {
        let builder = try HistoryBuilder.seeded()
        let database = builder.database
        try database.addPerson(name: "Mia", role: .manager, team: "South", manager: nil, by: "Dana")
        for i in 0..<people {
            try database.addPerson(name: "R\(i)", role: .rep, team: i == people - 1 ? "South" : "North", manager: nil, by: "Dana")
        }
        try database.recordSurveyVersion(surveyID: "crm-basics", hash: "test-crm", content: "")
        func attempt(_ i: Int, phase: SessionPhase?, percent: Double, marks: [String: Double], daysAgo: Double) throws {
            let person = try database.person(named: "R\(i)")!.id!
            let id = try database.startSession(surveyID: "crm-basics", surveyHash: "test-crm", kind: "quiz", subjectID: person,
                                               authorID: person, phase: phase, at: HistoryBuilder.daysAgo(daysAgo))
            try database.completeSession(id: id, scores: [ScoreRow(scoreID: "percent", value: percent),
                                                          ScoreRow(scoreID: "passed", value: percent >= 70 ? 1 : 0)],
                                         marks: marks.map { MarkRow(questionID: $0.key, mark: $0.value, maxMark: Self.maxMark($0.key)) },
                                         at: HistoryBuilder.daysAgo(daysAgo))
        }
        for i in 0..<people {
            try attempt(i, phase: i < 3 ? .pre : nil, percent: Self.percent(i), marks: Self.marks(i), daysAgo: 20)
        }
        for i in 0..<min(3, people) {
            try attempt(i, phase: .post, percent: 50 + Self.percent(i) / 2, marks: [:], daysAgo: 2)
        }
        return database
    }

    func report(people: Int, as viewer: String = "Dana") throws -> [String: Any] {
        let shell = try TestShell(lines: ["report quiz crm-basics --json"], user: viewer, database: try store(people: people))
        #expect(shell.run() == 0, "\(shell.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(shell.output.utf8)) as? [String: Any])
    }

    func table(people: Int, as viewer: String = "Dana") throws -> String {
        let shell = try TestShell(lines: ["report quiz crm-basics"], user: viewer, database: try store(people: people))
        #expect(shell.run() == 0, "\(shell.errors)")
        return shell.output
    }

    @Test("the fixed fields; attempts count first attempts only; mean and SD of their percents")
    func fields() throws {
        let json = try report(people: 10)
        for field in ["quiz", "attempts", "mean_percent", "sd_percent", "cic", "error_ratio", "standard_error", "pass_rate",
                      "questions", "gain"] {
            #expect(json[field] != nil, "field \(field)")
        }
        #expect(json["quiz"] as? String == "crm-basics")
        #expect(json["attempts"] as? Int == 10, "the three post attempts are not first attempts")
        let percents = (0..<10).map(Self.percent)
        let mean = percents.reduce(0, +) / 10
        let sd = (percents.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 9).squareRoot()
        #expect(abs((json["mean_percent"] as? Double ?? -1) - mean) < 0.051)
        #expect(abs((json["sd_percent"] as? Double ?? -1) - sd) < 0.051)
        #expect(json["pass_rate"] as? Double == Double(percents.filter { $0 >= 70 }.count) / 10)
        let questions = try #require(json["questions"] as? [[String: Any]])
        #expect(questions.count == 17)
        for question in questions {
            for field in ["id", "facility", "sd", "discrimination", "efficiency", "flag"] {
                #expect(question.keys.contains(field), "question field \(field)")
            }
        }
        #expect(questions.first { $0["id"] as? String == "stage_after_qualified" }?["facility"] as? Double == 100)
    }

    @Test("gain: the mean normalised gain over the people with a pre and a post attempt")
    func gain() throws {
        let gain = try #require(try report(people: 10)["gain"] as? [String: Any])
        #expect(gain["people"] as? Int == 3)
        #expect(abs((gain["mean"] as? Double ?? 0) - 0.5) < 0.005)
    }

    @Test("the pass rate of first attempts is said as such; the graded pass rate leaves pre-training attempts out")
    func gradedPassRate() throws {
        let json = try report(people: 10)
        // crm-basics grades by the first attempt, pass mark 70: R0-R2 are graded by their post attempt.
        let grades = (0..<10).map { i in i < 3 ? 50 + Self.percent(i) / 2 : Self.percent(i) }
        let expected = Double(grades.filter { $0 >= 70 }.count) / 10
        #expect(json["graded_people"] as? Int == 10)
        #expect(abs((json["graded_pass_rate"] as? Double ?? -1) - expected) < 1e-9)
        let text = try table(people: 10)
        #expect(text.contains("% (first attempts)"))
        #expect(text.contains("Passed: \(ScoreFormat.display(expected * 100, decimals: 0))% of 10 people (the first of each one's attempts; "
                              + "pre-training attempts not graded)"), "\(text)")
    }

    @Test("the table reads on its own: the gain with two decimals and a legend for F, SD, D and E")
    func tableReadsOnItsOwn() throws {
        let text = try table(people: 10)
        #expect(text.contains("Training gain: mean normalised gain 0.50 over 3 people"), "\(text)")
        #expect(text.contains("F facility: % of the marks won; SD: spread of the marks; D discrimination:"))
    }

    @Test("no flags with 9 attempts; from 10 the always-right question is flagged too easy")
    func flagsFromTen() throws {
        let nine = try #require(try report(people: 9)["questions"] as? [[String: Any]])
        #expect(nine.allSatisfy { $0["flag"] is NSNull }, "\(nine.compactMap { $0["flag"] as? String })")
        let ten = try #require(try report(people: 10)["questions"] as? [[String: Any]])
        #expect(ten.first { $0["id"] as? String == "stage_after_qualified" }?["flag"] as? String == "too_easy")
    }

    @Test("a manager's report covers their own reps only; another rep's attempt is not counted")
    func managerScope() throws {
        let marco = try report(people: 10, as: "Marco")
        #expect(marco["attempts"] as? Int == 9)
        #expect((marco["pass_rate_by_team"] as? [String: Any])?.keys.sorted() == ["North"])
        #expect((marco["pass_rate_by_team"] as? [String: Any])?["North"] is Double)
        let mia = try report(people: 10, as: "Mia")
        #expect(mia["attempts"] as? Int == 1)
        #expect((mia["gain"] as? [String: Any]) == nil, "none of Mia's reps has a pre/post pair")
    }

    @Test("3 attempts: discrimination, efficiency, SD, CIC, error ratio and SE are null and read n too small")
    func threeAttemptsAreTooFew() throws {
        let json = try report(people: 3)
        #expect(json["attempts"] as? Int == 3)
        #expect(json["min_attempts"] as? Int == 10 && json["n_too_small"] as? Bool == true)
        for field in ["cic", "error_ratio", "standard_error"] { #expect(json[field] is NSNull, "\(field): \(json[field] ?? "missing")") }
        #expect(json["mean_percent"] is Double, "the mean of the percents stays")
        let questions = try #require(json["questions"] as? [[String: Any]])
        for question in questions {
            for field in ["sd", "discrimination", "efficiency"] { #expect(question[field] is NSNull, "\(field) of \(question["id"] ?? "")") }
            #expect(question["n_too_small"] as? Bool == true)
        }
        #expect(questions.first { $0["id"] as? String == "stage_after_qualified" }?["facility"] as? Double == 100,
                "facility is shown from any number of attempts")
        let text = try table(people: 3)
        #expect(text.contains("n too small"), "\(text)")
        #expect(text.contains("Reliability: CIC, error ratio and standard error n too small"), "\(text)")

        let ten = try report(people: 10)
        #expect(ten["n_too_small"] as? Bool == false && ten["cic"] is Double, "from 10 attempts the figures are shown")
    }

    @Test("a team's pass rate needs the privacy minimum (5): South's one person is hidden, North's nine are shown")
    func smallTeamPassRateHidden() throws {
        let json = try report(people: 10)
        let byTeam = try #require(json["pass_rate_by_team"] as? [String: Any])
        #expect(byTeam["South"] is NSNull, "one person: \(byTeam["South"] ?? "missing")")
        #expect(byTeam["North"] is Double)
        #expect(json["min_team_attempts"] as? Int == 5)
        let text = try table(people: 10)
        #expect(text.contains("South n too small (1)"), "\(text)")
        #expect(text.contains("North "), "\(text)")
    }
}
