import CoachCore
import CoachScoring
import CoachSessions
import CoachStore
import Foundation

// Storing: scoring a generated session and adding it to the team's batch.
extension DemoBuilder {
    struct Stored {
        var newActionIDs: [Int64]
        var actionTexts: [String]
        /// The ids of the agenda items added: `agendaTexts`' first, then `followUps`'.
        var newAgendaIDs: [Int64]
        var agendaTexts: [String]
        var followUps: [SessionEffects.FollowUp]
    }

    /// Imports the completed session scored, graded and read for effects by the rules every
    /// session goes through (`SessionService.importable`); `known` effects are what the
    /// generator meant the answers to say, checked against what they do say.
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
        // The same rules as a session completed in the shell: `ScoredSession` and `SessionEffects`.
        let completed = date.addingTimeInterval(Double(20 * (answers.count + 1) + 30))
        let input = try SessionService.importable(
            survey: survey, answers: dictionary, imported: imported, subjectID: subject, authorID: author,
            phase: phase, periodKey: periodKey, startedAt: date, completedAt: completed, calendar: DemoPlan.utc)
        let effects = input.effects
        if let known, known != effects {
            throw DemoError.incoherent("\(survey.id): generated effects \(known) != what the answers say \(effects)")
        }
        if checkCoherence { try verify(survey, answers: answers) }
        batch.sessions.append(PreparedSession(input))
        let actionIDs = effects.newActions.map { _ -> Int64 in nextActionID += 1; return nextActionID }
        let agendaIDs = (0..<(effects.newAgendaItems.count + effects.followUps.count)).map { _ -> Int64 in
            nextAgendaID += 1
            return nextAgendaID
        }
        batch.actionIDs.append(actionIDs)
        batch.agendaIDs.append(agendaIDs)
        summary.sessions += 1
        summary.answers += imported.count
        summary.actionItems += actionIDs.count
        summary.agendaItems += agendaIDs.count
        return Stored(newActionIDs: actionIDs, actionTexts: effects.newActions.map(\.text),
                      newAgendaIDs: agendaIDs, agendaTexts: effects.newAgendaItems, followUps: effects.followUps)
    }

    private func verify(_ survey: Survey, answers: [(Question, AnswerValue)]) throws {
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
    }
}
