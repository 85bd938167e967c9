import CoachCore
import CoachTestSupport
import Foundation
import Testing

/// `agenda list`, `agenda remove` and `action edit` through the built binary, on both engines:
/// the rep and their manager keep the next one-on-one's agenda and change open action items;
/// HR and anyone else are refused in the same words.
@Suite("Agenda topics and action item edits")
struct AgendaAndActionEditTests {
    /// The one-on-one's answers with no open action items and one agenda topic discussed.
    static let meeting = ["1on1 Ana", "7", "Closed Acme", "y", "Agreed cover", "", "", "", ""]
        + ["", "", "", "", "None", "", "", "", ""] + [""] + ["Shared note", ".", "Private note", "."]

    /// Adds an open action item about Ana that she owns, due 2026-11-20; its id is 1.
    static func addActionItem(_ store: any EngineStore) throws {
        _ = try store.sql("""
            INSERT INTO action_item (subject_id, owner_id, text, due, created_at)
              SELECT id, id, 'Call Acme', '2026-11-20', '2026-11-01 10:00:00.000' FROM person WHERE name = 'Ana';
            """)
    }

    @Test("Ana lists and removes a topic; Marco's one-on-one then brings up only the other", arguments: StoreEngine.allCases)
    func removedTopicLeavesTheMeeting(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        #expect(try store.run(["agenda", "list"], as: "Ana").stdoutText == "No open agenda topics for your next one-on-one.\n")
        #expect(try store.shell(["agenda add Commission plan", "agenda add Holiday cover"], as: "Ana").status == 0)
        let listed = try store.run(["agenda", "list"], as: "Ana")
        #expect(listed.status == 0)
        let today = DateAnswer.iso(Date())
        #expect(listed.stdoutText.contains("#1  \(today)  Commission plan"), "\(listed.stdoutText)")
        #expect(listed.stdoutText.contains("#2  \(today)  Holiday cover"), "\(listed.stdoutText)")
        let json = try store.run(["agenda", "list", "--json"], as: "Ana")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [[String: Any]])
        #expect(items.map { $0["text"] as? String } == ["Commission plan", "Holiday cover"])
        #expect(items.first?["id"] as? Int == 1 && items.first?["added"] as? String == today)

        let removed = try store.run(["agenda", "remove", "#1"], as: "Ana")
        #expect(removed.status == 0, "\(removed.stderrText)")
        #expect(removed.stdoutText == "Removed: #1 Commission plan\n")
        let marcoSees = try store.run(["agenda", "list", "Ana"], as: "Marco")
        #expect(marcoSees.stdoutText.contains("Holiday cover") && !marcoSees.stdoutText.contains("Commission plan"))

