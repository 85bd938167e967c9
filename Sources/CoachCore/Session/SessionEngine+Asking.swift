import Foundation

/// What a typed line means before it is read as an answer.
enum Line: Equatable {
    case text(String)
    case back, skip, help, pause
}

extension SessionEngine {
    /// Asks one question until it gets an acceptable answer or a session command.
    func ask(_ question: Question) -> Step {
        switch question.type {
        case .reviewActions: return askReviewActions(question)
        case .agenda: return askAgenda(question)
        case .kpi: return askKPIs(question)
        case .actions: return askNewActions(question)
        default: break
        }
        let current = currentAnswer(of: question)
        conversation.say(QuestionText.render(question, progress: progress(of: question), current: current))
        while true {
            let line = readLine("> ", question: question)
            switch line {
            case .pause: return .pause
            case .back: return .back
            case .help: continue
            case .skip:
                if question.required {
                    conversation.say("This question needs an answer; :skip is for optional questions.")
                    continue
                }
                return .skipped
            case let .text(text):
                if text.isEmpty {
                    if let current { return .answered(current) }
                    if !question.required { return .skipped }
                    conversation.say("An answer is needed here (or :back, :pause).")
                    continue
                }
                var typed = text
                if question.type == .text && question.multiline {
                    if text == "." {
                        typed = ""
                    } else {
                        guard let rest = readMoreLines(question) else { return .pause }
                        typed = ([text] + rest).joined(separator: "\n")
                    }
                    if typed.isEmpty {
                        if !question.required { return .skipped }
                        conversation.say("An answer is needed here (or :back, :pause).")
                        continue
                    }
                }
                switch AnswerReading(question: question, today: options.today, calendar: options.calendar).read(typed) {
                case let .failure(problem):
                    conversation.say(problem.reason)
                case let .success(value):
                    guard question.accepts(value, given: answers) else {
                        conversation.say(question.constraintMessage ?? "That answer is not accepted here (\(question.constraint?.source ?? "")).")
                        continue
                    }
                    if case let .date(day) = value, day.lowercased() != text.lowercased() { conversation.say("→ \(day)") }
                    return .answered(value)
                }
            }
        }
    }

    /// The rest of a multiline answer, up to a line holding a single `.`; nil when paused.
    private func readMoreLines(_ question: Question) -> [String]? {
        var lines: [String] = []
        while true {
            switch conversation.ask(". ") {
            case .interrupted, .endOfInput: return nil
            case let .line(raw):
                let line = raw.trimmingCharacters(in: .whitespaces) == "." ? "." : raw
                if line == "." { return lines }
                if raw.trimmingCharacters(in: .whitespaces).lowercased() == ":pause" { return nil }
                if let problem = AnswerInput.problem(with: line) {
                    conversation.say(problem)
                    continue
                }
                lines.append(line)
            }
        }
    }

    /// Reads one line, turning the session commands into values and refusing lines that cannot
    /// be answers (invalid UTF-8, control characters, more than the maximum length).
    func readLine(_ prompt: String, question: Question) -> Line {
        while true {
            switch conversation.ask(prompt) {
            case .interrupted, .endOfInput:
                return .pause
            case let .line(raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if let problem = AnswerInput.problem(with: text) {
                    conversation.say(problem)
                    continue
                }
                switch text.lowercased() {
                case ":back": return .back
                case ":skip": return .skip
                case ":pause": return .pause
                case ":help":
                    conversation.say(QuestionText.help(for: question))
                    return .help
                default: return .text(text)
                }
            }
        }
    }
}
