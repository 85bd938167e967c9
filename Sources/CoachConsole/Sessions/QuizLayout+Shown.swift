import CoachCore
import CoachScoring
import Foundation

extension QuizLayout {
    /// The survey as this attempt shows it: the drawn questions in the order shown, each with its
    /// choices in the shown order, so the letters typed map to the shown choices and the stored
    /// answer is the choice's value.
    func shownSurvey(_ survey: Survey) -> Survey {
        var shown = survey
        shown.questions = questions(in: survey).map { question in
            var question = question
            if [.choice, .multi].contains(question.type) { question.choices = shownChoices(of: question).map(\.choice) }
            return question
        }
        return shown
    }

    /// The layout as stored with the attempt.
    var jsonText: String? {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) }
    }
}
