import CoachCore
import CoachTestSupport
import Foundation
import Testing

/// The team retrospective through the built binary, on both engines: a whole retro from
/// scripted input (items before and at the meeting, grouping, votes from several people at the
/// keyboard and on their own machines, action items), reviewed at the next one; anonymous items
/// with no author anywhere; who may see and do what.
@Suite("Team retrospective")
struct RetroEndToEndTests {
    /// Dana (HR), Marco (manager, North), Ana, Bo and Cy (reps, North), Sam (manager) and Eve (rep) of South.
    static func organisation(_ engine: StoreEngine) throws -> any EngineStore {
        let store = try engine.team()
        try store.addPerson("Bo", role: "rep", team: "North")
        try store.addPerson("Cy", role: "rep", team: "North")
        try store.addPerson("Sam", role: "manager", team: "South")
        try store.addPerson("Eve", role: "rep", team: "South")
        return store
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The meeting's input up to the end of grouping (its last line empty), after which the end
    /// of input pauses it at voting.
    static let gatheringAndGrouping = """
        Won Acme
        New demo script works

        CRM is slow

        Shared objection library

        Acme invoices are wrong

        Customers love the new pricing page

        3 4 5 Slow internal processes


        """

    @Test("a whole retro: items, grouping, votes from the keyboard and from reps' machines, action items reviewed next time",
          arguments: StoreEngine.allCases)
    func wholeRetro(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let named = try store.run(["retro", "add", "Quotes take two days", "--list", "went_b"], as: "Ana")
        #expect(named.status == 0, "\(named.stderrText)")
        #expect(named.stdoutText.contains("It shows your name"), "\(named.stdoutText)")
        let refused = try store.run(["retro", "add", "Handovers are slow", "--list", "went_badly", "--anonymous"], as: "Bo")
        #expect(refused.status == 1 && refused.stderrText.contains("org set retro-anonymous on"), "\(refused.stderrText)")
        #expect(try store.run(["org", "set", "retro-anonymous", "on"], as: "Dana").status == 0)
        let anonymous = try store.run(["retro", "add", "Handovers are slow", "--list", "went_badly", "--anonymous"], as: "Bo")
        #expect(anonymous.status == 0, "\(anonymous.stderrText)")

        // Gathering and grouping; the end of input pauses the meeting at voting.
        let first = try store.run(["retro", "--team", "North"], as: "Marco", input: Self.gatheringAndGrouping)
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("Added before the meeting (2):"), "\(first.stdoutText)")
        #expect(first.stdoutText.contains("Topic 1: Slow internal processes (3 items)"), "\(first.stdoutText)")
        #expect(first.stdoutText.contains("Paused the retrospective of North at voting"), "\(first.stdoutText)")

        // Items in the survey's order of lists, by text inside a list: 1 New demo script works, 2 Won
        // Acme, 3 CRM is slow, 4 Handovers are slow, 5 Quotes take two days, 6 Shared objection
        // library, 7 Acme invoices are wrong, 8 Customers love the new pricing page. Items left out
        // of a group became topics of their own, in that order.
        let board = try Self.json(try store.run(["retro", "show", "--json"], as: "Bo").stdoutText)
        let topics = try #require(board["topics"] as? [[String: Any]])
        #expect(topics.map { $0["title"] as? String } == ["Slow internal processes", "New demo script works", "Won Acme",
                                                          "Shared objection library", "Acme invoices are wrong", "Customers love the new pricing page"],
                "\(topics)")
        #expect(board["stage"] as? String == "voting")

        // Reps vote on their own machines while voting is open; too many votes are refused.
        #expect(try store.run(["retro", "vote", "1", "1", "5"], as: "Ana").status == 0)
        #expect(try store.run(["retro", "vote", "1", "4", "4"], as: "Bo").status == 0)
        let tooMany = try store.run(["retro", "vote", "1", "2", "3", "4"], as: "Cy")
        #expect(tooMany.status == 1 && tooMany.stderrText.contains("3 votes"), "\(tooMany.stderrText)")
        let noTopic = try store.run(["retro", "vote", "9"], as: "Cy")
        #expect(noTopic.status == 1 && noTopic.stderrText.contains("no topic 9"), "\(noTopic.stderrText)")

        // Marco continues: Cy's votes at the keyboard, then the action items, topic by topic.
        let second = try store.run(["retro", "--team", "North"], as: "Marco", input: """
            Cy 5 5 1

            Ask finance for a one-day quote approval
            Ana
            +14d
            Call Acme about the invoices


            :done

            """)
        #expect(second.status == 0, "\(second.stderrText)")
        #expect(second.stdoutText.contains("Continuing the retrospective of North"), "\(second.stdoutText)")
        #expect(second.stdoutText.contains("Voted: 3 of 3."), "\(second.stdoutText)")
        #expect(second.stdoutText.contains("Topic 1: Slow internal processes (4 votes)"), "\(second.stdoutText)")
        #expect(second.stdoutText.contains("Topic 5: Acme invoices are wrong (3 votes)"), "\(second.stdoutText)")
        #expect(second.stdoutText.contains("Retrospective of North closed: 8 items, 6 topics, 2 action items."), "\(second.stdoutText)")

        let closed = try Self.json(try store.run(["retro", "show", "--json"], as: "Cy").stdoutText)
        #expect(closed["stage"] as? String == "closed")
        let counted = try #require(closed["topics"] as? [[String: Any]])
        #expect(counted.map { $0["votes"] as? Int } == [4, 0, 0, 2, 3, 0], "\(counted)")
        let items = try #require(closed["items"] as? [[String: Any]])
        #expect(items.first { $0["text"] as? String == "Quotes take two days" }?["author"] as? String == "Ana")
        #expect(items.first { $0["text"] as? String == "Handovers are slow" }?["author"] is NSNull)
        #expect(items.first { $0["text"] as? String == "Won Acme" }?["author"] is NSNull)
        let actions = try #require(closed["actions"] as? [[String: Any]])
        #expect(Set(actions.compactMap { $0["owner"] as? String }) == ["Ana", "Marco"], "\(actions)")

        // The actions are ordinary action items about their owner.
        let anaActions = try store.run(["actions", "--open"], as: "Ana")
        #expect(anaActions.stdoutText.contains("Ask finance for a one-day quote approval"), "\(anaActions.stdoutText)")

        // The next retro opens with them: done for Ana's, carry for Marco's.
        let next = try store.run(["retro", "--team", "North"], as: "Marco", input: "d\nc\n")
        #expect(next.status == 0, "\(next.stderrText)")
        #expect(next.stdoutText.contains("Action items from earlier retros"), "\(next.stdoutText)")
        #expect(try store.sql("SELECT text, status, carried_count FROM action_item WHERE retro_id IS NOT NULL ORDER BY text")
                == ["Ask finance for a one-day quote approval|done|0", "Call Acme about the invoices|open|1"])
        // The complaint reached customer feedback, with no person.
        #expect(try store.sql("""
            SELECT source, kind, text, CASE WHEN person_id IS NULL THEN 'nobody' ELSE 'someone' END FROM customer_feedback
            """).contains("retro|complaint|Acme invoices are wrong|nobody"))
    }

    @Test("an anonymous item keeps no author anywhere: no author, the day only, a random id, and no name in any output",
          arguments: StoreEngine.allCases)
    func anonymousItemHasNoAuthor(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        #expect(try store.run(["org", "set", "retro-anonymous", "on"], as: "Dana").status == 0)
        #expect(try store.run(["retro", "add", "Nobody listens to new ideas", "--anonymous"], as: "Bo").status == 0)
        #expect(try store.run(["retro", "add", "Second thing", "--anonymous", "--list", "ideas"], as: "Bo").status == 0)
        let today = DateAnswer.iso(Date())
        #expect(try store.sql("SELECT CASE WHEN author_id IS NULL THEN 'none' ELSE 'some' END, CAST(added_on AS TEXT) FROM retro_item ORDER BY text")
                == ["none|\(today)", "none|\(today)"])
        // Ids are not in the order the items were added (nor small sequential numbers).
        let ids = try store.sql("SELECT id FROM retro_item").compactMap { Int64($0) }
        #expect(ids.count == 2 && ids.allSatisfy { $0 > 1_000_000 }, "\(ids)")
        #expect(try store.run(["retro", "--team", "North"], as: "Marco", input: "").status == 0)
        for viewer in ["Marco", "Ana", "Bo"] {
            let shown = try store.run(["retro", "show", "--json"], as: viewer)
            let items = try #require(try Self.json(shown.stdoutText)["items"] as? [[String: Any]])
            #expect(items.count == 2 && items.allSatisfy { $0["author"] is NSNull }, "\(viewer): \(shown.stdoutText)")
            let exported = try store.run(["export", "--json"], as: viewer)
            #expect(!exported.stdoutText.contains("\"author\":\"Bo\""), "\(viewer)")
        }
    }

    @Test("who may: HR and other teams see no retro, only the team's manager runs one, votes only while voting")
    func permissions() throws {
        for engine in StoreEngine.allCases {
            let store = try Self.organisation(engine)
            defer { store.remove() }
            #expect(try store.run(["retro", "add", "Too many meetings"], as: "Ana").status == 0)
            for (viewer, arguments) in [("Dana", ["retro", "show", "--team", "North"]), ("Sam", ["retro", "show", "--team", "North"]),
                                        ("Eve", ["retro", "show", "--team", "North"]), ("Ana", ["retro", "--team", "North"]),
                                        ("Sam", ["retro", "--team", "North"]), ("Eve", ["retro", "add", "Hi", "--team", "North"])] {
                let result = try store.run(arguments, as: viewer, input: "")
                #expect(result.status != 0, "\(engine) \(viewer) \(arguments): \(result.stdoutText)")
                #expect(!result.stdoutText.contains("Too many meetings"), "\(engine) \(viewer)")
            }
            let early = try store.run(["retro", "vote", "1"], as: "Ana")
            #expect(early.status == 1 && early.stderrText.contains("no retrospective open"), "\(early.stderrText)")
            #expect(try store.run(["retro", "--team", "North"], as: "Marco", input: "Won Acme\n").status == 0)
            let gathering = try store.run(["retro", "vote", "1"], as: "Ana")
            #expect(gathering.status == 1 && gathering.stderrText.contains("it is at gathering"), "\(gathering.stderrText)")
            // The paused meeting lost nothing.
            #expect(try store.sql("SELECT text FROM retro_item ORDER BY text") == ["Too many meetings", "Won Acme"])
            let run = try store.run(["run", "team-retro"], as: "Marco")
            #expect(run.status != 0 && run.stderrText.contains("retro --team"), "\(run.stderrText)")
            let assign = try store.run(["assign", "team-retro", "--team", "North", "--due", "+7d"], as: "Dana")
            #expect(assign.status != 0 && assign.stderrText.contains("cannot be assigned"), "\(assign.stderrText)")
        }
    }
}
