import CoachCore
import CoachScoring

/// The end of a one-on-one: the decisions taken, the new action items with owners and dates,
/// and KPI attainment, read from the meeting's answers.
enum MeetingSummary {
    /// `kpis` are the organisation's KPI definitions, which label and unit the actuals.
    static func lines(survey: Survey, answers: [String: AnswerValue], kpis: [KPIDefinition] = []) -> [String] {
        var lines: [String] = []
        for question in survey.questions {
            guard let answer = answers[question.id] else { continue }
            switch question.type {
            case .reviewActions:
                guard let review = answer.decoded(as: ActionReview.self), !review.decisions.isEmpty else { continue }
                lines.append("Action items:")
                lines += review.decisions.map { "  #\($0.item) \($0.text): \($0.decision == "carry" ? "carried" : $0.decision)" }
            case .agenda:
                guard let review = answer.decoded(as: AgendaReview.self), !review.items.isEmpty else { continue }
                lines.append("Agenda:")
                lines += review.items.map { "  \($0.text): \($0.decision)" + ($0.note.map { " — \($0)" } ?? "") }
            case .kpi:
                guard let review = answer.decoded(as: KPIReview.self), !review.actuals.isEmpty else { continue }
                lines.append("KPIs:")
                let known = KPIDefinition.merged(template: question.kpis, organisation: kpis)
                lines += review.actuals.map { actual in
                    let definition = known.first { $0.id == actual.kpi }
                    let show = { (value: Double) in definition?.display(value) ?? formatNumber(value) }
                    var line = "  \(definition?.label ?? actual.kpi): \(show(actual.actual))"
                    if let target = actual.target { line += " of \(show(target))" }
                    if let attainment = actual.attainment { line += " (\(ScoreFormat.display(attainment, decimals: 0))%)" }
                    return line
                }
            case .actions:
                guard let actions = answer.decoded(as: NewActions.self), !actions.items.isEmpty else { continue }
                lines.append("New action items:")
                lines += actions.items.map { "  \($0.text) — \($0.owner), due \($0.due)" }
            default:
                continue
            }
        }
        return lines
    }
}
