import CoachTestSupport
import Foundation
import Testing

/// People's optional e-mail: given when added or changed later by whoever may add them, unique
/// regardless of case, refused with the reason when malformed, and shown wherever people are.
@Suite("People's e-mail addresses")
struct PersonEmailTests {
    @Test("person add --email and person edit --email store, change and clear an address; people, person show and export show it",
          arguments: StoreEngine.allCases)
    func setShowAndClear(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        let added = try store.run(["person", "add", "Lena Fischer", "--role", "rep", "--team", "North",
                                   "--email", "Lena.Fischer@Example.com"], as: "Marco")
        #expect(added.status == 0, "\(added.stderrText)")
        let edited = try store.run(["person", "edit", "Ana", "--email", "ana@example.com"], as: "Dana")
        #expect(edited.status == 0, "\(edited.stderrText)")
        #expect(edited.stdoutText.contains("Ana's e-mail is now ana@example.com."))
        #expect(try store.sql("SELECT name, email FROM person WHERE email IS NOT NULL ORDER BY name")
            == ["Ana|ana@example.com", "Lena Fischer|Lena.Fischer@Example.com"])

        let people = try store.run(["people"], as: "Ana").stdoutText
        #expect(people.contains("NAME          ROLE     TEAM   MANAGER  EMAIL"), "\(people)")
        #expect(people.contains("Ana           rep      North  Marco    ana@example.com"), "\(people)")
        #expect(people.contains("Dana          hr       -      -        -"), "\(people)")
        let json = try JSONSerialization.jsonObject(with: Data(try store.run(["people", "--json"], as: "Ana").stdoutText.utf8))
        let rows = try #require(json as? [[String: Any]])
        #expect(rows.first { $0["name"] as? String == "Lena Fischer" }?["email"] as? String == "Lena.Fischer@Example.com")
        #expect(rows.first { $0["name"] as? String == "Dana" }?["email"] is NSNull, "null, never left out")
        #expect(try store.run(["person", "show", "Ana"], as: "Marco").stdoutText.contains("email    ana@example.com"))
        let shown = try JSONSerialization.jsonObject(with: Data(try store.run(["person", "show", "Ana", "--json"], as: "Ana").stdoutText.utf8))
        #expect((shown as? [String: Any])?["email"] as? String == "ana@example.com")
        let export = try JSONSerialization.jsonObject(with: Data(try store.run(["export", "--json"], as: "Ana").stdoutText.utf8))
        let exported = try #require((export as? [String: Any])?["people"] as? [[String: Any]])
        #expect(exported.first { $0["name"] as? String == "Ana" }?["email"] as? String == "ana@example.com")

        let cleared = try store.run(["person", "edit", "Ana", "--email", ""], as: "Marco")
        #expect(cleared.status == 0, "\(cleared.stderrText)")
        #expect(cleared.stdoutText.contains("Ana has no e-mail address now."))
        #expect(try store.sqlValue("SELECT count(*) FROM person WHERE email IS NOT NULL") == "1")
        #expect(!(try store.run(["person", "show", "Ana"], as: "Marco").stdoutText.contains("email")))
    }

    @Test("an address taken in another case, a malformed one, and a change by someone who may not add the person are refused",
          arguments: StoreEngine.allCases)
    func refusals(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        #expect(try store.run(["person", "edit", "Ana", "--email", "ana@example.com"], as: "Marco").status == 0)
        let taken = try store.run(["person", "add", "Bo", "--role", "rep", "--team", "North", "--email", "ANA@example.COM"], as: "Dana")
        #expect(taken.status == 1)
        #expect(taken.stderrText.contains("Ana already has the e-mail address ANA@example.COM; an address belongs to one person"),
                "\(taken.stderrText)")
        #expect(try store.sqlValue("SELECT count(*) FROM person WHERE name = 'Bo'") == "0", "the person is not added without it")
        let takenByEdit = try store.run(["person", "edit", "Marco", "--email", "Ana@Example.com"], as: "Dana")
        #expect(takenByEdit.status == 1, "\(takenByEdit.stderrText)")

        for (address, reason) in [("ana.example.com", "it needs exactly one @"), ("ana@example", "the domain needs a dot"),
                                  ("ana lima@example.com", "' ' cannot be in the part before the @"),
                                  ("ana..lima@example.com", "a dot cannot start or end"), ("@example.com", "nothing before the @"),
                                  ("añа@example.com", "'ñ' cannot be in the part before the @")] {
            let refused = try store.run(["person", "edit", "Ana", "--email", address], as: "Dana")
            #expect(refused.status == 1, "\(address)")
            #expect(refused.stderrText.contains("'\(address)' is not an e-mail address coach can store: \(reason)"),
                    "\(address): \(refused.stderrText)")
        }
        let malformedAdd = try store.run(["person", "add", "Cy", "--role", "rep", "--email", "cy@"], as: "Dana")
        #expect(malformedAdd.status == 1)
        #expect(try store.sqlValue("SELECT count(*) FROM person WHERE name = 'Cy'") == "0")

        let managerOnHR = try store.run(["person", "edit", "Dana", "--email", "dana@example.com"], as: "Marco")
        #expect(managerOnHR.status == 1)
        #expect(managerOnHR.stderrText.contains("only HR or Dana's manager can change their e-mail"), "\(managerOnHR.stderrText)")
        let repOnSelf = try store.run(["person", "edit", "Ana", "--email", "me@example.com"], as: "Ana")
        #expect(repOnSelf.status == 1)
        let nothing = try store.run(["person", "edit", "Ana"], as: "Dana")
        #expect(nothing.status == 2)
        #expect(nothing.stderrText.contains("nothing to change: give --email ADDRESS"), "\(nothing.stderrText)")
        #expect(try store.sql("SELECT email FROM person WHERE email IS NOT NULL") == ["ana@example.com"])
    }
}
