import Foundation

/// The one-on-one question types, each answered step by step, one line per step (a script
/// answers them the same way). The structured answer is recorded once the question is complete.
extension SessionEngine {
    private var meeting: (any MeetingSource)? { options.meeting }

    private func header(_ question: Question) {
        conversation.say("[\(progress(of: question))] \(question.text)")
    }

    // `:back` inside a list steps back one item (or one step of an item) and keeps every item
    // already answered; only `:back` at the first step leaves the question.

    func askReviewActions(_ question: Question) -> Step {
        header(question)
        let items = meeting?.openActions() ?? []
        if items.isEmpty {
            conversation.say("  No open action items.")
            return .structured(ActionReview(decisions: []))
        }
        conversation.say("  For each item: done, carry or drop (d, c, x); Enter carries it; :back the item before.")
        var decisions: [ActionReview.Decision] = []
        while decisions.count < items.count {
            let item = items[decisions.count]
            var line = "  #\(item.id) \(item.text) — \(item.owner)"
            if let due = item.due { line += ", due \(due)" }
            line += ", since \(item.created)"
            if item.carried > 0 { line += item.carried >= 3 ? ", ‼ carried \(item.carried)×" : ", carried \(item.carried)×" }
            conversation.say(line)
            let answer = readMeetingLine("  done/carry/drop [carry] ", question)
            if answer == .back, let previous = decisions.popLast() {
                conversation.say("  (back to #\(previous.item); it was \(previous.decision))")
                continue
            }
            guard case let .text(text) = answer else { return leaving(answer) }
            let decision: String? = switch text.lowercased() {
            case "", "c", "carry": "carry"
            case "d", "done": "done"
            case "x", "drop": "drop"
            default: nil
            }
            guard let decision else {
                conversation.say("Type done, carry or drop (d, c, x).")
                continue
            }
            decisions.append(ActionReview.Decision(item: item.id, text: item.text, decision: decision))
        }
        return .structured(ActionReview(decisions: decisions))
    }

    func askAgenda(_ question: Question) -> Step {
        header(question)
        let items = meeting?.agendaItems() ?? []
        if items.isEmpty {
            conversation.say("  No agenda items since the last one-on-one.")
            return .structured(AgendaReview(items: []))
        }
        conversation.say("  For each item: discussed or carry (y, c); after discussed, one line of note; :back the step before.")
        var entries: [AgendaReview.Entry] = []
        while entries.count < items.count {
            let item = items[entries.count]
            conversation.say("  • \(item.text) (added \(item.created))")
            let answer = readMeetingLine("  discussed/carry [carry] ", question)
            if answer == .back, let previous = entries.popLast() {
                conversation.say("  (back to '\(previous.text)'; it was \(previous.decision)"
                                 + (previous.note.map { ", note: \($0)" } ?? "") + ")")
                continue
            }
            guard case let .text(text) = answer else { return leaving(answer) }
            switch text.lowercased() {
            case "", "c", "carry":
                entries.append(AgendaReview.Entry(item: item.id, text: item.text, decision: "carry", note: nil))
            case "y", "discussed", "d":
                let line = readMeetingLine("  note: ", question)
                if line == .back { continue }  // back to this item's decision
                guard case let .text(note) = line else { return leaving(line) }
                entries.append(AgendaReview.Entry(item: item.id, text: item.text, decision: "discussed",
                                                  note: note.isEmpty ? nil : note))
            default:
                conversation.say("Type discussed or carry (y, c).")
            }
        }
        return .structured(AgendaReview(items: entries))
    }

