import CoachCore
import CoachStore

extension SessionEffects {
    /// What completing a session of `survey` with `answers` changes: the meeting questions'
    /// decisions and new items, answers that feed the subject's next one-on-one agenda, and
    /// customer feedback (one piece per non-empty line).
    ///
    /// Throws `SessionError.unreadableAnswer` when a meeting answer cannot be read, rather than
    /// completing the meeting without its decisions.
    public init(survey: Survey, answers: [String: AnswerValue]) throws {
        self.init()
        for question in survey.questions {
            guard let answer = answers[question.id] else { continue }
            func read<T: Decodable>(_ type: T.Type) throws -> T {
                do { return try answer.decode(as: type) } catch {
                    throw SessionError.unreadableAnswer(survey: survey.id, question: question.id, reason: "\(error)")
                }
            }
            switch question.type {
            case .reviewActions:
                actionDecisions += try read(ActionReview.self).decisions.map {
                    ActionDecision(itemID: $0.item, decision: $0.decision)
                }
            case .agenda:
                agendaDecisions += try read(AgendaReview.self).items.map {
                    AgendaDecision(itemID: $0.item, decision: $0.decision, note: $0.note)
                }
            case .kpi:
                kpiActuals += try read(KPIReview.self).actuals.map { KPIActual(kpi: $0.kpi, actual: $0.actual) }
            case .actions:
                newActions += try read(NewActions.self).items.map {
                    NewAction(text: $0.text, owner: $0.owner, due: $0.due)
                }
            case .text where question.feedsAgenda || question.customerFeedback != nil:
                guard case let .text(text) = answer else { break }
                if question.feedsAgenda, !text.isEmpty { newAgendaItems.append(text) }
                if let kind = question.customerFeedback, !question.isPrivate {
                    customerFeedback += FeedbackRules.pieces(of: text).map { Feedback(kind: kind, text: $0) }
                }
            default:
                break
            }
        }
    }
}
