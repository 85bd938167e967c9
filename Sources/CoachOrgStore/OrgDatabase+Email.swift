import CoachCore
import CoachStore
import Foundation
import PostgresNIO

extension OrgDatabase {
    /// Through `coach.set_person_email`, which applies the rule of adding the person (HR
    /// anyone's, a manager their own reps'); a unique index keeps an address to one person.
    @discardableResult
    public func setEmail(_ email: String, for personName: String, by actorName: String) throws -> PersonSummary {
        let email = try EmailRules.validated(email)
        let subject = try existingPerson(personName.trimmingCharacters(in: .whitespacesAndNewlines)), me = try me()
        // The database refuses this too; asking first gives the local store's words.
        guard me.role == .hr || (me.role == .manager && subject.role == .rep && subject.managerID == me.id) else {
            throw StoreError.notAllowed("only HR or \(subject.name)'s manager can change their e-mail")
        }
        if let email { try refuseTakenEmail(email, personID: subject.id) }
        do {
            try refusalsAsStoreErrors {
                try connection.query("SELECT coach.set_person_email(\(subject.id ?? -1), \(email))")
            }
        } catch let OrgStoreError.server(_, code) where code == "23505" {
            throw StoreError.duplicateEmail(email ?? "", owner: "another person")
        }
        return try personSummary(named: subject.name)
    }

    /// Refuses `email` when a person other than `personID` has it, in any case.
    func refuseTakenEmail(_ email: String, personID: Int64?) throws {
        if let owner = try connection.query("""
            SELECT name FROM coach.person WHERE lower(email) = lower(\(email)) AND id IS DISTINCT FROM \(personID)
            """).first?.decode(String.self) {
            throw StoreError.duplicateEmail(email, owner: owner)
        }
    }
}
