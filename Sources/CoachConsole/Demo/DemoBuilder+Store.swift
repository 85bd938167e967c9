import CoachCore
import CoachScoring
import CoachStore
import Foundation

// Storing: scoring a generated session and adding it to the team's batch.
extension DemoBuilder {
    struct Stored {
        var newActionIDs: [Int64]
        var actionTexts: [String]
        var newAgendaIDs: [Int64]
        var agendaTexts: [String]
    }

    /// Scores the answers with the real scorer (or grades them), and imports the completed session
    /// with the effects the real session runner would apply.
    @discardableResult
    func store(_ pack: Pack, answers: [(Question, AnswerValue)], subject: Int64, author: Int64,
               date: Date, periodKey: String?, phase: SessionPhase? = nil,
               effects known: SessionEffects? = nil, batch: DemoBatch) throws -> Stored {
        let survey = pack.survey
        var dictionary: [String: AnswerValue] = [:]
        dictionary.reserveCapacity(answers.count)
        var imported: [ImportedAnswer] = []
        imported.reserveCapacity(answers.count)
        for (position, (question, value)) in answers.enumerated() {
            dictionary[question.id] = value
            imported.append(ImportedAnswer(questionID: question.id, valueJSON: DemoJSON.text(value),
                                           isPrivate: question.isPrivate, position: position,
                                           answeredAt: date.addingTimeInterval(Double(20 * (position + 1)))))
        }
        var scores: [ScoreRow]
        var marks: [MarkRow] = []
        if survey.kind == .quiz {
            let graded = QuizGrader.grade(survey: survey, answers: dictionary)
            scores = graded.asScores.map { ScoreRow(scoreID: $0.scoreID, value: $0.value, band: $0.bandID, alert: $0.alert) }
            marks = graded.marks.map { MarkRow(questionID: $0.questionID, mark: $0.mark, maxMark: $0.maxMark) }
        } else {
            scores = SessionScorer.score(survey: survey, answers: dictionary)
                .map { ScoreRow(scoreID: $0.scoreID, value: $0.value, band: $0.bandID, alert: $0.alert) }
        }
        // A one-on-one's effects come with its answers (reading them back from the structured
        // answers costs a JSON round trip per answer); `checkCoherence` compares the two.
        let effects = known ?? SessionEffectsBuilder.effects(survey: survey, answers: dictionary)
        if checkCoherence { try verify(survey, answers: answers, dictionary: dictionary, effects: effects) }
        let completed = date.addingTimeInterval(Double(20 * (answers.count + 1) + 30))
        batch.sessions.append(PreparedSession(CompletedSessionInput(
            surveyID: survey.id, surveyHash: survey.contentHash, kind: survey.kind.rawValue,
            subjectID: subject, authorID: author, phase: phase, periodKey: periodKey,
            startedAt: date, completedAt: completed, answers: imported, scores: scores, marks: marks,
            effects: effects)))
        let actionIDs = effects.newActions.map { _ -> Int64 in nextActionID += 1; return nextActionID }
        let agendaIDs = effects.newAgendaItems.map { _ -> Int64 in nextAgendaID += 1; return nextAgendaID }
        batch.actionIDs.append(actionIDs)
        batch.agendaIDs.append(agendaIDs)
        summary.sessions += 1
        summary.answers += imported.count
        summary.actionItems += actionIDs.count
        summary.agendaItems += agendaIDs.count
        return Stored(newActionIDs: actionIDs, actionTexts: effects.newActions.map(\.text),
                      newAgendaIDs: agendaIDs, agendaTexts: effects.newAgendaItems)
    }

    private func verify(_ survey: Survey, answers: [(Question, AnswerValue)], dictionary: [String: AnswerValue],
                        effects: SessionEffects) throws {
        var given: [String: AnswerValue] = [:]
        for (question, value) in answers {
            guard question.isAsked(given: given), question.accepts(value, given: given) else {
                throw DemoError.incoherent("\(survey.id).\(question.id): \(value) is not a valid answer")
            }
            guard DemoJSON.text(value) == value.jsonText else {
                throw DemoError.incoherent("\(survey.id).\(question.id): JSON \(DemoJSON.text(value)) != \(value.jsonText ?? "nil")")
            }
            given[question.id] = value
        }
        let read = SessionEffectsBuilder.effects(survey: survey, answers: dictionary)
        guard read == effects else { throw DemoError.incoherent("\(survey.id): effects \(effects) != \(read)") }
    }
}