    func askKPIs(_ question: Question) -> Step {
        header(question)
        conversation.say("  Enter each actual as a number; Enter leaves that KPI out this time; :back the KPI before.")
        let kpis = meeting?.kpis(reviewedBy: question) ?? question.kpis
        // One entry per KPI asked so far: its actual, or nil when left out.
        var answered: [KPIReview.Actual?] = []
        while answered.count < kpis.count {
            let kpi = kpis[answered.count]
            let target = meeting?.target(kpi: kpi.id)
            let targetText = target.map { "target \(kpi.display($0))" } ?? "no target set"
            let line = readMeetingLine("  \(kpi.label) (\(targetText)): ", question)
            if line == .back, answered.popLast() != nil { continue }
            guard case let .text(text) = line else { return leaving(line) }
            if text.isEmpty {
                answered.append(nil)
                continue
            }
            var numberQuestion = Question(id: kpi.id, text: kpi.label, type: .number)
            numberQuestion.unit = kpi.effectiveKind == .percent ? "%" : kpi.unit
            let actual: Double
            switch AnswerReading(question: numberQuestion).read(text) {
            case let .success(.number(value)): actual = value
            case let .failure(problem):
                conversation.say("  \(problem.reason) Enter leaves it out.")
                continue
            default:
                conversation.say("  \(AnswerProblem.quoted(text)) is not a number; Enter leaves it out.")
                continue
            }
            if let problem = kpi.problem(with: actual) {
                conversation.say("  \(problem); Enter leaves it out.")
                continue
            }
            let attainment = target.flatMap { KPIReview.attainment(actual: actual, target: $0, higherIs: kpi.higherIs) }
            if let attainment {
                let earlier = meeting?.previousAttainment(kpi: kpi.id).map { "\($0.period) \(formatNumber($0.attainment.rounded()))%" } ?? []
                conversation.say("  → \(formatNumber((attainment * 10).rounded() / 10))% of target"
                                 + (earlier.isEmpty ? "" : " (earlier: \(earlier.joined(separator: ", ")))"))
            }
            answered.append(KPIReview.Actual(kpi: kpi.id, actual: actual, target: target, attainment: attainment))
        }
        return .structured(KPIReview(actuals: answered.compactMap { $0 }))
    }

    func askNewActions(_ question: Question) -> Step {
        header(question)
        let subject = meeting?.subjectName
        conversation.say("  One item at a time: its text (a blank line ends), owner, due date; :back the step before.")
        var items: [NewActions.Item] = []
        // The item being written: its text and owner once given, so `:back` can step inside it.
        var text: String?
        var owner: String?
        while true {
            guard let itemText = text else {
                let line = readMeetingLine("  action \(items.count + 1): ", question)
                if line == .back, let previous = items.popLast() {
                    // Back into the item before, at its due date; its text and owner are kept.
                    conversation.say("  (back to action \(items.count + 1): \(previous.text) — \(previous.owner))")
                    (text, owner) = (previous.text, previous.owner)
                    continue
                }
                guard case let .text(typed) = line else { return leaving(line) }
                if typed.isEmpty { break }
                text = typed
                continue
            }
            guard let itemOwner = owner else {
                let line = readMeetingLine("  owner [\(subject ?? "me")]: ", question)
                if line == .back {
                    conversation.say("  (back to the text of action \(items.count + 1): \(itemText))")
                    text = nil
                    continue
                }
                guard case let .text(typed) = line else { return leaving(line) }
                if typed.isEmpty {
                    owner = subject ?? ""
                    continue
                }
                switch meeting?.owner(named: typed) ?? .success(typed) {
                case let .success(name): owner = name
                case let .failure(problem): conversation.say(problem.reason)
                }
                continue
            }
            let line = readMeetingLine("  due [+7d]: ", question)
            if line == .back {
                owner = nil
                continue
            }
            guard case let .text(typed) = line else { return leaving(line) }
            switch DateAnswer.parseDue(typed.isEmpty ? "+7d" : typed, today: options.today, calendar: options.calendar) {
            case let .success(due):
                conversation.say("  → \(itemText) — \(itemOwner), due \(due)")
                items.append(NewActions.Item(text: itemText, owner: itemOwner, due: due))
                (text, owner) = (nil, nil)
            case let .failure(problem):
                conversation.say(problem.reason)
            }
        }
        return .structured(NewActions(items: items))
    }

    /// A meeting step's line; `:skip` and `:help` are handled here.
    private func readMeetingLine(_ prompt: String, _ question: Question) -> Line {
        while true {
            let line = readLine(prompt, question: question)
            switch line {
            case .help: continue
            case .skip:
                conversation.say("Answer each step; Enter takes the default shown in brackets.")
                continue
            default: return line
            }
        }
    }

    /// The step a non-answer line leads to: back, or pause.
    private func leaving(_ line: Line) -> Step { line == .back ? .back : .pause }
}

extension Step {
    static func structured<T: Encodable>(_ value: T) -> Step {
        AnswerValue.structured(encoding: value).map(Step.answered) ?? .pause
    }
}