        let meeting = try store.shell(Self.meeting, as: "Marco")
        #expect(meeting.status == 0, "\(meeting.stderrText)")
        #expect(meeting.stdoutText.contains("  • Holiday cover"), "\(meeting.stdoutText)")
        #expect(!meeting.stdoutText.contains("Commission plan"), "a removed topic is not brought up")
        #expect(try store.sql("SELECT text, status FROM agenda_item ORDER BY id") == [
            "Commission plan|removed", "Holiday cover|discussed",
        ], "the removed topic's row stays")
        #expect(try store.run(["agenda", "list", "Ana"], as: "Marco").stdoutText
            == "No open agenda topics for Ana's next one-on-one.\n")
        let discussed = try store.run(["agenda", "remove", "2"], as: "Ana")
        #expect(discussed.status == 1)
        #expect(discussed.stderrText.contains("agenda topic #2 was already discussed in a one-on-one"), "\(discussed.stderrText)")
    }

    @Test("HR neither lists nor removes a rep's topics, and a bad number is bad usage", arguments: StoreEngine.allCases)
    func hrRefused(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        #expect(try store.shell(["agenda add Commission plan"], as: "Ana").status == 0)
        let list = try store.run(["agenda", "list", "Ana"], as: "Dana")
        #expect(list.status == 1)
        #expect(list.stderrText.contains("not allowed: agenda topics are seen by the rep and their manager"), "\(list.stderrText)")
        #expect(!list.stdoutText.contains("Commission plan"))
        let remove = try store.run(["agenda", "remove", "1"], as: "Dana")
        #expect(remove.status == 1)
        #expect(remove.stderrText.contains("no agenda topic #1 ("), "\(remove.stderrText)")
        #expect(remove.stderrText.contains("'agenda list' shows yours"))
        #expect(try store.sql("SELECT status FROM agenda_item") == ["open"])
        let bad = try store.run(["agenda", "remove", "first"], as: "Ana")
        #expect(bad.status == 2)
        #expect(bad.stderrText.contains("'first' is not an agenda topic number"), "\(bad.stderrText)")
    }

    @Test("Marco changes an item's text, owner and due date, and 'actions' shows the change", arguments: StoreEngine.allCases)
    func edit(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try Self.addActionItem(store)
        let edited = try store.run(["action", "edit", "#1", "--text", "Call Acme about pricing", "--owner", "marco",
                                    "--due", "2099-12-31"], as: "Marco")
        #expect(edited.status == 0, "\(edited.stderrText)")
        #expect(edited.stdoutText == "Changed: #1 Call Acme about pricing — Marco, due 2099-12-31\n")
        let actions = try store.run(["actions", "Ana"], as: "Ana")
        #expect(actions.stdoutText.contains("2099-12-31  Marco  Ana    Call Acme about pricing"), "\(actions.stdoutText)")

        let week = try store.run(["action", "edit", "1", "--due", "+7d"], as: "Ana")
        #expect(week.status == 0, "\(week.stderrText)")
        let inAWeek = DateAnswer.iso(try #require(Calendar.current.date(byAdding: .day, value: 7, to: Date())))
        #expect(week.stdoutText == "Changed: #1 Call Acme about pricing — Marco, due \(inAWeek)\n")
        #expect(try store.sql("SELECT text, due, status FROM action_item") == ["Call Acme about pricing|\(inAWeek)|open"])
    }

    @Test("refusals: no flags, a past day, an unknown or outside owner, someone else's item, a closed item",
          arguments: StoreEngine.allCases)
    func refusals(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try store.addPerson("Mia", role: "manager", team: "South")
        try Self.addActionItem(store)
        let cases: [(user: String, arguments: [String], status: Int32, message: String)] = [
            ("Marco", [], 2, "say what to change with --text, --owner or --due"),
            ("Marco", ["--due", "2020-01-01"], 2, "--due: 2020-01-01 is in the past; a due date is today"),
            ("Marco", ["--due", "someday"], 2, "'someday' is not a date"),
            ("Marco", ["--owner", "Marc"], 1, "no person named 'Marc' (did you mean 'Marco'?)"),
            ("Marco", ["--owner", "Dana"], 1, "an action item about Ana is owned by Ana or their manager Marco, not Dana"),
            ("Marco", ["--text", " "], 1, "an action item needs 1 to 2000 characters of plain text"),
            ("Dana", ["--text", "Mine now"], 1, "no action item #1 that you can see; 'actions' lists yours"),
            ("Mia", ["--due", "+1d"], 1, "no action item #1 that you can see; 'actions' lists yours"),
        ]
        for (user, arguments, status, message) in cases {
            let result = try store.run(["action", "edit", "1"] + arguments, as: user)
            #expect(result.status == status, "\(user) \(arguments): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(user) \(arguments): \(result.stderrText)")
            #expect(result.stdoutText.isEmpty, "\(user) \(arguments)")
        }
        #expect(try store.sql("SELECT text, due FROM action_item") == ["Call Acme|2026-11-20"], "nothing was changed")

        #expect(try store.run(["action", "done", "1"], as: "Ana").status == 0)
        let closed = try store.run(["action", "edit", "1", "--text", "Too late"], as: "Marco")
        #expect(closed.status == 1)
        #expect(closed.stderrText.contains("#1 is done; only open items can be edited"), "\(closed.stderrText)")
        #expect(try store.sql("SELECT text, status FROM action_item") == ["Call Acme|done"])
    }
}
