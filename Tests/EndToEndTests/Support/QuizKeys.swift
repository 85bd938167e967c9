import CoachCore
import CoachScoring

/// Translates a script written with the keys of a quiz's file order (a, b, c as written) into
/// the keys a seeded layout shows, so the same answers are given whatever the shuffle.
enum QuizKeys {
    static func translate(_ lines: [String], survey: Survey, layout: QuizLayout) -> [String] {
        let questions = layout.questions(in: survey)
        return lines.enumerated().map { index, line in
            guard index < questions.count, [.choice, .multi].contains(questions[index].type) else { return line }
            let question = questions[index]
            let fileKeys = ChoiceKeys(question.choices)
            let words = line.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            let positions = words.compactMap { fileKeys.keys.firstIndex(of: $0) }
            guard !words.isEmpty, positions.count == words.count else { return line }  // a label, typed as is
            return positions.compactMap { layout.key(for: question.choices[$0].value, questionID: question.id) }
                .joined(separator: ",")
        }
    }
}
