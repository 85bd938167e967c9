import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// `review --team T --period P`: one line per rep of the team whom the viewer reviews (a
/// manager their own reps in it, HR every rep in it; `all`: every team), each from the rep's
/// `ReviewDocument` as the viewer may read it.
struct TeamReview {
    let builder: ReviewBuilder
    let team: String

    /// One rep's line (`--json`: one object each).
    struct Line: Encodable {
        var person: String
        /// Mean of the KPIs' period attainments, percent.
        @Null var kpiAttainment: Double?
        @Null var oneOnOnesHeld: Int?
        @Null var oneOnOnesDue: Int?
        @Null var actionsOpen: Int?
        /// The self-assessment score summarised: `overall` where the survey has one, else its first.
        @Null var selfAssessment: String?
        @Null var selfAssessmentLatest: Double?
        @Null var selfAssessmentChange: Double?
        @Null var selfAssessmentReliableChange: String?
        /// Mean percent of the quizzes taken in the period.
        @Null var quizMean: Double?
        var managerReview: Bool
        var ownComments: Bool
    }

    func lines() throws -> [Line] {
        let context = builder.context, viewer = builder.viewer
        guard viewer.role != .rep else {
            throw StoreError.notAllowed("review --team is for managers and HR; 'review --period P' shows your own")
        }
        let people = try context.database().people()
        let teams = Set(people.compactMap(\.team))
        let everyone = team.lowercased() == "all"
        guard let name = everyone ? "all" : teams.first(where: { $0.caseInsensitiveCompare(team) == .orderedSame }) else {
            throw StoreError.unknownTeam(team, suggestion: nil)
        }
        let reps = people.filter {
            (everyone || $0.team == name) && $0.role == .rep && (viewer.role == .hr || $0.manager == viewer.name)
        }
        guard !reps.isEmpty else {
            throw StoreError.notAllowed(viewer.role == .hr ? "team \(name) has no reps" : "you manage no rep in team \(name)")
        }
        return try reps.sorted { $0.name.lowercased() < $1.name.lowercased() }.compactMap { summary in
            guard let rep = try context.database().person(named: summary.name) else { return nil }
            let document = try builder.document(for: rep)
            let first = document.selfAssessment.first { $0.score == "overall" } ?? document.selfAssessment.first
            return Line(person: rep.name, kpiAttainment: TrendStatistics.mean(document.kpis.compactMap(\.attainment)),
                        oneOnOnesHeld: document.oneOnOnes?.held, oneOnOnesDue: document.oneOnOnes?.due ?? nil,
                        actionsOpen: document.oneOnOnes?.actionsOpenAtEnd, selfAssessment: first.map { "\($0.survey).\($0.score)" },
                        selfAssessmentLatest: first?.latest ?? nil, selfAssessmentChange: first?.change ?? nil,
                        selfAssessmentReliableChange: first?.reliableChange,
                        quizMean: TrendStatistics.mean(document.quizzes.compactMap(\.percent)),
                        managerReview: document.managerReview != nil, ownComments: document.ownComments != nil)
        }
    }

    func print(json: Bool) throws {
        let console = builder.context.console
        let lines = try lines()
        if json {
            console.line(try ReviewJSON.encode(lines))
            return
        }
        console.line(console.styled("Team \(team), \(builder.period)", .bold) + " (\(builder.firstDay) to \(builder.lastDay)"
                     + (builder.ended ? ")" : ", not ended: figures up to today)"))
        var table = Table("REP", "KPI", "1:1 HELD/DUE", "ACTIONS OPEN", "SELF-ASSESSMENT", "CHANGE", "QUIZ MEAN", "REVIEW")
        table.mayShrink("REP")
        for line in lines {
            let held = line.oneOnOnesHeld.map { "\($0)/" + (line.oneOnOnesDue.map(String.init) ?? "-") } ?? "not shown"
            let change = line.selfAssessmentChange.map { ($0 > 0 ? "+" : "") + ScoreFormat.display($0) }
                .map { $0 + (line.selfAssessmentReliableChange.flatMap { $0 == "none" ? nil : " \($0)" } ?? "") } ?? "-"
            table.add([line.person, ReviewDocument.percent(line.kpiAttainment), held, line.actionsOpen.map(String.init) ?? "-",
                       ScoreFormat.display(line.selfAssessmentLatest), change, ReviewDocument.percent(line.quizMean),
                       [line.managerReview ? "written" : "missing", line.ownComments ? "+ own comments" : ""]
                           .filter { !$0.isEmpty }.joined(separator: " ")])
        }
        console.line(table.render(width: console.columns) { console.styled($0, .bold) })
    }
}
