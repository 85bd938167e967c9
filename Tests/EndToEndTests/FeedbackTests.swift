import CoachCore
import CoachTestSupport
import Foundation
import Testing

/// Customer feedback through the built binary, on both engines: complaints heard in a one-on-one
/// and a self-assessment are listed by `feedback` to the rep and their manager (not HR, not
/// another team's manager), become action items with `feedback act`, close with `feedback
/// close`, and an old open complaint shows in `due`.
@Suite("Customer feedback")
struct FeedbackEndToEndTests {
    /// Marco's one-on-one with Ana: two complaints (one per line), a praise; every other
    /// optional question left out.
    static let meeting = ["1on1 Ana", "7", "Closed Acme", "", "", "", "", "", "",
                          "Late delivery to Acme", "Invoice was wrong", ".", "Loves the new demo",
                          "None", "", "", "", "", "", "", ""]

    /// Ana's weekly self-assessment with one complaint of her own.
    static let selfAssessment = ["checkin weekly-self-assessment"] + Array(repeating: "3", count: 20)
        + ["a", "", "", "Support never called back", "."]

    /// Dana (HR), Marco (North) with Ana, Eve (South) with Sam; the meeting and the self-assessment held.
    static func organisation(_ engine: StoreEngine) throws -> any EngineStore {
        let store = try engine.team()
        try store.addPerson("Eve", role: "manager", team: "South")
        try store.addPerson("Sam", role: "rep", team: "South")
        let meeting = try store.shell(Self.meeting, as: "Marco")
        #expect(meeting.status == 0, "\(meeting.stderrText)")
        let own = try store.shell(Self.selfAssessment, as: "Ana")
        #expect(own.status == 0, "\(own.stderrText)")
        #expect(try store.sql("SELECT state FROM session ORDER BY id") == ["completed", "completed"])
        return store
    }

