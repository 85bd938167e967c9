import CoachCore
import CoachScoring
import CoachStore
import Foundation

// Answers: a check-in's, a one-on-one's and a quiz attempt's.
extension DemoBuilder {
    /// A check-in's answers: each scored item near `level(id)` with noise (reverse items mirrored),
    /// optional items sometimes skipped, multi and text questions sometimes answered.
    func checkin(_ pack: Pack, date: Date, rng: inout SplitMix64, skip: Double = 0,
                 level: (String) -> Double) -> [(Question, AnswerValue)] {
        var given: [String: AnswerValue] = [:]
        var result: [(Question, AnswerValue)] = []
        for question in pack.survey.questions where question.when == nil || question.isAsked(given: given) {
            var value: AnswerValue?
            switch question.type {
            case .choice:
                if !question.required, rng.chance(skip) { break }
                var f = level(question.id) + rng.normal() * 0.13
                if pack.reverse.contains(question.id) { f = 1 - f }
                value = DemoAnswers.choice(question, fraction: f)
            case .scale:
                value = DemoAnswers.scale(question, fraction: level(question.id) + rng.normal() * 0.1)
            case .multi:
                if rng.chance(0.3), !question.choices.isEmpty {
                    let first = rng.pick(question.choices).value
                    let second = rng.pick(question.choices).value
                    value = .choices(first == second || rng.chance(0.5) ? [first] : [first, second])
                }
            case .text:
                let p: Double = question.required ? 1 : question.feedsAgenda ? 0.2 : 0.08
                if rng.chance(p) { value = .text(DemoTexts.text(for: question.id, rng: &rng)) }
            default:
                break
            }
            if let value {
                given[question.id] = value
                result.append((question, value))
            }
        }
        return result
    }

