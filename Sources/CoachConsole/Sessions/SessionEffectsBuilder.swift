import CoachCore
import CoachStore

/// Reads what a completed session changes from its answers: the meeting questions' decisions
/// and new items, and answers that feed the subject's next one-on-one agenda.
enum SessionEffectsBuilder {
    static func effects(survey: Survey, answers: [String: AnswerValue]) -> SessionEffects {
        var effects = SessionEffects()
        for question in survey.questions {
            guard let answer = answers[question.id] else { continue }
            switch question.type {
            case .reviewActions:
                let review = answer.decoded(as: ActionReview.self)
                effects.actionDecisions += review?.decisions.map {
                    SessionEffects.ActionDecision(itemID: $0.item, decision: $0.decision)
                } ?? []
            case .agenda:
                let review = answer.decoded(as: AgendaReview.self)
                effects.agendaDecisions += review?.items.map {
                    SessionEffects.AgendaDecision(itemID: $0.item, decision: $0.decision, note: $0.note)
                } ?? []
            case .kpi:
                let review = answer.decoded(as: KPIReview.self)
                effects.kpiActuals += review?.actuals.map { SessionEffects.KPIActual(kpi: $0.kpi, actual: $0.actual) } ?? []
            case .actions:
                let actions = answer.decoded(as: NewActions.self)
                effects.newActions += actions?.items.map {
                    SessionEffects.NewAction(text: $0.text, owner: $0.owner, due: $0.due)
                } ?? []
            case .text where question.feedsAgenda:
                if case let .text(text) = answer, !text.isEmpty { effects.newAgendaItems.append(text) }
            default:
                break
            }
        }
        return effects
    }
}
