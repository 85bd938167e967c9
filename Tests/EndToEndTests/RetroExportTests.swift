import CoachCore
import CoachTestSupport
import Foundation
import Testing

/// `export` through the built binary carries the retros of the viewer's team on both engines:
/// the team and its manager get them, an anonymous item without its author; HR gets none.
@Suite("Retro export")
struct RetroExportEndToEndTests {
    @Test("export --json and --csv: North's closed retro for Ana and Marco, anonymous item without author; none for Dana",
          arguments: StoreEngine.allCases)
    func exportRetros(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        _ = try store.sql("""
            INSERT INTO retro (team_id, manager_id, opened_at, closed_at, stage, votes_per_person)
            VALUES ((SELECT id FROM team WHERE name = 'North'), (SELECT id FROM person WHERE name = 'Marco'),
                    '2026-11-02 09:00:00.000', '2026-11-02 10:00:00.000', 'closed', 3)
            """)
        _ = try store.sql("""
            INSERT INTO retro_item (id, team_id, retro_id, list, text, author_id, added_on)
            VALUES (3141592653, (SELECT id FROM team WHERE name = 'North'), (SELECT id FROM retro), 'improve', 'Too many meetings',
                    NULL, '2026-11-02')
            """)
        _ = try store.sql("""
            INSERT INTO retro_item (id, team_id, retro_id, list, text, author_id, added_on)
            VALUES (2718281828, (SELECT id FROM team WHERE name = 'North'), (SELECT id FROM retro), 'went_well', 'Demo day',
                    (SELECT id FROM person WHERE name = 'Ana'), '2026-11-02')
            """)
        for viewer in ["Ana", "Marco"] {
            let json = try store.run(["export", "--json"], as: viewer)
            #expect(json.status == 0, "\(viewer): \(json.stderrText)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
            let retros = try #require(object["retros"] as? [[String: Any]], "\(json.stdoutText)")
            #expect(retros.count == 1 && retros.first?["team"] as? String == "North" && retros.first?["stage"] as? String == "closed")
            let items = try #require(retros.first?["items"] as? [[String: Any]])
            #expect(items.map { $0["text"] as? String } == ["Too many meetings", "Demo day"], "\(viewer)")
            #expect(items.map { $0["id"] as? Int } == [3141592653, 2718281828])
            #expect(items.first?["author"] is NSNull && items.last?["author"] as? String == "Ana")
            #expect(items.allSatisfy { $0["added_on"] as? String == "2026-11-02" })
        }
        let csv = try store.run(["export", "--csv"], as: "Ana")
        #expect(csv.status == 0, "\(csv.stderrText)")
        #expect(csv.stdoutText.contains(",North,,2026-11-02,improve,Too many meetings,"), "\(csv.stdoutText)")
        let hr = try store.run(["export", "--json"], as: "Dana")
        #expect(hr.status == 0, "\(hr.stderrText)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(hr.stdoutText.utf8)) as? [String: Any])
        #expect((object["retros"] as? [Any])?.isEmpty == true, "\(hr.stdoutText)")
    }
}