    /// A one-on-one run by the manager: mood, wins, a decision on every open action item and agenda
    /// topic, month-to-date KPI actuals against the targets, blockers, new action items, notes.
    func meeting(rep: DemoPlan.Rep, x: Double, date: Date, manager: String,
                 actions: inout [OpenItem], agenda: inout [OpenItem], rng: inout SplitMix64,
                 target: (String) -> Double) -> (answers: [(Question, AnswerValue)], effects: SessionEffects) {
        var given: [String: AnswerValue] = [:]
        var result: [(Question, AnswerValue)] = []
        var effects = SessionEffects()
        let wb = rep.trajectory.wellbeing(x), m = rep.trajectory.motivation(x)
        for question in oneOnOne.survey.questions where question.when == nil || question.isAsked(given: given) {
            var value: AnswerValue?
            switch question.type {
            case .scale:
                value = DemoAnswers.scale(question, fraction: 0.55 * wb + 0.45 * m + rng.normal() * 0.08)
            case .text:
                let p: Double
                switch question.id {
                case _ where question.required || question.when != nil: p = 1
                case "private_notes", "career": p = 0.15
                default: p = 0.3
                }
                if rng.chance(p) {
                    let text = DemoTexts.text(for: question.id, rng: &rng)
                    value = .text(text)
                    if let kind = question.customerFeedback {
                        effects.customerFeedback += FeedbackRules.pieces(of: text).map { .init(kind: kind, text: $0) }
                    }
                }
            case .reviewActions:
                var decisions: [JSONValue] = []
                var still: [OpenItem] = []
                for var item in actions {
                    let u = rng.unit()
                    let decision = item.carried >= 3 ? (u < 0.5 ? "done" : "drop")
                        : u < 0.5 ? "done" : u < 0.9 ? "carry" : "drop"
                    decisions.append(.object(["item": .number(Double(item.id)), "text": .string(item.text),
                                              "decision": .string(decision)]))
                    effects.actionDecisions.append(SessionEffects.ActionDecision(itemID: item.id, decision: decision))
                    if decision == "carry" { item.carried += 1; still.append(item) }
                }
                actions = still
                value = .structured(.object(["decisions": .array(decisions)]))
            case .agenda:
                var entries: [JSONValue] = []
                var still: [OpenItem] = []
                let today = DateAnswer.iso(date, calendar: DemoPlan.utc)
                for var item in agenda {
                    // A follow-up waits for its day, as the one-on-one's agenda question does.
                    if let notBefore = item.notBefore, notBefore > today {
                        still.append(item)
                        continue
                    }
                    var entry: [String: JSONValue] = ["item": .number(Double(item.id)), "text": .string(item.text)]
                    if rng.chance(0.85) {
                        entry["decision"] = .string("discussed")
                        var note: String?
                        if rng.chance(0.7) { note = rng.pick(["Agreed a plan", "Will revisit next month", "Sorted"]) }
                        if let note { entry["note"] = .string(note) }
                        effects.agendaDecisions.append(SessionEffects.AgendaDecision(itemID: item.id, decision: "discussed", note: note))
                    } else {
                        entry["decision"] = .string("carry")
                        effects.agendaDecisions.append(SessionEffects.AgendaDecision(itemID: item.id, decision: "carry", note: nil))
                        item.carried += 1
                        still.append(item)
                    }
                    entries.append(.object(entry))
                }
                agenda = still
                value = .structured(.object(["items": .array(entries)]))
            case .kpi:
                let day = Double(DemoPlan.utc.component(.day, from: date))
                let days = Double(DemoPlan.utc.range(of: .day, in: .month, for: date)?.count ?? 30)
                let attainment = 0.7 + 0.45 * m + rng.normal() * 0.08
                var actuals: [JSONValue] = []
                for kpi in question.kpis {
                    let goal = target(kpi.id)
                    let actual: Double
                    switch kpi.id {
                    case "revenue": actual = (goal * attainment * day / days / 10).rounded() * 10
                    case "new_customers": actual = (goal * attainment * day / days).rounded()
                    case "conversion_rate": actual = (goal * (0.8 + 0.3 * m + rng.normal() * 0.05) * 10).rounded() / 10
                    case "customer_satisfaction":
                        if rng.chance(0.3) { continue }
                        actual = (min(100, goal * (0.94 + 0.1 * wb)) * 10).rounded() / 10
                    default: continue
                    }
                    var object: [String: JSONValue] = ["kpi": .string(kpi.id), "actual": .number(actual), "target": .number(goal)]
                    if goal > 0 { object["attainment"] = .number(actual / goal * 100) }
                    actuals.append(.object(object))
                    effects.kpiActuals.append(SessionEffects.KPIActual(kpi: kpi.id, actual: actual))
                }
                value = .structured(.object(["actuals": .array(actuals)]))
            case .actions:
                let count = rng.chance(0.3) ? 0 : rng.chance(0.65) ? 1 : 2
                var items: [JSONValue] = []
                for _ in 0..<count {
                    let due = Self.day(date.addingTimeInterval(Double(rng.chance(0.7) ? 7 : 14) * 86_400))
                    let text = rng.pick(DemoTexts.actionTexts)
                    let owner = rng.chance(0.8) ? rep.name : manager
                    items.append(.object(["text": .string(text), "owner": .string(owner), "due": .string(due)]))
                    effects.newActions.append(SessionEffects.NewAction(text: text, owner: owner, due: due))
                }
                value = .structured(.object(["items": .array(items)]))
            default:
                break
            }
            if let value {
                given[question.id] = value
                result.append((question, value))
            }
        }
        return (result, effects)
    }

    /// A quiz attempt: each question right with a probability rising with the rep's ability
    /// (higher after training); the miskeyed question the other way round.
    func quizAttempt(rep: DemoPlan.Rep, phase: SessionPhase, plan: DemoPlan,
                     rng: inout SplitMix64) -> [(Question, AnswerValue)] {
        let ability: Double
        if rep.persona == .newHire {
            ability = phase == .pre ? -1.4 + rng.normal() * 0.2 : 1.4 + rng.normal() * 0.2
        } else {
            ability = rep.skill + (phase == .post ? 0.8 : 0)
        }
        var result: [(Question, AnswerValue)] = []
        for question in quiz.survey.questions where question.answer != nil {
            let difficulty = plan.difficulty[question.id] ?? 0
            let right: Bool
            if question.id == DemoPlan.miskeyedQuestion {
                right = !rng.chance(Self.sigmoid(1.6 * ability - 0.2))
            } else {
                right = rng.chance(Self.sigmoid(1.0 + 1.5 * ability - difficulty))
            }
            if let value = DemoAnswers.quiz(question, right: right, rng: &rng) { result.append((question, value)) }
        }
        return result
    }
}
