import CoachCore
import CoachScoring
import CoachStore

/// A completed session's scores: the rows stored with it and what the summary shows.
struct SessionOutcomeScores {
    let results: [ScoreResult]
    let quiz: QuizResult?

    init(survey: Survey, answers: [String: AnswerValue]) {
        if survey.kind == .quiz {
            let graded = QuizGrader.grade(survey: survey, answers: answers)
            quiz = graded
            results = graded.asScores
        } else {
            quiz = nil
            results = SessionScorer.score(survey: survey, answers: answers)
        }
        self.answers = answers
        self.survey = survey
    }

    let answers: [String: AnswerValue]
    let survey: Survey

    /// The stored rows. `alert` records that the result calls for the private support message
    /// (an item alert, or a band at the score's `support_at`), so the store can keep that band
    /// label to the person it is about.
    var rows: [ScoreRow] {
        results.map { result in
            let support = survey.score(id: result.scoreID)?.callsForSupport(band: result.band, alert: result.alert) ?? false
            return ScoreRow(scoreID: result.scoreID, value: result.value, band: result.bandID, alert: result.alert || support)
        }
    }

    var marks: [MarkRow] {
        quiz?.marks.map { MarkRow(questionID: $0.questionID, mark: $0.mark, maxMark: $0.maxMark) } ?? []
    }
}

/// The text printed when a session completes: scores with bands and alerts, or a quiz's result
/// with a review of each wrong answer.
enum SessionSummary {
    static func render(survey: Survey, outcome: SessionOutcomeScores, styled: (String, TextStyle) -> String) -> String {
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
                let given = outcome.answers[question.id].map { QuestionText.display($0, for: question) } ?? "no answer"
                lines.append("  your answer: \(given)   right: \(QuizFeedback.rightAnswer(question))")
                if let explain = question.explain { lines.append("  \(explain.trimmingCharacters(in: .whitespacesAndNewlines))") }
            }
            return lines.joined(separator: "\n")
        }
        if survey.kind == .oneOnOne { lines += MeetingSummary.lines(survey: survey, answers: outcome.answers) }
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
