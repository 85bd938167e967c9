@testable import CoachConsole
import CoachCore
import CoachStore
import CoachTestSupport
import Foundation
import Testing

@Suite("Private and plain text in the shell")
struct PrivateTextTests {
    static func seeded(_ lines: [String], user: String? = "Ana") throws -> TestShell {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana")
        let shell = try TestShell(lines: lines, user: user, database: database)
        shell.run()
        return shell
    }

    @Test("an agenda topic is not written to the shell history; other commands are")
    func agendaNotInHistory() throws {
        let shell = try Self.seeded(["agenda add My raise", "agenda  add  another", "due"])
        #expect(shell.reader.history == ["due"])
        #expect(try shell.database.openAgendaItems(personID: try #require(try shell.database.person(named: "Ana")?.id),
                                                   on: "2100-01-01").count == 2)
    }

    @Test("an action item's new text is not written to the shell history either")
    func actionEditNotInHistory() throws {
        let shell = try Self.seeded(["action edit 1 --text My raise", "agenda list"])
        #expect(shell.reader.history == ["agenda list"])
    }

    @Test("an agenda topic with a bidirectional override is refused and not stored")
    func bidiAgendaRefused() throws {
        let shell = try Self.seeded(["agenda add pay \u{202E}evil\u{202C} raise"])
        #expect(shell.errors.contains("an agenda item cannot contain bidirectional control characters"), "\(shell.errors)")
        #expect(try shell.database.openAgendaItems(personID: try #require(try shell.database.person(named: "Ana")?.id),
                                                   on: "2100-01-01").isEmpty)
    }
}

@Suite("Names as a user types them")
struct TypedNamesTests {
    @Test("a quoted word splits back to itself", arguments: ["Ana", "Sofia Hahn", "Lima, \"Bea\"", "back\\slash", "it's", ""])
    func quotedRoundTrip(word: String) throws {
        #expect(try ShellWords.split("one-on-one " + ShellWords.quoted(word)) == ["one-on-one", word])
    }

    @Test("due prints the command to run with the rep's name quoted when it must be")
    func dueQuotesNames() throws {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try database.addPerson(name: "Sofia Hahn", role: .rep, team: "North", manager: nil, by: "Dana")
        let shell = try TestShell(lines: ["due"], user: "Marco", database: database)
        shell.run()
        #expect(shell.output.contains("One-on-one with Sofia Hahn due (none yet): one-on-one \"Sofia Hahn\""), "\(shell.output)")
    }

    @Test("a team cannot be named 'all', which trends reads as every team", arguments: ["all", "ALL", " All "])
    func teamAllRefused(team: String) throws {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        #expect(throws: StoreError.self) {
            try database.addPerson(name: "Marco", role: .manager, team: team, manager: nil, by: "Dana")
        }
        #expect(try database.people().count == 1)
    }
}
