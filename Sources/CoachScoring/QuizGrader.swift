import CoachCore

/// Grades a quiz attempt by its questions' `answer`, `points` and `tolerance` keys.
///
/// Rules (surveys/README.md, "Quizzes"):
/// - Only questions with an `answer` count; `points` defaults to 1. Unanswered → 0.
/// - `choice`, `yesno`: full points when equal to the answer.
/// - `multi`: +points/|answer| per right pick, −points/|answer| per wrong pick, within `0...points`
///   (repeated picks count once).
/// - `number`: right when |given − answer| ≤ tolerance (inclusive, default 0; a 1e-9 allowance
///   keeps `0.4` vs `0.3 ± 0.1` right despite binary fractions).
/// - `text`: right when equal to any accepted text, case-insensitively, with whitespace trimmed and
///   inner runs of whitespace collapsed.
/// - `passed` is `percent ≥ pass` (inclusive, with the same tiny allowance); a quiz without `pass`
///   has no pass/fail (nil), as `QuizSettings.pass` documents.
///
/// The answer key decides how an answer is compared, so a question whose type and key disagree
/// is still graded safely: an answer of the wrong kind is simply wrong.
public enum QuizGrader {
    /// Grades `answers` against every question of `survey` that has an `answer`.
    public static func grade(survey: Survey, answers: [String: AnswerValue]) -> QuizResult {
        let marks = survey.questions.compactMap { question -> QuestionMark? in
            guard let key = question.answer else { return nil }
            return mark(question, key: key, given: answers[question.id])
        }
        let points = marks.reduce(0) { $0 + $1.mark }
        let maxPoints = marks.reduce(0) { $0 + $1.maxMark }
        var percent: Double?
        if maxPoints > 0 {
            let value = 100 * points / maxPoints
            if value.isFinite { percent = Swift.min(100, Swift.max(0, value)) }
        }
        let passMark = survey.quiz?.pass.flatMap { $0.isFinite ? $0 : nil }
        var passed: Bool?
        if let passMark, let percent { passed = percent + 1e-9 >= passMark }
        return QuizResult(marks: marks, points: points, maxPoints: maxPoints, percent: percent,
                          passMark: passMark, passed: passed)
    }

    /// The mark of one question for the answer `given` (nil: unanswered).
    public static func mark(_ question: Question, key: QuizAnswer, given: AnswerValue?) -> QuestionMark {
        let maxMark = question.points.isFinite ? Swift.max(0, question.points) : 0
        guard let given else {
            return QuestionMark(questionID: question.id, mark: 0, maxMark: maxMark, correct: false, answered: false)
        }
        let fraction = credit(key: key, given: given, tolerance: question.tolerance)
        let mark = Swift.min(maxMark, Swift.max(0, fraction * maxMark))
        return QuestionMark(questionID: question.id, mark: mark.isFinite ? mark : 0, maxMark: maxMark,
                            correct: fraction >= 1)
    }

    /// The share of the points earned, 0...1.
    static func credit(key: QuizAnswer, given: AnswerValue, tolerance: Double?) -> Double {
        switch (key, given) {
        case (.choice(let right), .choice(let picked)):
            return same(right, picked) ? 1 : 0
        case (.bool(let right), .bool(let picked)):
            return right == picked ? 1 : 0
        case (.choices(let right), .choices(let picked)):
            return multiCredit(right: right, picked: picked)
        case (.choices(let right), .choice(let picked)):
            return multiCredit(right: right, picked: [picked])
        case (.number(let right), .number(let picked)):
            return numberIsRight(picked, answer: right, tolerance: tolerance) ? 1 : 0
        case (.texts(let accepted), .text(let typed)):
            let normal = normalizedText(typed)
            return accepted.contains { normalizedText($0) == normal } ? 1 : 0
        default:
            return 0
        }
    }

    /// Partial credit of a `multi` answer: (right picks − wrong picks) / |answer|, within 0...1.
    static func multiCredit(right: [ChoiceValue], picked: [ChoiceValue]) -> Double {
        var answer: [ChoiceValue] = []
        for value in right where !answer.contains(where: { same($0, value) }) { answer.append(value) }
        guard !answer.isEmpty else { return 0 }
        var picks: [ChoiceValue] = []
        for value in picked where !picks.contains(where: { same($0, value) }) { picks.append(value) }
        let hits = picks.filter { pick in answer.contains { same($0, pick) } }.count
        let misses = picks.count - hits
        let credit = Double(hits - misses) / Double(answer.count)
        return Swift.min(1, Swift.max(0, credit))
    }

    /// True when `given` is within `tolerance` (inclusive) of `answer`.
    static func numberIsRight(_ given: Double, answer: Double, tolerance: Double?) -> Bool {
        guard given.isFinite, answer.isFinite else { return false }
        let allowed = (tolerance.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }) ?? 0
        let slack = 1e-9 * Swift.max(1, abs(answer))
        return abs(given - answer) <= allowed + slack
    }

    /// Text as compared: trimmed, inner whitespace runs collapsed to one space, case-folded.
    public static func normalizedText(_ text: String) -> String {
        // uppercased() then lowercased() folds "ß" and "SS" alike, which lowercased() alone does not.
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").uppercased().lowercased()
    }

    /// Choice values are equal, or a number and a string that spell the same value (`1` and `"1"`).
    static func same(_ a: ChoiceValue, _ b: ChoiceValue) -> Bool {
        a == b || a.description == b.description
    }
}
