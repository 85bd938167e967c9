import ArgumentParser
import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// `report quiz QUIZ [--json]`, `report html [-o FILE] [--force]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports over many people: a quiz's item analysis, or an HTML report with charts.",
        subcommands: [ReportQuiz.self, ReportHTML.self])
}

struct ReportQuiz: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Item analysis and test statistics for a quiz (Moodle's formulas), and training gain.",
        discussion: """
        Computed over each person's first attempt: facility, SD, discrimination and discriminative
        efficiency per question, flags (likely miskeyed, too easy, too hard, low efficiency), and
        for the test CIC, error ratio and standard error. All but facility need 10 attempts and
        read "n too small" before; a team's pass rate needs privacy.min_group attempts (default 5).
        Where people have a pre and a post attempt, the mean normalised gain (first pre, last post).
        HR sees everyone; a manager sees their reps.

        Example:
          report quiz crm-basics --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The quiz id.", completion: .coach(.survey)) var quiz: String
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let survey = try SessionRunner(context: context).survey(id: quiz)
        guard survey.kind == .quiz else { throw CoachError.notAQuiz(survey.id, kind: survey.kind.rawValue) }
        let user = try context.currentUser()
        let attempts = try context.database().quizAttempts(viewer: user.name, quizID: survey.id)
        let report = QuizReportBuilder(survey: survey, attempts: attempts,
                                       minTeam: try context.database().orgSettings()
                                           .effectiveMinGroup(requested: context.config.minGroup))
        if json {
            context.console.line(try JSONOutput.encode(report.json))
        } else {
            context.console.line(report.text(console: context.console))
        }
    }
}

/// Turns stored attempts into the report: first attempts for the statistics, first pre and last
/// post attempts for the gain, pass rate by team. Statistics from too few attempts are withheld
/// (nil, "n too small"): item and test statistics below `ItemAnalysis.minimumAttempts`, a team's
/// pass rate below `minTeam` first attempts (the privacy minimum group).
struct QuizReportBuilder {
    let survey: Survey
    let report: QuizReport
    let minTeam: Int
    /// Each team's pass rate (nil below `minTeam`) and how many first attempts it is from.
    let passRateByTeam: [String: (rate: Double?, attempts: Int)]
    /// The share of people whose graded attempts (all but pre-training ones, graded by the
    /// quiz's `grading`) reach the pass mark, and how many people have graded attempts.
    let graded: (passRate: Double?, people: Int)

    init(survey: Survey, attempts: [QuizAttemptRecord], minTeam: Int) {
        self.survey = survey
        self.minTeam = minTeam
        var firsts: [String: QuizAttemptRecord] = [:]
        var pre: [String: Double] = [:]
        var post: [String: Double] = [:]
        var gradedPercents: [String: [Double]] = [:]
        for attempt in attempts {
            if firsts[attempt.person] == nil { firsts[attempt.person] = attempt }
            guard let percent = attempt.percent else { continue }
            if attempt.phase != "pre" { gradedPercents[attempt.person, default: []].append(percent) }
            if attempt.phase == "pre", pre[attempt.person] == nil { pre[attempt.person] = percent }
            if attempt.phase == "post" { post[attempt.person] = percent }
        }
        let first = firsts.values.sorted { $0.sessionID < $1.sessionID }
        var report = ItemAnalysis.analyse(
            attempts: first.map { QuizAttemptMarks(marks: $0.marks.mapValues { ItemMark(mark: $0.mark, maxMark: $0.maxMark) },
                                                   percent: $0.percent) },
            questionIDs: survey.questions.filter { $0.answer != nil }.map(\.id), passMark: survey.quiz?.pass)
        report.quiz = survey.id
        let gain = TrainingGain.compute(pre: pre, post: post)
        if gain.people > 0 || !gain.undefined.isEmpty { report.gain = gain }
        self.report = report.withholdingSmallSamples()
        var byTeam: [String: [Bool]] = [:]
        for attempt in first { if let passed = attempt.passed { byTeam[attempt.team ?? "(no team)", default: []].append(passed) } }
        passRateByTeam = byTeam.mapValues { passes in
            (passes.count < minTeam ? nil : Double(passes.filter { $0 }.count) / Double(passes.count), passes.count)
        }
        let grades = gradedPercents.values.compactMap { AttemptGrading.overall(percents: $0, method: survey.quiz?.grading ?? .highest) }
        let passMark = survey.quiz?.pass
        graded = (grades.isEmpty || passMark == nil ? nil : Double(grades.filter { $0 >= passMark! }.count) / Double(grades.count),
                  grades.count)
    }

    /// The report's fields, plus `title`, `pass_rate_by_team` (null for a team below the minimum)
    /// and that minimum, `min_team_attempts`.
    struct JSON: Encodable {
        let report: QuizReport
        let title: String
        let passRateByTeam: [String: Double?]
        let minTeam: Int
        let gradedPassRate: Double?
        let gradedPeople: Int

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(title, forKey: .title)
            try container.encode(passRateByTeam, forKey: .passRateByTeam)
            try container.encode(minTeam, forKey: .minTeam)
            try container.encode(gradedPassRate, forKey: .gradedPassRate)
            try container.encode(gradedPeople, forKey: .gradedPeople)
        }

        private enum Keys: String, CodingKey {
            case title, passRateByTeam = "pass_rate_by_team", minTeam = "min_team_attempts"
            case gradedPassRate = "graded_pass_rate", gradedPeople = "graded_people"
        }
    }

    var json: JSON {
        JSON(report: report, title: survey.title, passRateByTeam: passRateByTeam.mapValues(\.rate), minTeam: minTeam,
             gradedPassRate: graded.passRate, gradedPeople: graded.people)
    }

    /// What the table shows where a statistic is withheld for want of attempts.
    static let tooSmall = "n too small"

    func text(console: Console) -> String {
        func number(_ value: Double?) -> String { value.map { ScoreFormat.display($0) } ?? "-" }
        var lines = [console.styled("\(survey.title): \(report.attempts) first attempt\(report.attempts == 1 ? "" : "s")", .bold)]
        guard report.attempts > 0 else { return (lines + ["Nobody you can see has taken it yet."]).joined(separator: "\n") }
        var summary = "Mean \(number(report.meanPercent))% (SD \(number(report.sdPercent)))"
        if let rate = report.passRate { summary += ", pass rate \(ScoreFormat.display(rate * 100, decimals: 0))% (first attempts)" }
        lines.append(summary)
        if let rate = graded.passRate {
            let grading = survey.quiz?.grading.rawValue ?? "highest"
            lines.append("Passed: \(ScoreFormat.display(rate * 100, decimals: 0))% of \(graded.people) "
                         + "\(graded.people == 1 ? "person" : "people") (the \(grading) of each one's attempts; pre-training attempts not graded)")
        }
        lines.append(reliabilityReading)
        if !passRateByTeam.isEmpty {
            lines.append("Pass rate by team: " + passRateByTeam.sorted { $0.key < $1.key }
                .map { team, pass in
                    "\(team) \(pass.rate.map { ScoreFormat.display($0 * 100, decimals: 0) + "%" } ?? Self.tooSmall) (\(pass.attempts))"
                }.joined(separator: ", "))
        }
        if let gain = report.gain {
            // Two decimals always: a gain reads 0.50 or 1.00, as it is written in the literature.
            let mean = gain.mean.map { String(format: "%.2f", $0) } ?? "-"
            lines.append("Training gain: mean normalised gain \(mean) over \(gain.people) \(gain.people == 1 ? "person" : "people") "
                         + "(first pre, last post attempt; 0 no gain, 1.00 everything missed before was learned)")
        }
        lines.append("")
        var table = Table("Q", "F", "SD", "D", "E", "FLAG", "QUESTION")
        table.mayShrink("QUESTION")
        let ordered = report.questions.sorted { ($0.flag == nil ? 1 : 0) < ($1.flag == nil ? 1 : 0) }
        for stats in ordered {
            let text = survey.question(id: stats.id)?.text ?? ""
            let small = report.tooSmall(stats)
            func sampled(_ value: String) -> String { small ? Self.tooSmall : value }
            table.add([stats.id, number(stats.facility), sampled(stats.sd.map { ScoreFormat.display($0, decimals: 2) } ?? "-"),
                       sampled(number(stats.discrimination)), sampled(number(stats.efficiency)),
                       stats.flag.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") } ?? "",
                       text.count > 60 ? String(text.prefix(59)) + "…" : text])
        }
        lines.append(table.render(width: console.columns) { console.styled($0, .bold) })
        lines.append("F facility: % of the marks won; SD: spread of the marks; D discrimination: how well the question "
                     + "separates strong from weak; E efficiency: D against the most it could be. Flagged questions first.")
        if report.questions.contains(where: report.tooSmall) {
            lines.append("(SD, D, E and flags need \(report.minimumAttempts) attempts at a question: \(Self.tooSmall) before.)")
        }
        return lines.joined(separator: "\n")
    }

    /// One line reading CIC the way Moodle's guidance does.
    private var reliabilityReading: String {
        if report.testTooSmall {
            return "Reliability: CIC, error ratio and standard error \(Self.tooSmall) (they need \(report.minimumAttempts) attempts)."
        }
        guard let cic = report.cic else { return "Reliability: CIC cannot be computed from these attempts." }
        let verdict = cic > 75 ? "satisfactory" : cic < 64 ? "unsatisfactory" : "borderline"
        var line = "Reliability: CIC \(ScoreFormat.display(cic)) — \(verdict) (above 75 is satisfactory, below 64 unsatisfactory)"
        if let error = report.errorRatio, let standard = report.standardError {
            line += "; error ratio \(ScoreFormat.display(error)), standard error \(ScoreFormat.display(standard)) points"
        }
        return line
    }
}
