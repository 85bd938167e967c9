import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// A past session as its viewer may see it (`show ID`, `history PERSON --full`): the questions
/// answered, in the survey's order and sections, with each answer as text, a one-on-one's
/// meeting parts as lists and a KPI table, then the scores. Built from what the store let the
/// viewer read, so a private note is in it only for its author.
struct SessionRecord {
    /// One answered question.
    struct Item {
        enum Body {
            /// A plain answer, one or more lines (multi-line notes keep their lines).
            case text([String])
            /// A meeting part: one entry per action item, agenda topic or new action.
            case list([String])
            /// The KPI review: KPI, actual, target, attainment.
            case table(headers: [String], rows: [[String]])
        }

        let questionID: String
        let question: String
        let section: String?
        let isPrivate: Bool
        let body: Body
        /// The answer as stored, for `--json`.
        let value: AnswerValue?
    }

    /// One stored score, labelled as its survey names it.
    struct ScoreLine {
        let id: String
        let label: String
        let value: Double?
        let band: String?
    }

    let row: ExportData.SessionRow
    /// The survey version the session was answered with, when it can be read.
    let survey: Survey?
    let title: String
    let items: [Item]
    let scores: [ScoreLine]

    /// `row` read with `survey`, the version the session was answered with; `kpis` names the
    /// KPIs a one-on-one reviewed beyond the survey's own (the organisation's).
    init(row: ExportData.SessionRow, survey: Survey?, kpis: [KPIDefinition] = []) {
        self.row = row
        self.survey = survey
        title = survey?.title ?? row.survey
        let stored = Dictionary(row.answers.map { ($0.question, $0) }, uniquingKeysWith: { first, _ in first })
        var items: [Item] = []
        let order = survey?.questions.map(\.id) ?? row.answers.map(\.question)
        let known = Set(order)
        for id in order + row.answers.map(\.question).filter({ !known.contains($0) }) {
            guard let answer = stored[id] else { continue }
            let question = survey?.question(id: id)
            let value = AnswerValue(jsonText: answer.value)
            items.append(Item(questionID: id, question: question?.text ?? id, section: question?.section,
                              isPrivate: answer.isPrivate,
                              body: Self.body(value, question: question, raw: answer.value, kpis: kpis),
                              value: value))
        }
        self.items = items
        scores = row.scores.map { score in
            let definition = survey?.score(id: score.score)
            let band = score.band.map { id in definition?.bands.first { $0.id == id }?.label ?? id }
            return ScoreLine(id: score.score, label: definition?.label ?? score.score, value: score.value, band: band)
        }
    }

    /// "One-on-one with Ana", "WHO-5 Well-Being Index": what the session was and about whom.
    var heading: String {
        row.subject.caseInsensitiveCompare(row.author) == .orderedSame ? "\(title): \(row.subject)" : "\(title) with \(row.subject)"
    }

    /// The facts under the heading: number, date, who ran it, state, phase.
    var facts: [(String, String)] {
        var facts = [("Session", "#\(row.id)"), ("Date", DateAnswer.iso(row.completed ?? row.started))]
        if let recorded = row.backfilled { facts.append(("Recorded", "back-filled on \(DateAnswer.iso(recorded))")) }
        if row.author.caseInsensitiveCompare(row.subject) != .orderedSame { facts.append(("By", row.author)) }
        facts.append(("State", row.state.replacingOccurrences(of: "_", with: " ")))
        if let phase = row.phase { facts.append(("Phase", phase)) }
        return facts
    }

    /// Whether `person` ran the session (and so reads its private notes as their own).
    func isAuthored(by person: Person) -> Bool { row.author.caseInsensitiveCompare(person.name) == .orderedSame }

    /// "Session #12 · 2026-12-02 · by Marco · completed"
    var summaryLine: String {
        var parts = ["Session #\(row.id)", DateAnswer.iso(row.completed ?? row.started)]
        if let recorded = row.backfilled { parts.append("back-filled on \(DateAnswer.iso(recorded))") }
        if row.author.caseInsensitiveCompare(row.subject) != .orderedSame { parts.append("by \(row.author)") }
        parts.append(row.state.replacingOccurrences(of: "_", with: " "))
        if let phase = row.phase { parts.append("\(phase)-training") }
        return parts.joined(separator: " · ")
    }

    private static func body(_ value: AnswerValue?, question: Question?, raw: String, kpis: [KPIDefinition]) -> Item.Body {
        guard let value else { return .text([raw]) }
        switch (question?.type, value) {
        case (.reviewActions?, _):
            let decisions = value.decoded(as: ActionReview.self)?.decisions ?? []
            return .list(decisions.map { "#\($0.item) \($0.text): \($0.decision == "carry" ? "carried" : $0.decision)" })
        case (.agenda?, _):
            let entries = value.decoded(as: AgendaReview.self)?.items ?? []
            return .list(entries.map { "\($0.text): \($0.decision)" + ($0.note.map { " — \($0)" } ?? "") })
        case (.actions?, _):
            let items = value.decoded(as: NewActions.self)?.items ?? []
            return .list(items.map { "\($0.text) — \($0.owner), due \($0.due)" })
        case (.kpi?, _):
            let actuals = value.decoded(as: KPIReview.self)?.actuals ?? []
            let known = KPIDefinition.merged(template: question?.kpis ?? [], organisation: kpis)
            let rows = actuals.map { actual -> [String] in
                let definition = known.first { $0.id == actual.kpi }
                let show = { (value: Double) in definition?.display(value) ?? formatNumber(value) }
                return [definition?.label ?? actual.kpi, show(actual.actual), actual.target.map(show) ?? "-",
                        actual.attainment.map { ScoreFormat.display($0, decimals: 0) + "%" } ?? "-"]
            }
            return .table(headers: ["KPI", "ACTUAL", "TARGET", "ATTAINMENT"], rows: rows)
        case let (_, .text(text)):
            return .text(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        default:
            return .text([QuestionText.display(value, for: question)])
        }
    }
}
