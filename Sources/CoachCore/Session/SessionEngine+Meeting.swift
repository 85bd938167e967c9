import Foundation

/// The one-on-one question types, each answered step by step, one line per step (a script
/// answers them the same way). The structured answer is recorded once the question is complete.
extension SessionEngine {
    private var meeting: (any MeetingSource)? { options.meeting }

    private func header(_ question: Question) {
        conversation.say("[\(progress(of: question))] \(question.text)")
    }

    func askReviewActions(_ question: Question) -> Step {
        header(question)
        let items = meeting?.openActions() ?? []
        if items.isEmpty {
            conversation.say("  No open action items.")
            return .structured(ActionReview(decisions: []))
        }
        conversation.say("  For each item: done, carry or drop (d, c, x); Enter carries it.")
        var decisions: [ActionReview.Decision] = []
        for item in items {
            var line = "  #\(item.id) \(item.text) — \(item.owner)"
            if let due = item.due { line += ", due \(due)" }
            line += ", since \(item.created)"
            if item.carried > 0 { line += item.carried >= 3 ? ", ‼ carried \(item.carried)×" : ", carried \(item.carried)×" }
            conversation.say(line)
            while true {
                let line = readMeetingLine("  done/carry/drop [carry] ", question)
                guard case let .text(text) = line else { return leaving(line) }
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
                break
            }
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
        conversation.say("  For each item: discussed or carry (y, c); after discussed, one line of note.")
        var entries: [AgendaReview.Entry] = []
        for item in items {
            conversation.say("  • \(item.text) (added \(item.created))")
            while true {
                let line = readMeetingLine("  discussed/carry [carry] ", question)
                guard case let .text(text) = line else { return leaving(line) }
                switch text.lowercased() {
                case "", "c", "carry":
                    entries.append(AgendaReview.Entry(item: item.id, text: item.text, decision: "carry", note: nil))
                case "y", "discussed", "d":
                    let line = readMeetingLine("  note: ", question)
                guard case let .text(note) = line else { return leaving(line) }
                    entries.append(AgendaReview.Entry(item: item.id, text: item.text, decision: "discussed",
                                                      note: note.isEmpty ? nil : note))
                default:
                    conversation.say("Type discussed or carry (y, c).")
                    continue
                }
                break
            }
        }
        return .structured(AgendaReview(items: entries))
    }

    func askKPIs(_ question: Question) -> Step {
        header(question)
        conversation.say("  Enter each actual as a number; Enter leaves that KPI out this time.")
        var actuals: [KPIReview.Actual] = []
        for kpi in meeting?.kpis(reviewedBy: question) ?? question.kpis {
            let target = meeting?.target(kpi: kpi.id)
            let targetText = target.map { "target \(kpi.display($0))" } ?? "no target set"
            while true {
                let line = readMeetingLine("  \(kpi.label) (\(targetText)): ", question)
                guard case let .text(text) = line else { return leaving(line) }
                if text.isEmpty { break }
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
                actuals.append(KPIReview.Actual(kpi: kpi.id, actual: actual, target: target, attainment: attainment))
                break
            }
        }
        return .structured(KPIReview(actuals: actuals))
    }

    func askNewActions(_ question: Question) -> Step {
        header(question)
        let subject = meeting?.subjectName
        conversation.say("  One item at a time: its text (a blank line ends), owner, due date.")
        var items: [NewActions.Item] = []
        while true {
            let line = readMeetingLine("  action \(items.count + 1): ", question)
                guard case let .text(text) = line else { return leaving(line) }
            if text.isEmpty { break }
            var owner = subject ?? ""
            while true {
                let line = readMeetingLine("  owner [\(subject ?? "me")]: ", question)
                guard case let .text(typed) = line else { return leaving(line) }
                if typed.isEmpty { break }
                switch meeting?.owner(named: typed) ?? .success(typed) {
                case let .success(name): owner = name
                case let .failure(problem):
                    conversation.say(problem.reason)
                    continue
                }
                break
            }
            var due = ""
            while true {
                let line = readMeetingLine("  due [+7d]: ", question)
                guard case let .text(typed) = line else { return leaving(line) }
                switch DateAnswer.parseDue(typed.isEmpty ? "+7d" : typed, today: options.today, calendar: options.calendar) {
                case let .success(day): due = day
                case let .failure(problem):
                    conversation.say(problem.reason)
                    continue
                }
                break
            }
            conversation.say("  → \(text) — \(owner), due \(due)")
            items.append(NewActions.Item(text: text, owner: owner, due: due))
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
