import CoachCore
import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// `export` carries the retros of the viewer's team: the team and its manager get them, with an
/// anonymous item's author null (JSON) or empty (CSV); HR and other teams get none.
@Suite("export of retros, in process")
struct RetroExportTests {
    /// North (Marco, Ana) with one closed retro: a named item, an anonymous one, a topic, an action.
    func store() throws -> AppDatabase {
        let database = try HistoryBuilder.seeded().database
        try database.addPerson(name: "Sven", role: .manager, team: "South", manager: nil, by: "Dana")
        try database.setOrgSetting(.retroAnonymous, to: "on", by: "Dana")
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let retro = try database.startRetro(team: "North", by: "Marco", surveyHash: nil, votesPerPerson: 3, at: now)
        let named = try database.addRetroItem(team: nil, list: "went_well", text: "Demo day", anonymous: false, customerFeedback: nil,
                                              by: "Ana", at: now)
        try database.addRetroItem(team: nil, list: "improve", text: "Too many meetings", anonymous: true, customerFeedback: nil,
                                  by: "Ana", at: now)
        try database.setRetroStage(id: retro.id, to: .grouping, by: "Marco", at: now)
        try database.groupRetroItems(retro: retro.id, items: [named.id], title: "Wins", by: "Marco")
        try database.setRetroStage(id: retro.id, to: .voting, by: "Marco", at: now)
        try database.castVotes(retro: retro.id, voter: "Ana", topics: [1], by: "Ana")
        try database.setRetroStage(id: retro.id, to: .actions, by: "Marco", at: now)
        try database.addRetroAction(retro: retro.id, text: "Book the demo room", owner: "Ana", due: nil, by: "Marco", at: now)
        try database.setRetroStage(id: retro.id, to: .closed, by: "Marco", at: now)
        return database
    }

    func export(_ format: String, as user: String, _ database: AppDatabase) throws -> String {
        let shell = try TestShell(lines: ["export \(format)"], user: user, database: database)
        #expect(shell.run() == 0, "\(shell.errors)")
        return shell.output
    }

    @Test("export --json: the team's retros with items, topics and actions; an anonymous item's author is null")
    func json() throws {
        let database = try store()
        for user in ["Ana", "Marco"] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(try export("--json", as: user, database).utf8))
                as? [String: Any])
            let retros = try #require(object["retros"] as? [[String: Any]])
            #expect(retros.count == 1, "\(user)")
            let retro = try #require(retros.first)
            #expect(Set(retro.keys) == ["id", "team", "manager", "opened", "closed", "stage", "votes_per_person", "items", "topics",
                                        "actions"])
            #expect(retro["team"] as? String == "North" && retro["stage"] as? String == "closed")
            let items = try #require(retro["items"] as? [[String: Any]])
            #expect(items.map { $0["text"] as? String } == ["Too many meetings", "Demo day"])
            #expect(items.first?["author"] is NSNull && items.last?["author"] as? String == "Ana")
            #expect(items.allSatisfy { Set($0.keys) == ["id", "list", "text", "author", "added_on", "topic"] })
            #expect((retro["topics"] as? [[String: Any]])?.first?["votes"] as? Int == 1)
            #expect((retro["actions"] as? [[String: Any]])?.first?["text"] as? String == "Book the demo room")
        }
        for outsider in ["Dana", "Sven"] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(try export("--json", as: outsider, database).utf8))
                as? [String: Any])
            #expect((object["retros"] as? [Any])?.isEmpty == true, "\(outsider)")
        }
    }

    @Test("export --csv: retro, retro_item, retro_topic and retro_action rows; no author for an anonymous item")
    func csv() throws {
        let database = try store()
        let lines = try export("--csv", as: "Ana", database).components(separatedBy: "\r\n")
        let day = DateAnswer.iso(Date(timeIntervalSince1970: 1_790_000_000))
        #expect(lines.contains { $0.hasPrefix("retro,,,#") && $0.contains(",North,Marco,") && $0.hasSuffix(",closed,,") })
        #expect(lines.contains { $0.hasPrefix("retro_item,,,#") && $0.hasSuffix(",North,,\(day),improve,Too many meetings,") })
        #expect(lines.contains { $0.hasPrefix("retro_item,,,#") && $0.hasSuffix(",North,Ana,\(day),went_well,Demo day,1") })
        #expect(lines.contains { $0.hasPrefix("retro_topic,,,#") && $0.hasSuffix(",North,,,1,Wins,1") })
        #expect(lines.contains { $0.hasPrefix("retro_action,,,#") && $0.contains(",Ana,Ana,,") && $0.hasSuffix("open,Book the demo room,") })
        #expect(!(try export("--csv", as: "Dana", database)).contains("retro"))
    }
}