    static func json(_ result: ProcessResult) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [[String: Any]], "\(result.stdoutText)")
    }

    @Test("a one-on-one's complaints (one per line) and praise and a self-assessment's complaint are listed to Ana and Marco only",
          arguments: StoreEngine.allCases)
    func capturedAndListed(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        #expect(try store.sql("SELECT source, kind, text, status FROM customer_feedback ORDER BY id") == [
            "one-on-one|complaint|Late delivery to Acme|open", "one-on-one|complaint|Invoice was wrong|open",
            "one-on-one|other|Loves the new demo|open", "self-assessment|complaint|Support never called back|open",
        ])
        for viewer in ["Ana", "Marco"] {
            let listed = try store.run(["feedback", "--json"], as: viewer)
            #expect(listed.status == 0, "\(listed.stderrText)")
            let rows = try Self.json(listed)
            #expect(rows.map { $0["text"] as? String } == ["Support never called back", "Loves the new demo", "Invoice was wrong",
                                                          "Late delivery to Acme"], "\(viewer)")
            #expect(rows.allSatisfy { $0["from"] as? String == "Ana" && $0["heard_on"] as? String == DateAnswer.iso(Date())
                                      && $0["status"] as? String == "open" && $0["action_item"] is NSNull }, "\(listed.stdoutText)")
            let table = try store.run(["feedback", "--team", "north"], as: viewer).stdoutText
            #expect(table.contains("one-on-one") && table.contains("complaint") && table.contains("Late delivery to Acme"), "\(table)")
        }
        for outsider in ["Dana", "Eve", "Sam"] {
            let listed = try store.run(["feedback"], as: outsider)
            #expect(listed.status == 0, "\(listed.stderrText)")
            #expect(listed.stdoutText.hasPrefix("No customer feedback since"), "\(outsider): \(listed.stdoutText)")
            #expect(try Self.json(store.run(["feedback", "--json", "--team", "all"], as: outsider)).isEmpty)
        }
        #expect(try Self.json(store.run(["feedback", "--json", "--team", "South"], as: "Marco")).isEmpty)
        let csv = try store.run(["feedback", "--csv", "--open"], as: "Ana").stdoutText
        #expect(csv.hasPrefix("id,day,source,from,kind,status,action_item,text"), "\(csv)")
        #expect(csv.contains(",one-on-one,Ana,complaint,open,,Late delivery to Acme"), "\(csv)")
        let export = try store.run(["export", "--json"], as: "Marco").stdoutText
        #expect(export.contains("\"customer_feedback\"") && export.contains("Support never called back"))
        #expect(!(try store.run(["export", "--json"], as: "Dana").stdoutText.contains("Support never called back")))
        #expect(try store.run(["export", "--csv"], as: "Ana").stdoutText.contains("Invoice was wrong"))
    }

    @Test("feedback act makes an action item in one step (seen in actions); close closes; both leave due",
          arguments: StoreEngine.allCases)
    func actAndDue(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let ids = try Dictionary(uniqueKeysWithValues: Self.json(store.run(["feedback", "--json"], as: "Marco")).map {
            ($0["text"] as? String ?? "", $0["id"] as? Int ?? 0)
        })
        let late = try #require(ids["Late delivery to Acme"]), invoice = try #require(ids["Invoice was wrong"])
        let own = try #require(ids["Support never called back"])
        // Fresh complaints are not due yet.
        #expect(!(try store.run(["due"], as: "Marco").stdoutText.contains("Complaint")))
        _ = try store.sql("UPDATE customer_feedback SET heard_on = '2026-01-05'")

        let acted = try store.run(["feedback", "act", "\(late)", "--owner", "Marco", "--due", "+3d"], as: "Marco")
        #expect(acted.status == 0, "\(acted.stderrText)")
        #expect(acted.stdoutText.contains("for feedback #\(late): Late delivery to Acme — Marco, due"), "\(acted.stdoutText)")
        let actions = try Self.json(store.run(["actions", "--json"], as: "Ana"))
        #expect(actions.contains { $0["text"] as? String == "Late delivery to Acme" && $0["owner"] as? String == "Marco"
                                   && $0["subject"] as? String == "Ana" }, "\(actions)")
        let closed = try store.run(["feedback", "close", "#\(own)"], as: "Ana")
        #expect(closed.status == 0 && closed.stdoutText.contains("Closed: #\(own) Support never called back"), "\(closed.stderrText)")

        let due = try store.run(["due"], as: "Marco").stdoutText
        #expect(due.contains("Complaint from Ana, "), "\(due)")
        #expect(due.contains(" days open: Invoice was wrong; 'feedback act \(invoice)'"), "\(due)")
        let complaintLines = due.split(separator: "\n").filter { $0.hasPrefix("Complaint") }
        #expect(complaintLines.count == 1, "acted, closed and praise are not listed: \(due)")
        #expect(due.contains("Action #1 due") && due.contains(": Late delivery to Acme"), "Marco's new action item: \(due)")
        #expect(try store.run(["due"], as: "Ana").stdoutText.contains("'feedback act \(invoice)'"))
        #expect(!(try store.run(["due"], as: "Dana").stdoutText.contains("Complaint")))
        let dueJSON = try #require(try JSONSerialization.jsonObject(with: Data(store.run(["due", "--json"], as: "Marco").stdoutText.utf8))
            as? [String: Any])
        let complaints = try #require(dueJSON["complaints"] as? [[String: Any]])
        #expect(complaints.map { $0["id"] as? Int } == [invoice] && (complaints.first?["days_open"] as? Int ?? 0) > 2, "\(complaints)")

        // A response time the complaint is within takes it out of due.
        #expect(try store.run(["org", "set", "response-time", "90"], as: "Dana").status == 0)
        let days = Calendar.current.dateComponents([.day], from: try #require(DateAnswer.isoDate("2026-01-05")), to: Date()).day ?? 0
        #expect(try store.run(["due"], as: "Marco").stdoutText.contains("Complaint") == (days > 90))
    }

    @Test("bad input: a bad id is bad usage; feedback one may not see, twice acted or an owner outside the meeting is refused",
          arguments: StoreEngine.allCases)
    func refusals(_ engine: StoreEngine) throws {
        let store = try Self.organisation(engine)
        defer { store.remove() }
        let id = try #require(try Self.json(store.run(["feedback", "--json"], as: "Ana")).last?["id"] as? Int)
        let bad = try store.run(["feedback", "act", "abc"], as: "Marco")
        #expect(bad.status == 2 && bad.stderrText.contains("'abc' is not a customer feedback number; 'feedback' lists them"),
                "\(bad.stderrText)")
        #expect(try store.run(["feedback", "--weeks", "0"], as: "Marco").status == 2)
        #expect(try store.run(["feedback", "--json", "--csv"], as: "Marco").status == 2)
        let unknownTeam = try store.run(["feedback", "--team", "Nort"], as: "Marco")
        #expect(unknownTeam.status == 1 && unknownTeam.stderrText.contains("North"), "\(unknownTeam.stderrText)")
        for outsider in ["Dana", "Eve"] {
            let hidden = try store.run(["feedback", "act", "\(id)"], as: outsider)
            #expect(hidden.status == 1 && hidden.stderrText.contains("no customer feedback #\(id) that you can see"),
                    "\(outsider): \(hidden.stderrText)")
            #expect(try store.run(["feedback", "close", "\(id)"], as: outsider).status == 1)
        }
        let outside = try store.run(["feedback", "act", "\(id)", "--owner", "Eve"], as: "Marco")
        #expect(outside.status == 1 && outside.stderrText.contains("owned by Ana or their manager Marco, not Eve"), "\(outside.stderrText)")
        let past = try store.run(["feedback", "act", "\(id)", "--due", "2020-01-01"], as: "Marco")
        #expect(past.status != 0, "a due date in the past")
        #expect(try store.run(["feedback", "act", "\(id)", "--json"], as: "Ana").status == 0)
        let again = try store.run(["feedback", "act", "\(id)"], as: "Marco")
        #expect(again.status == 1 && again.stderrText.contains("is already action item #"), "\(again.stderrText)")
        #expect(try store.sqlValue("SELECT count(*) FROM action_item") == "1")
        let help = try store.run(["help", "feedback"], as: "Ana").stdoutText
        #expect(help.contains("feedback act 12"), "\(help)")
    }
}

