import CoachCore
import CoachStore
import CoachTestSupport
import Foundation
import Testing

@Suite("org show and org set")
struct OrgCommandTests {
    static func store() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana")
        return database
    }

    @Test("HR sets and shows the settings; a manager may do neither")
    func hrOnly() throws {
        let database = try Self.store()
        let hr = try TestShell(lines: ["org show", "org set min-group 6", "org set support-message Call Eve on 0800 123 456",
                                       "org show --json"], user: "Dana", database: database)
        #expect(hr.run() == 0, "\(hr.errors)")
        #expect(hr.output.contains("min-group        5 (default)"), "\(hr.output)")
        #expect(hr.output.contains("Set min-group to 6."))
        let json = try #require(hr.output.range(of: "{").map { String(hr.output[$0.lowerBound...]) })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["min_group"] as? Int == 6)
        #expect(object["support_message"] as? String == "Call Eve on 0800 123 456")
        let manager = try TestShell(lines: ["org set min-group 3", "org show"], user: "Marco", database: database)
        #expect(manager.run() == 1)
        #expect(manager.errors.contains("only HR changes the organisation's settings"), "\(manager.errors)")
        #expect(try database.orgSettings().minGroup == 6)
    }

    @Test("a low check-in shows the organisation's support message to the rep")
    func supportMessageFromTheStore() throws {
        let database = try Self.store()
        try database.setOrgSetting(.supportMessage, to: "Call Eve on 0800 123 456", by: "Dana")
        let rep = try TestShell(lines: ["run who-5", "1", "1", "1", "1", "1"], user: "Ana", database: database)
        rep.run()
        #expect(rep.output.contains("Just for you"), "\(rep.output)")
        #expect(rep.output.contains("Call Eve on 0800 123 456"))
    }
}
