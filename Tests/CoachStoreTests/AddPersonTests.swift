import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite("Adding people")
struct AddPersonTests {
    @Test func anyoneAddsTheFirstPerson() throws {
        let store = try AppDatabase.inMemory()
        let first = try store.addPerson(name: "  Hana  ", role: .hr, team: nil, manager: nil, by: nil)
        #expect(first.name == "Hana")
        #expect(first.id != nil)
        #expect(try store.peopleCount() == 1)

        let other = try AppDatabase.inMemory()
        try other.addPerson(name: "Mia", role: .manager, team: "North", manager: nil, by: "nobody")
        #expect(try other.person(named: "mia")?.role == .manager)
    }

    @Test(arguments: [
        ("", "empty"), ("   ", "empty"), (String(repeating: "a", count: 81), "80"),
        ("Bad\u{7}Name", "control"), ("Tab\tName", "control"),
    ])
    func rejectsBadNames(name: String, reasonWord: String) throws {
        let store = try AppDatabase.inMemory()
        let error = storeError { try store.addPerson(name: name, role: .hr, team: nil, manager: nil, by: nil) }
        guard case let .invalidName(_, reason) = error else {
            Issue.record("expected invalidName, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(reasonWord))
        #expect(try store.peopleCount() == 0)
    }

    @Test func acceptsEightyCharacters() throws {
        let store = try AppDatabase.inMemory()
        let name = String(repeating: "é", count: 80)
        #expect(try store.addPerson(name: name, role: .hr, team: nil, manager: nil, by: nil).name == name)
    }

    @Test func rejectsADuplicateNameCaseInsensitively() throws {
        let store = try sampleStore()
        let error = storeError { try store.addPerson(name: "RITA", role: .rep, team: nil, manager: nil, by: "Hana") }
        #expect(error == .duplicatePerson("RITA"))
    }

    @Test func unknownManagerGetsASuggestion() throws {
        let store = try sampleStore()
        let error = storeError { try store.addPerson(name: "Ann", role: .rep, team: nil, manager: "Mla", by: "Hana") }
        #expect(error == .unknownPerson("Mla", suggestion: "Mia"))
        #expect(error?.description.contains("did you mean 'Mia'") == true)
        let far = storeError { try store.addPerson(name: "Ann", role: .rep, team: nil, manager: "Zebedee", by: "Hana") }
        #expect(far == .unknownPerson("Zebedee", suggestion: nil))
    }

    @Test func managerMustHaveTheManagerRole() throws {
        let store = try sampleStore()
        let error = storeError { try store.addPerson(name: "Ann", role: .rep, team: nil, manager: "rita", by: "Hana") }
        #expect(error == .notAManager("Rita"))
    }

    @Test func teamsAreCreatedAndMatchedCaseInsensitively() throws {
        let store = try sampleStore()
        try store.addPerson(name: "Ann", role: .rep, team: "NORTH", manager: nil, by: "Hana")
        try store.addPerson(name: "Eve", role: .manager, team: "West", manager: nil, by: "Hana")
        let people = try store.people()
        #expect(people.first { $0.name == "Ann" }?.team == "North")
        #expect(people.first { $0.name == "Eve" }?.team == "West")
        let teams = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM team ORDER BY name") }
        #expect(teams == ["North", "South", "West"])
    }

    @Test func managerOfATeamWithoutOneBecomesItsManager() throws {
        let store = try sampleStore()
        // North already has Mia: a second manager joins without taking over.
        try store.addPerson(name: "Nick", role: .manager, team: "North", manager: nil, by: "Hana")
        try store.addPerson(name: "Ann", role: .rep, team: "North", manager: nil, by: "Hana")
        #expect(try store.people().first { $0.name == "Ann" }?.manager == "Mia")
        // A new team's first manager becomes its manager.
        try store.addPerson(name: "Eve", role: .manager, team: "West", manager: nil, by: "Hana")
        try store.addPerson(name: "Wes", role: .rep, team: "west", manager: nil, by: "Hana")
        #expect(try store.people().first { $0.name == "Wes" }?.manager == "Eve")
    }

    @Test func repGivenAManagerJoinsTheManagersTeam() throws {
        let store = try sampleStore()
        #expect(try store.people().first { $0.name == "Rob" } ==
                PersonSummary(name: "Rob", role: .rep, team: "South", manager: "Max"))
    }

    @Test func afterTheFirstPersonTheActorMustExist() throws {
        let store = try sampleStore()
        #expect(storeError { try store.addPerson(name: "Ann", role: .rep, team: nil, manager: nil, by: nil) }
                == .unknownUser(nil))
        #expect(storeError { try store.addPerson(name: "Ann", role: .rep, team: nil, manager: nil, by: "Ghost") }
                == .unknownUser("Ghost"))
    }

    @Test func hrAddsAnyone() throws {
        let store = try sampleStore()
        try store.addPerson(name: "Hugo", role: .hr, team: nil, manager: nil, by: "hana")
        try store.addPerson(name: "Nina", role: .manager, team: "East", manager: "Mia", by: "Hana")
        #expect(try store.person(named: "nina")?.managerID == store.person(named: "Mia")?.id)
    }

    @Test func managerAddsRepsToTheirOwnTeamOnly() throws {
        let store = try sampleStore()
        let ann = try store.addPerson(name: "Ann", role: .rep, team: nil, manager: nil, by: "Mia")
        let mia = try #require(try store.person(named: "Mia"))
        #expect(ann.managerID == mia.id)
        #expect(ann.teamID == mia.teamID)
        try store.addPerson(name: "Bea", role: .rep, team: "north", manager: "mia", by: "Mia")

        #expect(storeError { try store.addPerson(name: "Cy", role: .manager, team: nil, manager: nil, by: "Mia") }
                .isNotAllowed)
        #expect(storeError { try store.addPerson(name: "Cy", role: .hr, team: nil, manager: nil, by: "Mia") }
                .isNotAllowed)
        #expect(storeError { try store.addPerson(name: "Cy", role: .rep, team: "South", manager: nil, by: "Mia") }
                .isNotAllowed)
        #expect(storeError { try store.addPerson(name: "Cy", role: .rep, team: nil, manager: "Max", by: "Mia") }
                .isNotAllowed)
        #expect(try store.person(named: "Cy") == nil)
    }

    @Test func repAddsNoOne() throws {
        let store = try sampleStore()
        #expect(storeError { try store.addPerson(name: "Cy", role: .rep, team: nil, manager: nil, by: "Rita") }
                .isNotAllowed)
    }

    @Test func peopleAndDetail() throws {
        let store = try sampleStore()
        #expect(try store.people().map(\.name) == ["Hana", "Max", "Mia", "Rita", "Rob"])
        let detail = try store.personDetail(named: "mia")
        #expect(detail.summary == PersonSummary(name: "Mia", role: .manager, team: "North", manager: nil))
        #expect(detail.directReports == ["Rita"])
        #expect(detail.shareWellbeing == nil)
        #expect(storeError { _ = try store.personDetail(named: "Rits") } == .unknownPerson("Rits", suggestion: "Rita"))
    }
}

extension Optional where Wrapped == StoreError {
    /// Whether this is a `notAllowed` error.
    var isNotAllowed: Bool {
        if case .notAllowed = self { return true }
        return false
    }
}
