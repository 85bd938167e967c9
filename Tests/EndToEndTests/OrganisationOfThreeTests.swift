import CoachCore
import CoachOrgStore
import CoachTestSupport
import Foundation
import Testing

/// HR, a manager and a rep on three machines (three sandboxes, each with its own HOME) share
/// one organisation store, each logged in as themselves with the password they were given.
@Suite struct OrganisationOfThreeTests {
    @Test func eachAddsWhomTheyMayAndSeesTheOrganisation() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        let hanaLogin = TestPostgres.uniqueLogin("hana")
        let hanaPassword = try #require(try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: hanaLogin)).newLogin?.password)
        admin.close()
        let maraLogin = TestPostgres.uniqueLogin("mara"), robLogin = TestPostgres.uniqueLogin("rob")

        func machine(_ login: String, _ password: String) throws -> (CoachSandbox, [String: String]) {
            let url = "postgres://\(login)@127.0.0.1:\(server.port)/\(database)?sslmode=disable"
            return (try CoachSandbox(), ["COACH_STORE": url, "PGPASSWORD": password])
        }
        func password(in output: String) throws -> String {
            let lines = output.split(separator: "\n")
            let index = try #require(lines.firstIndex { $0.contains("One-time password, shown only now") })
            return lines[index + 1].trimmingCharacters(in: .whitespaces)
        }

        let (hr, hrEnvironment) = try machine(hanaLogin, hanaPassword)
        defer { hr.remove() }
        let addMara = try hr.run(["person", "add", "Mara", "--role", "manager", "--team", "North", "--login", maraLogin],
                                 environment: hrEnvironment)
        #expect(addMara.status == 0, "\(addMara.stderrText)")
        #expect(addMara.stdoutText.contains("Their login is \(maraLogin)."))

        let (manager, managerEnvironment) = try machine(maraLogin, try password(in: addMara.stdoutText))
        defer { manager.remove() }
        let addRob = try manager.run(["person", "add", "Rob", "--role", "rep", "--login", robLogin], environment: managerEnvironment)
        #expect(addRob.status == 0, "\(addRob.stderrText)")
        let addManager = try manager.run(["person", "add", "Nina", "--role", "manager", "--login", TestPostgres.uniqueLogin("nina")],
                                         environment: managerEnvironment)
        #expect(addManager.status == 1)
        #expect(addManager.stderrText.contains("a manager can add reps only"))

        let (rep, repEnvironment) = try machine(robLogin, try password(in: addRob.stdoutText))
        defer { rep.remove() }
        let people = try rep.run(["people", "--json"], environment: repEnvironment)
        #expect(people.status == 0, "\(people.stderrText)")
        let listed = try JSONSerialization.jsonObject(with: Data(people.stdoutText.utf8)) as? [[String: Any]]
        #expect(listed?.compactMap { $0["name"] as? String } == ["Hana", "Mara", "Rob"])
        #expect(listed?.first { $0["name"] as? String == "Rob" }?["manager"] as? String == "Mara")
        #expect(listed?.first { $0["name"] as? String == "Rob" }?["team"] as? String == "North")
        let repAdds = try rep.run(["person", "add", "Eve", "--role", "rep"], environment: repEnvironment)
        #expect(repAdds.stderrText.contains("a rep cannot add people"))
        let share = try rep.run(["share", "wellbeing", "on"], environment: repEnvironment)
        #expect(share.status == 0, "\(share.stderrText)")
        #expect(share.stdoutText.contains("Mara now sees your wellbeing band and trend"))
        let repSets = try rep.run(["org", "set", "min-group", "7"], environment: repEnvironment)
        #expect(repSets.status == 1)
        #expect(repSets.stderrText.contains("only HR changes the organisation's settings"))

        let set = try hr.run(["org", "set", "min-group", "6"], environment: hrEnvironment)
        #expect(set.status == 0, "\(set.stderrText)")
        let shown = try hr.run(["org", "show", "--json"], environment: hrEnvironment)
        #expect(shown.stdoutText.contains("\"min_group\":6") || shown.stdoutText.contains("\"min_group\" : 6"), "\(shown.stdoutText)")
        let tooLow = try hr.run(["org", "set", "min-group", "2"], environment: hrEnvironment)
        #expect(tooLow.status == 1)