/// `org import` carries customer feedback from a local store to the organisation store, with
/// its status and the action item it became.
@Suite("Customer feedback moved by org import")
struct FeedbackImportTests {
    @Test("feedback on a local store reads the same in 'feedback --json' after the move, its action item with it")
    func feedbackMoves() throws {
        let local = try CoachSandbox()
        defer { local.remove() }
        let setup = ["person add Dana --role hr", "person add Marco --role manager --team North",
                     "person add Ana --role rep --team North"]
        #expect(try local.shell(setup).status == 0)
        let meeting = try local.shell(FeedbackEndToEndTests.meeting, as: "Marco")
        #expect(meeting.status == 0, "\(meeting.stderrText)")
        #expect(try local.run(["--store", local.store, "--as", "Marco", "feedback", "act", "1"]).status == 0)
        let before = try local.run(["--store", local.store, "--as", "Marco", "feedback", "--json"])
        #expect(before.stdoutText.contains("Late delivery to Acme"), "\(before.stdoutText)")

        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let admin = "postgres://postgres@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let loginsFile = organisation.sandbox.root.appendingPathComponent("logins.csv").path
        let moved = try organisation.sandbox.run(["org", "import", local.store, admin, "--logins", loginsFile], timeout: .seconds(120))
        #expect(moved.status == 0, "\(moved.stderrText)")
        #expect(moved.stdoutText.contains("customer feedback 3"), "\(moved.stdoutText)")
        let csv = try String(contentsOfFile: loginsFile, encoding: .utf8)
        let marco = try #require(csv.split(separator: "\r\n").map { $0.split(separator: ",").map(String.init) }
            .first { $0.first == "Marco" })
        let after = try organisation.sandbox.run(["feedback", "--json"], environment: [
            "COACH_STORE": "postgres://\(marco[2])@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)",
        ])
        #expect(after.status == 0, "\(after.stderrText)")
        #expect(after.stdoutText == before.stdoutText, "\(before.stdoutText)\n---\n\(after.stdoutText)")
    }
}
