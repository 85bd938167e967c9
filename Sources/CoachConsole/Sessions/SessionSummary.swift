import CoachCore
import CoachScoring
import CoachSessions

/// The text printed when a session completes: scores with bands and alerts, or a quiz's result
/// with a review of each wrong answer.
enum SessionSummary {
    static func render(survey: Survey, completed: CompletedSession, kpis: [KPIDefinition] = [],
                       styled: (String, TextStyle) -> String) -> String {
        let outcome = completed.scored
        var lines = [styled("Done: \(survey.title)", .bold)]
        if let quiz = outcome.quiz {
            lines.append("Score: \(formatNumber(quiz.points))/\(formatNumber(quiz.maxPoints)) points"
                         + (quiz.percent.map { ", \(ScoreFormat.display($0))%" } ?? ""))
            if let passed = quiz.passed, let mark = quiz.passMark {
                lines.append(passed ? styled("Passed", .green) + " (pass mark \(formatNumber(mark))%)"
                                    : styled("Not passed", .yellow) + " (pass mark \(formatNumber(mark))%)")
            }
            let wrong = quiz.marks.filter { !$0.correct }
            if !wrong.isEmpty { lines.append(""); lines.append("To review:") }
            for mark in wrong {
                guard let question = survey.question(id: mark.questionID) else { continue }
                lines.append("• \(question.text)")
                let given = completed.answers[question.id].map { QuestionText.display($0, for: question) } ?? "no answer"
                lines.append("  your answer: \(given)   right: \(QuizFeedback.rightAnswer(question))")
                if let explain = question.explain { lines.append("  \(explain.trimmingCharacters(in: .whitespacesAndNewlines))") }
            }
            return lines.joined(separator: "\n")
        }
        if survey.kind == .oneOnOne { lines += MeetingSummary.lines(survey: survey, answers: completed.answers, kpis: kpis) }
        if outcome.results.isEmpty {
            if survey.kind != .oneOnOne { lines.append("Your answers are saved.") }
            return lines.joined(separator: "\n")
        }
        let width = survey.scores.map(\.label.count).max() ?? 0
        for result in outcome.results {
            guard let definition = survey.score(id: result.scoreID) else { continue }
            var line = "  " + definition.label.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  " + ScoreFormat.display(result.value)
            if let band = result.band { line += "  " + styled(band.label, style(for: band.level)) }
            if result.value == nil { line += "  (too few answers for a score)" }
            if result.alert { line += "  " + styled("⚑ an answer worth following up", .yellow) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func style(for level: BandLevel) -> TextStyle {
        switch level {
        case .ok: return .green
        case .warn: return .yellow
        case .alert: return .red
        }
    }
}

/// Quiz feedback: right or not after each answer (`feedback: immediate`) and the right answer's text.
enum QuizFeedback {
    static func immediate(survey: Survey) -> (Question, AnswerValue) -> String? {
        { question, answer in
            guard let key = question.answer else { return nil }
            let mark = QuizGrader.mark(question, key: key, given: answer)
            if mark.correct { return "✓ Right." }
            var text = "✗ Not quite: \(rightAnswer(question))."
            if let explain = question.explain { text += " " + explain.trimmingCharacters(in: .whitespacesAndNewlines) }
            return text
        }
    }

    static func rightAnswer(_ question: Question) -> String {
        guard let key = question.answer else { return "-" }
        func label(_ value: ChoiceValue) -> String { question.choices.first { $0.value == value }?.label ?? value.description }
        switch key {
        case let .choice(value): return label(value)
        case let .choices(values): return values.map(label).joined(separator: ", ")
        case let .number(value):
            return formatNumber(value) + (question.tolerance.map { $0 > 0 ? " (±\(formatNumber($0)))" : "" } ?? "")
        case let .texts(texts): return texts.first ?? "-"
        case let .bool(value): return value ? "yes" : "no"
        }
    }
}
