import CoachCore
import Foundation
import GRDB

extension AppDatabase {
    /// Sets `personName`'s e-mail address (`EmailRules`), or clears it when `email` is empty.
    /// Whoever may add that person may: HR anyone's, a manager their own reps'.
    @discardableResult
    public func setEmail(_ email: String, for personName: String, by actorName: String) throws -> PersonSummary {
        let email = try EmailRules.validated(email)
        try write { db in
            let actor = try Self.actor(actorName, db)
            let subject = try Self.existingPerson(personName.trimmingCharacters(in: .whitespacesAndNewlines), db)
            guard Self.mayChangeEmail(of: subject, actor: actor) else {
                throw StoreError.notAllowed("only HR or \(subject.name)'s manager can change their e-mail")
            }
            guard let id = subject.id else { return }
            if let email {
                try Self.storeEmail(email, personID: id, db)
            } else {
                try db.execute(sql: "UPDATE person SET email = NULL WHERE id = ?", arguments: [id])
            }
        }
        return try personSummary(named: personName)
    }

    /// Whether `actor` may change `subject`'s e-mail: by the rule of adding them.
    static func mayChangeEmail(of subject: Person, actor: Person) -> Bool {
        actor.role == .hr || (actor.role == .manager && subject.role == .rep && subject.managerID == actor.id)
    }

    /// Stores a validated address on person `personID`, refusing one another person has (any case).
    static func storeEmail(_ email: String, personID: Int64, _ db: Database) throws {
        if let owner = try String.fetchOne(db, sql: "SELECT name FROM person WHERE lower(email) = lower(?) AND id <> ?",
                                           arguments: [email, personID]) {
            throw StoreError.duplicateEmail(email, owner: owner)
        }
        try db.execute(sql: "UPDATE person SET email = ? WHERE id = ?", arguments: [email, personID])
    }
}
