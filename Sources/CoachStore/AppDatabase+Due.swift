import CoachCore
import Foundation
import GRDB

/// What `due` needs: when each survey was last completed by a person, and each of a manager's
/// reps' last one-on-one.
extension AppDatabase {
    /// The last completion of each survey `personName` answered about themselves, by survey id.
    public func lastCompletions(of personName: String) throws -> [String: Date] {
        try read { db in
            let person = try Self.existingPerson(personName, db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT survey_id, MAX(completed_at) FROM session
                WHERE subject_id = ? AND author_id = ? AND state = 'completed' GROUP BY survey_id
                """, arguments: [person.id, person.id])
            return Dictionary(rows.map { ($0[0] as String, $0[1] as Date) }, uniquingKeysWith: max)
        }
    }

    /// Each rep `managerName` manages, with their last completed one-on-one (any survey of kind
    /// one-on-one) by that manager; a draft (a template the organisation has not published) is
    /// not a meeting held.
    public func lastOneOnOnes(managerName: String) throws -> [(rep: String, last: Date?)] {
        try read { db in
            let manager = try Self.existingPerson(managerName, db)
            return try Row.fetchAll(db, sql: """
                SELECT p.name, (SELECT MAX(s.completed_at) FROM session s WHERE s.subject_id = p.id
                                AND s.author_id = ? AND s.kind = 'one-on-one' AND s.state = 'completed'
                                AND s.draft = 0)
                FROM person p WHERE p.manager_id = ? ORDER BY p.name COLLATE NOCASE
                """, arguments: [manager.id, manager.id]).map { (rep: $0[0], last: $0[1]) }
        }
    }
}

extension AppDatabase {
    /// The latest completed session `personName` answered themselves for `surveyID`, with its date.
    public func latestOwnSession(of personName: String, surveyID: String) throws -> (id: Int64, completed: Date)? {
        try read { db in
            let person = try Self.existingPerson(personName, db)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, completed_at FROM session WHERE subject_id = ? AND author_id = ? AND survey_id = ?
                AND state = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1
                """, arguments: [person.id, person.id, surveyID]) else { return nil }
            return (row[0], row[1])
        }
    }
}
