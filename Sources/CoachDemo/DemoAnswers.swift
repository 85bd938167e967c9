import CoachScoring
import CoachCore
import Foundation

/// Draws answers that are valid for a question as the survey file defines it: choice values from
/// its own list, scale values within its bounds, quiz answers right or wrong per its key.
enum DemoAnswers {
    /// The choice (numeric lists) nearest to `fraction` (0...1) of the list's range; for a list of
    /// ids, the one at that position.
    static func choice(_ question: Question, fraction: Double) -> AnswerValue? {
        guard !question.choices.isEmpty else { return nil }
        let f = Swift.min(1, Swift.max(0, fraction))
        if let range = question.numericRange {
            let target = range.lowerBound + f * (range.upperBound - range.lowerBound)
            var best = question.choices[0].value
            var distance = Double.infinity
            for choice in question.choices {
                guard let n = choice.value.number else { continue }
                if abs(n - target) < distance { distance = abs(n - target); best = choice.value }
            }
            return .choice(best)
        }
        let index = Swift.min(question.choices.count - 1, Int(f * Double(question.choices.count)))
        return .choice(question.choices[index].value)
    }

    /// A scale or number answer at `fraction` of its bounds, rounded to a whole number.
    static func scale(_ question: Question, fraction: Double) -> AnswerValue? {
        guard let low = question.min, let high = question.max else { return nil }
        let f = Swift.min(1, Swift.max(0, fraction))
        return .number((low + f * (high - low)).rounded())
    }

    /// A quiz answer that the key marks right (`right`) or wrong.
    static func quiz(_ question: Question, right: Bool, rng: inout SplitMix64) -> AnswerValue? {
        guard let key = question.answer else { return nil }
        switch key {
        case .choice(let value):
            if right { return .choice(value) }
            let others = question.choices.map(\.value).filter { $0 != value }
            return others.isEmpty ? .choice(value) : .choice(rng.pick(others))
        case .choices(let values):
            if right { return .choices(values) }
            let wrong = question.choices.map(\.value).filter { !values.contains($0) }
            switch rng.int(0...2) {
            case 0 where values.count > 1: return .choices(Array(values.dropLast()))
            case 1 where !wrong.isEmpty: return .choices(values + [rng.pick(wrong)])
            default: return .choices(wrong.isEmpty ? [] : [rng.pick(wrong)])
            }
        case .number(let value):
            if right { return .number(value) }
            let slack = (question.tolerance ?? 0) + 1
            let candidates = [value * 2, value / 2, value + 2 * slack, value - 2 * slack, value * 1.1 + slack]
            return .number(rng.pick(candidates).rounded())
        case .texts(let accepted):
            if right { return .text(rng.pick(accepted)) }
            return .text(rng.pick(["not sure", "pending", "customer resource management", "on hold", "archive"]))
        case .bool(let value):
            return .bool(right ? value : !value)
        }
    }
}

/// Canned phrases for the demo's text answers, by question id.
enum DemoTexts {
    static let byQuestion: [String: [String]] = [
        "wins": ["Closed the Nordwind renewal", "Two demos turned into proposals", "Good discovery call with a new lead",
                 "Won back a customer who had churned", "Finally cleaned up my pipeline", "Upsell to an existing account"],
        "blockers": ["Too many internal meetings", "Waiting on pricing approval", "Leads from marketing are thin this month",
                     "CRM is slow on my laptop", "Nothing big this week", "Hard to reach decision makers"],
        "mood_help": ["A lighter week", "Fewer evening calls", "Help prioritising my accounts", "Some time off"],
        "kpi_comment": ["Pipeline is fine, closing is slow", "Conversion up after the objection training",
                        "Two big deals slipped to next month", "On track"],
        "key_accounts": ["Call Baltic Foods before the tender", "Visit Hansen & Co next week", "Check in with Orbis after the rollout"],
        "complaints": ["Delivery to Baltic Foods was a week late", "Invoice format confusing", "Support line kept them waiting"],
        "customer_feedback": ["Happy with the new onboarding", "Asked for a yearly pricing option", "Liked the product demo"],
        "customer_complaints": ["Orbis says the renewal quote came late", "Hansen & Co could not reach support"],
        "training_applied": ["Used the BANT questions on two calls", "Logged next steps for every deal", "Tried the feel-felt-found answer"],
        "training_needs": ["Negotiation", "Handling price objections", "CRM reports", "Time management"],
        "recognition": ["Shout-out in the team meeting for the renewal", "Thanked in the weekly mail"],
        "career": ["Wants to move toward key account management", "Interested in mentoring new hires"],
        "shared_notes": ["Agreed to focus on the top ten accounts", "Follow up on the pricing question by Friday"],
        "private_notes": ["Seems tired; check workload next time", "Doing well, consider for the mentor role"],
        "next_one_on_one": ["My targets for next month", "Workload in the last weeks", "Training on negotiation",
                            "A difficult customer", "Career next steps"],
        "idea": ["A shared list of customer objections", "Weekly pipeline review in pairs", "Shorter proposal template"],
    ]

    static let actionTexts = ["Send the revised proposal to Orbis", "Update all open deals with a next step",
                              "Book a call with the Baltic Foods buyer", "Shadow a senior rep on two demos",
                              "Clean up duplicate contacts in the CRM", "Prepare the quarterly account review",
                              "Follow up on the delivery complaint", "Take the objection-handling module"]

    static func text(for questionID: String, rng: inout SplitMix64) -> String {
        rng.pick(byQuestion[questionID] ?? ["Noted"])
    }
}
