import CoachCore
import Foundation

extension QuizLayout {
    /// The survey as this attempt shows it: the drawn questions in the order shown, each with its
    /// choices in the shown order, so the letters typed map to the shown choices and the stored
    /// answer is the choice's value.
    public func shownSurvey(_ survey: Survey) -> Survey {
        var shown = survey
        shown.questions = questions(in: survey).map { question in
            var question = question
            if [.choice, .multi].contains(question.type) { question.choices = shownChoices(of: question).map(\.choice) }
            return question
        }
        return shown
    }

    /// The layout as stored with the attempt.
    public func jsonText() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// `survey` as an attempt showed it: with the attempt's stored layout applied, or as it is
    /// when the attempt has none (a survey that is not a quiz, or an imported attempt).
    public static func shown(_ survey: Survey, storedLayout: String?) throws -> Survey {
        guard let storedLayout else { return survey }
        return try QuizLayout(jsonText: storedLayout).shownSurvey(survey)
    }

    /// Reads a layout stored with an attempt.
    public init(jsonText: String) throws {
        self = try JSONDecoder().decode(QuizLayout.self, from: Data(jsonText.utf8))
    }
}
