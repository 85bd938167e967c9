import CoachCore
import Foundation
import GRDB

extension AppDatabase {
    /// Applies a completing session's effects inside its transaction. Only items about the
    /// session's subject are touched, whatever ids the effects name.
    static func apply(_ effects: SessionEffects, session: Session, at completedAt: Date, _ db: Database) throws {
        guard let sessionID = session.id else { return }
        let subject = session.subjectID
        // The date text GRDB would write, without a DateFormatter per statement.
        let now = BulkImporter.storedDate(completedAt)
        for decision in effects.actionDecisions {
            switch decision.decision {
            case "done", "drop":
                try db.cachedStatement(sql: """
                    UPDATE action_item SET status = ?, closed_at = ?, closed_session_id = ?
                    WHERE id = ? AND subject_id = ? AND status = 'open'
                    """).execute(arguments: [decision.decision == "done" ? "done" : "dropped", now, sessionID, decision.itemID, subject])
            default:
                try db.cachedStatement(sql: """
                    UPDATE action_item SET carried_count = carried_count + 1
                    WHERE id = ? AND subject_id = ? AND status = 'open'
                    """).execute(arguments: [decision.itemID, subject])
            }
        }
        for decision in effects.agendaDecisions {
            if decision.decision == "discussed" {
                try db.cachedStatement(sql: """
                    UPDATE agenda_item SET status = 'discussed', discussed_session_id = ?, note = ?
                    WHERE id = ? AND person_id = ? AND status = 'open'
                    """).execute(arguments: [sessionID, decision.note, decision.itemID, subject])
            } else {
                try db.cachedStatement(sql: """
                    UPDATE agenda_item SET carried_count = carried_count + 1
                    WHERE id = ? AND person_id = ? AND status = 'open'
                    """).execute(arguments: [decision.itemID, subject])
            }
        }
        let period = Period(containing: completedAt).description
        for actual in effects.kpiActuals where actual.actual.isFinite {
            try db.cachedStatement(sql: """
                INSERT INTO kpi_actual (person_id, kpi, period, actual, session_id, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id, kpi, period, session_id) DO UPDATE SET actual = excluded.actual
                """).execute(arguments: [subject, actual.kpi, period, actual.actual, sessionID, now])
        }
        for action in effects.newActions {
            let ownerID = try ownerID(named: action.owner, db)
            // The rep or the meeting's author (their manager): nobody else reads one-on-one content.
            guard ownerID == subject || ownerID == session.authorID else {
                throw StoreError.notAllowed("an action item from a one-on-one is owned by the rep or their manager, not \(action.owner)")
            }
            try db.cachedStatement(sql: """
                INSERT INTO action_item (subject_id, owner_id, text, due, status, created_at, created_session_id)
                VALUES (?, ?, ?, ?, 'open', ?, ?)
                """).execute(arguments: [subject, ownerID, action.text, action.due, now, sessionID])
        }
        for text in effects.newAgendaItems {
            try db.cachedStatement(sql: """
                INSERT INTO agenda_item (person_id, text, source, source_session_id, created_at, status)
                VALUES (?, ?, 'checkin', ?, ?, 'open')
                """).execute(arguments: [subject, text, sessionID, now])
        }
        for followUp in effects.followUps {
            try db.cachedStatement(sql: """
                INSERT INTO agenda_item (person_id, text, source, source_session_id, created_at, not_before, status)
                VALUES (?, ?, 'training', ?, ?, ?, 'open')
                """).execute(arguments: [subject, followUp.text, sessionID, now, followUp.notBefore])
        }
        try insertFeedback(effects, session: session, heardOn: DateAnswer.iso(completedAt), db)
    }

    /// The id of the person named `name` (any case), through a cached statement (an import applies
    /// thousands of new actions); an unknown name throws as `existingPerson` does.
    private static func ownerID(named name: String, _ db: Database) throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT id FROM person WHERE name = ? COLLATE NOCASE LIMIT 1")
        if let id = try Int64.fetchOne(statement, arguments: [name]) { return id }
        return try existingPerson(name, db).id
    }
}
