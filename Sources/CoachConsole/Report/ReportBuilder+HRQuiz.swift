import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// HR's quiz sections of `report html`: item analysis, pre/post gain per team and first-attempt
/// pass rate per team, each quiz read as `report quiz` reads it (`QuizReportBuilder`), so the
/// charts withhold what the text report withholds.
extension ReportBuilder {
    /// A quiz the viewer may see attempts at, with its report.
    struct QuizData {
        let survey: Survey
        let attempts: [QuizAttemptRecord]
        let builder: QuizReportBuilder
    }

    /// The quizzes with at least one attempt the viewer may see, by id.
    func quizzesTaken(minimum: Int) throws -> [QuizData] {
        let database = try context.database()
        return try context.catalog().surveys.values.filter { $0.kind == .quiz }.sorted { $0.id < $1.id }.compactMap { survey in
            let attempts = try database.quizAttempts(viewer: viewer.name, quizID: survey.id)
            guard !attempts.isEmpty else { return nil }
            return QuizData(survey: survey, attempts: attempts,
                            builder: QuizReportBuilder(survey: survey, attempts: attempts, minTeam: minimum))
        }
    }

    // MARK: - Item analysis

    /// Each question a point by facility and discrimination; withheld questions only counted.
    func itemAnalysisSection(_ quizzes: [QuizData]) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        for quiz in quizzes {
            let report = quiz.builder.report
            let plotted = report.questions.filter { !report.tooSmall($0) && $0.facility != nil && $0.discrimination != nil }
            let withheld = report.questions.filter(report.tooSmall).count
            let undefined = report.questions.filter { !report.tooSmall($0) && ($0.facility == nil || $0.discrimination == nil) }
            let attempts = "\(report.attempts) first attempt\(report.attempts == 1 ? "" : "s")"
            if !plotted.isEmpty {
                blocks.append(.scatter(ScatterChart(
                    id: "quiz.\(quiz.survey.id).items", title: "\(quiz.survey.title): questions by facility and discrimination (\(attempts))",
                    xLabel: "Facility F (% of the marks won)", yLabel: "Discrimination D (−100 to 100)",
                    xRange: 0...100, yRange: -100...100,
                    points: plotted.map { stats in
                        ScatterChart.Point(label: stats.id, x: stats.facility ?? 0,
                                           y: stats.discrimination ?? 0, mark: stats.flag.map(Self.flagText))
                    },
                    xGuides: [ChartGuide(value: ItemAnalysis.tooHardBelow, label: "too hard below \(Self.number(ItemAnalysis.tooHardBelow))%"),
                              ChartGuide(value: ItemAnalysis.tooEasyAbove, label: "too easy above \(Self.number(ItemAnalysis.tooEasyAbove))%")],
                    yGuides: [ChartGuide(value: 0, label: "likely miskeyed below 0")])))
                // The chart labels each point by question id, short enough to read; the words are here.
                blocks.append(.table(DataTable(
                    id: "quiz.\(quiz.survey.id).questions", title: "\(quiz.survey.title): the questions plotted",
                    header: ["Question", "Text", "Flag"],
                    rows: plotted.map { [$0.id, Self.questionText($0.id, in: quiz.survey), $0.flag.map(Self.flagText) ?? ""] })))
            }
            if withheld > 0 {
                blocks.append(.note("\(quiz.survey.title): \(withheld) of \(report.questions.count) question\(report.questions.count == 1 ? "" : "s") "
                                    + "not plotted (\(QuizReportBuilder.tooSmall)): discrimination needs \(report.minimumAttempts) "
                                    + "attempts at a question, and there \(report.attempts == 1 ? "is" : "are") \(attempts)."))
            }
            if !undefined.isEmpty {
                let listed = undefined.map { stats in
                    stats.id + (stats.facility.map { ", F \(Self.number($0))%" } ?? "") + (stats.flag.map { ", " + Self.flagText($0) } ?? "")
                }
                blocks.append(.note("\(quiz.survey.title): \(undefined.count) question\(undefined.count == 1 ? "" : "s") not plotted ("
                                    + listed.joined(separator: "; ") + "): discrimination is undefined where everyone scored "
                                    + "the same on the question or on the rest of the quiz."))
            }
        }
        return ReportDocument.Section(
            title: "Quiz item analysis",
            intro: "Each question of a quiz by facility (the share of the marks won, on first attempts) and discrimination "
                + "(how well it separates strong from weak candidates, −100 to 100), as 'report quiz' computes them. "
                + "Marked points carry their flag: likely miskeyed (D below 0), too easy (F above \(Self.number(ItemAnalysis.tooEasyAbove))), "
                + "too hard (F below \(Self.number(ItemAnalysis.tooHardBelow))), low efficiency (efficiency E below "
                + "\(Self.number(ItemAnalysis.lowEfficiencyBelow))). Flags need \(ItemAnalysis.flagMinimumAttempts) attempts.",
            blocks: blocks)
    }

    // MARK: - Gain

    /// Per quiz with pre and post attempts: the mean normalised gain of each team's people with
    /// both, shown for a team of at least the minimum group, and the organisation's overall
    /// under the complement rule (`TeamAggregate.shownTeams`).
    func gainSection(_ quizzes: [QuizData], minimum: Int) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        for quiz in quizzes {
            guard let overall = quiz.builder.report.gain else { continue }
            let byTeam = Dictionary(grouping: quiz.attempts) { $0.team ?? Self.noTeam }
            let teams = byTeam.keys.sorted()
            let gains = byTeam.mapValues { attempts in
                QuizReportBuilder(survey: quiz.survey, attempts: attempts, minTeam: minimum).report.gain
            }
            func both(_ gain: GainSummary?) -> Int { gain.map { $0.people + $0.undefined.count } ?? 0 }
            let shown = TeamAggregate.shownTeams(gains.mapValues { GroupCount(respondents: both($0)) },
                                                 all: GroupCount(respondents: both(overall)), minGroup: minimum)
            var values: [Double?] = []
            var reasons: [Int: String] = [:]
            for (index, team) in (teams + [Self.organisation]).enumerated() {
                let gain = team == Self.organisation ? overall : gains[team] ?? nil
                let isShown = team == Self.organisation ? shown.all : shown.teams.contains(team)
                if !isShown {
                    values.append(nil)
                    reasons[index] = both(gain) < minimum
                        ? "fewer than \(minimum) people with both attempts"
                        : "not shown: the teams shown would reveal the rest"
                } else if let mean = gain?.mean {
                    values.append(mean)
                } else {
                    values.append(nil)
                    reasons[index] = "undefined: everyone scored 100% before"
                }
            }
            let low = min(-1, values.compactMap { $0 }.min().map { ($0).rounded(.down) } ?? -1)
            blocks.append(.bar(BarChart(
                id: "quiz.\(quiz.survey.id).gain", title: "\(quiz.survey.title): mean normalised gain by team",
                xLabel: "Team", yLabel: "Mean normalised gain g (1 = everything missed before was learned)",
                categories: teams + [Self.organisation], series: [ChartSeries(name: "mean gain g", values: values)],
                range: low...1, guides: [ChartGuide(value: 0, label: "no gain")], missingReasons: reasons)))
        }
        if blocks.isEmpty { blocks = [.note("No quiz has both a pre-training and a post-training attempt by the same person yet.")] }
        return ReportDocument.Section(
            title: "Pre/post training gain by team",
            intro: "Hake's normalised gain g = (post − pre) / (100 − pre) per person (first pre, last post attempt), "
                + "averaged over a team's people with both attempts; a team needs at least \(minimum) of them to be shown.",
            blocks: blocks)
    }

    // MARK: - Pass rates

    /// Per quiz with a pass mark: each team's first-attempt pass rate as `report quiz` gives it,
    /// and the overall rate as a guide where the complement rule allows it.
    func passRateSection(_ quizzes: [QuizData], minimum: Int) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        for quiz in quizzes where quiz.survey.quiz?.pass != nil && !quiz.builder.passRateByTeam.isEmpty {
            let teams = quiz.builder.passRateByTeam.keys.sorted()
            var reasons: [Int: String] = [:]
            let values: [Double?] = teams.enumerated().map { index, team in
                guard let rate = quiz.builder.passRateByTeam[team]?.rate else {
                    reasons[index] = "fewer than \(minimum) first attempts"
                    return nil
                }
                return rate * 100
            }
            // The overall rate only where it cannot give a hidden team's rate away by subtraction.
            let shown = TeamAggregate.shownTeams(quiz.builder.passRateByTeam.mapValues { GroupCount(respondents: $0.attempts) },
                                                 all: GroupCount(respondents: quiz.builder.report.attempts), minGroup: minimum)
            let overall = shown.all ? quiz.builder.report.passRate : nil
            let guides = overall.map {
                [ChartGuide(value: $0 * 100, label: "all first attempts: \(Self.number($0 * 100, decimals: 0))%")]
            } ?? []
            blocks.append(.bar(BarChart(
                id: "quiz.\(quiz.survey.id).pass", title: "\(quiz.survey.title): first-attempt pass rate by team",
                xLabel: "Team", yLabel: "First attempts at or above the pass mark (%)", categories: teams,
                series: [ChartSeries(name: "pass rate", values: values)], range: 0...100, guides: guides, unit: "%",
                missingReasons: reasons)))
        }
        if blocks.isEmpty { blocks = [.note("No quiz with a pass mark has been taken yet.")] }
        return ReportDocument.Section(
            title: "First-attempt pass rate by team",
            intro: "The share of each team's first attempts that reach the quiz's pass mark; "
                + "a team needs at least \(minimum) first attempts to be shown, and the line across all first attempts "
                + "is left out where it would give a hidden team's rate away.",
            blocks: blocks)
    }

    static let noTeam = "(no team)"
    static let organisation = "Organisation"

    static func flagText(_ flag: QuestionFlag) -> String { flag.rawValue.replacingOccurrences(of: "_", with: " ") }

    static func number(_ value: Double, decimals: Int = 1) -> String { ScoreFormat.display(value, decimals: decimals) }

    /// `id: question text` (the text cut at 60 characters), as `report quiz` lists a question.
    /// A question's words, cut to 80 characters.
    static func questionText(_ id: String, in survey: Survey) -> String {
        let text = survey.question(id: id)?.text ?? ""
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}
