import CoachCore
import CoachStore
import CoachTestSupport
import Foundation
import Testing

@Suite("A shared wellbeing band never tells of the private support alert")
struct BandPrivacyTests {
    /// Ana shares her wellbeing with Marco and has completed WHO-5 with `answers`.
    static func sharedCheckin(_ answers: [String]) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana")
        try database.setShareWellbeing(true, for: "Ana", at: Date(timeIntervalSinceNow: -60))
        let rep = try TestShell(lines: ["run who-5"] + answers, user: "Ana", database: database)
        #expect(rep.run() == 0, "\(rep.errors)")
        return database
    }

    static func band(as viewer: String, _ database: AppDatabase) throws -> Any? {
        let shell = try TestShell(lines: ["trends Ana --score wellbeing --json"], user: viewer, database: database)
        shell.run()
        let rows = try JSONSerialization.jsonObject(with: Data(shell.output.utf8)) as? [[String: Any]]
        return try #require(rows?.first)["band"]
    }

    @Test("an item answered 1 in an 'ok' result: the manager sees 'ok', as for any 'ok' result")
    func itemAlertLeavesTheBand() throws {
        let withAlert = try Self.sharedCheckin(["4", "4", "3", "3", "1"])  // 60: ok, one item at 1
        let without = try Self.sharedCheckin(["3", "3", "3", "3", "3"])  // 60: ok, no alert
        #expect(try Self.band(as: "Marco", withAlert) as? String == "ok")
        #expect(try Self.band(as: "Marco", without) as? String == "ok")
        #expect(try Self.band(as: "Ana", withAlert) as? String == "ok")
    }

    @Test("a band at the support level is the rep's label alone, with or without an item alert")
    func supportBandStaysWithTheRep() throws {
        let low = try Self.sharedCheckin(["2", "2", "2", "2", "2"])  // 40: poor (support_at warn), no item alert
        #expect(try Self.band(as: "Marco", low) is NSNull)
        #expect(try Self.band(as: "Ana", low) as? String == "poor")
    }
}