        let goal = try manager.run(["goal", "set", "Rob", "revenue", "12000", "--period", "2026-12"], environment: managerEnvironment)
        #expect(goal.status == 0, "\(goal.stderrText)")
        let repGoals = try rep.run(["goals", "Rob", "--json"], environment: repEnvironment)
        #expect(repGoals.status == 0, "\(repGoals.stderrText)")
        #expect(repGoals.stdoutText.contains("12000") && repGoals.stdoutText.contains("2026-12"), "\(repGoals.stdoutText)")
        let repSetsGoal = try rep.run(["goal", "set", "Rob", "revenue", "1"], environment: repEnvironment)
        #expect(repSetsGoal.stderrText.contains("only HR or Rob's manager can set their goals"))
        let hrGoals = try hr.run(["goals", "Rob"], environment: hrEnvironment)
        #expect(hrGoals.stdoutText.contains("revenue"), "\(hrGoals.stdoutText)")
        let othersGoals = try manager.run(["goals", "Hana"], environment: managerEnvironment)
        #expect(othersGoals.stderrText.contains("targets are seen by the person, their manager and HR"))

        let shows = try manager.run(["person", "show", "Rob"], environment: managerEnvironment)
        #expect(shows.stdoutText.contains("manager  Mara"), "\(shows.stdoutText)")
        #expect(shows.stdoutText.contains("2026-12  revenue  12000"), "\(shows.stdoutText)")
        let whoAmI = try manager.run(["person", "show", "Mara"], environment: managerEnvironment)
        #expect(whoAmI.stdoutText.contains("reports  Rob"), "\(whoAmI.stdoutText)")

        // HR publishes a survey from a file on their machine; the rep's coach, without the file, has it.
        let pulse = hr.root.appendingPathComponent("pulse.yaml")
        try SurveyCatalogTests.pulse.write(to: pulse, atomically: true, encoding: .utf8)
        let published = try hr.run(["survey", "publish", pulse.path], environment: hrEnvironment)
        #expect(published.status == 0, "\(published.stderrText)")
        #expect(published.stdoutText.contains("Published pulse"))
        let publishedAgain = try hr.run(["survey", "publish", pulse.path], environment: hrEnvironment)
        #expect(publishedAgain.stdoutText.contains("already the organisation's"), "\(publishedAgain.stdoutText)")
        let repPublishes = try rep.run(["survey", "publish", pulse.path], environment: repEnvironment)
        #expect(repPublishes.stderrText.contains("HR publishes"))
        let listing = try rep.run(["surveys", "--json"], environment: repEnvironment)
        #expect(listing.status == 0, "\(listing.stderrText)")
        #expect(listing.stdoutText.contains("\"id\" : \"pulse\""), "\(listing.stdoutText)")

        // An action item from a one-on-one (written here as the administrator), and an agenda topic.
        let administrator = try ServerConnection.open(server.administrator(database: database))
        defer { administrator.close() }
        let itemID = try #require(try administrator.query("""
            INSERT INTO coach.action_item (subject_id, owner_id, text, created_at)
            SELECT id, id, 'Call ACME back', now() FROM coach.person WHERE name = 'Rob' RETURNING id::int
            """).first?.decode(Int.self))
        let repActions = try rep.run(["actions", "--json"], environment: repEnvironment)
        #expect(repActions.stdoutText.contains("Call ACME back"), "\(repActions.stdoutText) \(repActions.stderrText)")
        let managerActions = try manager.run(["actions", "Rob"], environment: managerEnvironment)
        #expect(managerActions.stdoutText.contains("Call ACME back"), "\(managerActions.stdoutText)")
        let hrActions = try hr.run(["actions", "--json"], environment: hrEnvironment)
        #expect(hrActions.status == 0 && !hrActions.stdoutText.contains("ACME"), "\(hrActions.stdoutText)")
        let hrAsks = try hr.run(["actions", "Rob"], environment: hrEnvironment)
        #expect(hrAsks.stderrText.contains("action items are seen by the rep they are about and their manager"))
        let hrCloses = try hr.run(["action", "done", "\(itemID)"], environment: hrEnvironment)
        #expect(hrCloses.status == 1)
        let done = try rep.run(["action", "done", "\(itemID)"], environment: repEnvironment)
        #expect(done.status == 0, "\(done.stderrText)")
        let again = try manager.run(["action", "done", "\(itemID)"], environment: managerEnvironment)
        #expect(again.status == 1)
        let agenda = try rep.run(["agenda", "add", "Discounts for ACME"], environment: repEnvironment)
        #expect(agenda.status == 0, "\(agenda.stderrText)")
        let topics = try administrator.query("""
            SELECT a.text FROM coach.agenda_item a JOIN coach.person p ON p.id = a.person_id WHERE p.name = 'Rob'
            """).map { try $0.decode(String.self) }
        #expect(topics == ["Discounts for ACME"])
    }
}
