import CoachCore

/// Computes a survey's scores from a session's answers (the `scores:` section of a survey file).
///
/// Rules:
/// - An item's value is its numeric choice value, or its scale or number answer. An answer that is
///   not valid for its question (a value not in the choice list, outside the scale's or number's
///   `min...max`, not a finite number, or of another type) counts as unanswered.
/// - A reverse item scores `min + max − value` over its choice list or scale range
///   (`Question.numericRange`); a reverse item without a known range counts as unanswered.
/// - `sum` or `mean` over the answered items only; fewer than `min_answered` → no score (and no band).
/// - Then `value * multiply + add`; a non-finite result is no score.
/// - The band is the first whose `max` is at least the value (inclusive; a value within 1e-9 of a
///   band's `max` counts as at that max, so float noise never moves a boundary value up a band).
/// - `alert_if_any` fires when any listed item is answered with a raw (not reversed) value at or
///   below `at_most`. It is checked even when the score itself has too few answers: a single very
///   low item is a signal to follow up on its own (WHO-5), whatever else was skipped.
public enum SessionScorer {
    /// Every score of `survey`, in the survey's order.
    public static func score(survey: Survey, answers: [String: AnswerValue]) -> [ScoreResult] {
        survey.scores.map { score($0, survey: survey, answers: answers) }
    }

    /// True when any score of the session raises an alert (the survey-level `alert`).
    public static func alert(survey: Survey, answers: [String: AnswerValue]) -> Bool {
        score(survey: survey, answers: answers).anyAlert
    }

    /// One score of `survey`.
    public static func score(_ definition: ScoreDefinition, survey: Survey,
                             answers: [String: AnswerValue]) -> ScoreResult {
        var values: [Double] = []
        for id in definition.items {
            guard let question = survey.question(id: id), let answer = answers[id],
                  let raw = itemValue(answer, for: question) else { continue }
            if definition.reverse.contains(id) {
                guard let range = question.numericRange else { continue }
                let reversed = range.lowerBound + range.upperBound - raw
                if reversed.isFinite { values.append(reversed) }
            } else {
                values.append(raw)
            }
        }
        let alert = alertFires(definition.alertIfAny, survey: survey, answers: answers)
        guard !values.isEmpty, values.count >= definition.minAnswered else {
            return ScoreResult(scoreID: definition.id, value: nil, alert: alert, answeredItems: values.count)
        }
        let total = values.reduce(0, +)
        let combined: Double
        switch definition.method {
        case .sum: combined = total
        case .mean: combined = total / Double(values.count)
        }
        let value = combined * definition.multiply + definition.add
        guard value.isFinite else {
            return ScoreResult(scoreID: definition.id, value: nil, alert: alert, answeredItems: values.count)
        }
        return ScoreResult(scoreID: definition.id, value: value, band: band(for: value, in: definition),
                           alert: alert, answeredItems: values.count)
    }

    /// The numeric value of a valid answer to a score item (raw, not reversed); nil when unusable.
    public static func itemValue(_ answer: AnswerValue, for question: Question) -> Double? {
        let number: Double
        switch answer {
        case .number(let n): number = n
        case .choice(let choice):
            guard let n = choice.number else { return nil }
            number = n
        default: return nil
        }
        guard number.isFinite else { return nil }
        switch question.type {
        case .choice:
            guard question.choices.contains(where: { $0.value.number == number }) else { return nil }
        case .scale, .number:
            if let low = question.min, number < low { return nil }
            if let high = question.max, number > high { return nil }
        default:
            return nil
        }
        return number
    }

    /// The band of `value`: the first whose `max` is at least the value, allowing for float noise.
    static func band(for value: Double, in definition: ScoreDefinition) -> ScoreBand? {
        definition.bands.first { value <= $0.max + 1e-9 * Swift.max(1, abs($0.max)) }
    }

    private static func alertFires(_ rule: AlertRule?, survey: Survey, answers: [String: AnswerValue]) -> Bool {
        guard let rule else { return false }
        return rule.items.contains { id in
            guard let question = survey.question(id: id), let answer = answers[id],
                  let raw = itemValue(answer, for: question) else { return false }
            return raw <= rule.atMost
        }
    }
}
