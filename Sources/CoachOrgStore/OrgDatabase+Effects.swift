import CoachCore
import CoachStore
import Foundation
import PostgresNIO

extension OrgDatabase {
    /// Applies a completing session's effects inside its transaction, as the local store does.
    /// Only items about the session's subject are touched, whatever ids the effects name; the
    /// policies on `action_item`, `agenda_item` and `kpi_actual` hold the author to the same.
    func apply(_ effects: SessionEffects, session: Session, at now: Date) throws {
        guard let sessionID = session.id else { return }
        let subject = session.subjectID
        for decision in effects.actionDecisions {
            switch decision.decision {
            case "done", "drop":
                try connection.query("""
                    UPDATE coach.action_item SET status = \(decision.decision == "done" ? "done" : "dropped"),
                      closed_at = \(now), closed_session_id = \(sessionID)
                    WHERE id = \(decision.itemID) AND subject_id = \(subject) AND status = 'open'
                    """)
            default:
                try connection.query("""
                    UPDATE coach.action_item SET carried_count = carried_count + 1
                    WHERE id = \(decision.itemID) AND subject_id = \(subject) AND status = 'open'
                    """)
            }
        }
        for decision in effects.agendaDecisions {
            if decision.decision == "discussed" {
                try connection.query("""
                    UPDATE coach.agenda_item SET status = 'discussed', discussed_session_id = \(sessionID), note = \(decision.note)
                    WHERE id = \(decision.itemID) AND person_id = \(subject) AND status = 'open'
                    """)
            } else {
                try connection.query("""
                    UPDATE coach.agenda_item SET carried_count = carried_count + 1
                    WHERE id = \(decision.itemID) AND person_id = \(subject) AND status = 'open'
                    """)
            }
        }
        let period = Period(containing: now).description
        for actual in effects.kpiActuals where actual.actual.isFinite {
            try connection.query("""
                INSERT INTO coach.kpi_actual (person_id, kpi, period, actual, session_id, recorded_at)
                VALUES (\(subject), \(actual.kpi), \(period), \(actual.actual), \(sessionID), \(now))
                ON CONFLICT (person_id, kpi, period, session_id) DO UPDATE SET actual = excluded.actual
                """)
        }
        for action in effects.newActions {
            let owner = try existingPerson(action.owner)
            // The rep or the meeting's author (their manager): nobody else reads one-on-one content.
            guard owner.id == subject || owner.id == session.authorID else {
                throw StoreError.notAllowed("an action item from a one-on-one is owned by the rep or their manager, not \(action.owner)")
            }
            try connection.query("""
                INSERT INTO coach.action_item (subject_id, owner_id, text, due, status, created_at, created_session_id)
                VALUES (\(subject), \(owner.id ?? -1), \(action.text), \(action.due), 'open', \(now), \(sessionID))
                """)
        }
        for text in effects.newAgendaItems {
            try connection.query("""
                INSERT INTO coach.agenda_item (person_id, text, source, source_session_id, created_at, status)
                VALUES (\(subject), \(text), 'checkin', \(sessionID), \(now), 'open')
                """)
        }
        for followUp in effects.followUps {
            try connection.query("""
                INSERT INTO coach.agenda_item (person_id, text, source, source_session_id, created_at, not_before, status)
                VALUES (\(subject), \(followUp.text), 'training', \(sessionID), \(now), \(followUp.notBefore), 'open')
                """)
        }
        if let source = FeedbackRules.source(ofSessionKind: session.kind) {
            let heardOn = DateAnswer.iso(now)
            for piece in effects.customerFeedback {
                try connection.query("""
                    INSERT INTO coach.customer_feedback (source, session_id, person_id, kind, text, heard_on, status)
                    VALUES (\(source), \(sessionID), \(subject), \(piece.kind.rawValue), \(piece.text), \(heardOn), 'open')
                    """)
            }
        }
    }
}
