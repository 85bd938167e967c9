@testable import CoachConsole
import CoachTestSupport
import CoachCore
import CoachStore
import Testing

/// Tab offers for a person argument only the people the user may act on there, and quotes a
/// name with a space, or completes it inside a quote the user opened.
@Suite("Tab completion of people")
struct CompletionPeopleTests {
    /// Dana (HR); Marco manages North: Mia and Sofia Hansen; Olaf manages South: Per.
    func completion(as user: String) throws -> Completion {
        let shell = try TestShell(lines: [], user: user)
        try shell.database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try shell.database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        try shell.database.addPerson(name: "Olaf", role: .manager, team: "South", manager: nil, by: "Dana")
        for (name, team) in [("Mia", "North"), ("Sofia Hansen", "North"), ("Per", "South")] {
            try shell.database.addPerson(name: name, role: .rep, team: team, manager: nil, by: "Dana")
        }
        return Completion(context: shell.context)
    }

    static let everyone = ["\"Sofia Hansen\"", "Dana", "Marco", "Mia", "Olaf", "Per"]

    @Test("a manager: their own reps for one-on-one and goal set; themselves too for trends, history, goals, actions")
    func manager() throws {
        let marco = try completion(as: "Marco")
        #expect(marco.candidates(line: "one-on-one ", word: "") == ["\"Sofia Hansen\"", "Mia"])
        #expect(marco.candidates(line: "1on1 ", word: "") == ["\"Sofia Hansen\"", "Mia"])
        #expect(marco.candidates(line: "goal set ", word: "") == ["\"Sofia Hansen\"", "Mia"])
        for command in ["trends", "history", "goals", "actions"] {
            #expect(marco.candidates(line: "\(command) ", word: "") == ["\"Sofia Hansen\"", "Marco", "Mia"], "\(command)")
        }
        #expect(marco.candidates(line: "person show ", word: "") == Self.everyone)
    }

    @Test("HR: nobody for one-on-one, everyone for goal set, trends and history, only themselves for actions")
    func hr() throws {
        let dana = try completion(as: "Dana")
        #expect(dana.candidates(line: "one-on-one ", word: "").isEmpty)
        #expect(dana.candidates(line: "goal set ", word: "") == Self.everyone)
        #expect(dana.candidates(line: "trends ", word: "") == Self.everyone)
        #expect(dana.candidates(line: "history ", word: "") == Self.everyone)
        #expect(dana.candidates(line: "actions ", word: "") == ["Dana"])
    }

    @Test("a rep: nobody for one-on-one and goal set, themselves for trends; everyone for person show")
    func rep() throws {
        let mia = try completion(as: "Mia")
        #expect(mia.candidates(line: "one-on-one ", word: "").isEmpty)
        #expect(mia.candidates(line: "goal set ", word: "").isEmpty)
        #expect(mia.candidates(line: "trends ", word: "") == ["Mia"])
        #expect(mia.candidates(line: "person show ", word: "") == Self.everyone)
        #expect(mia.candidates(line: "person add Bo --role rep --manager ", word: "") == ["Marco", "Olaf"])
    }

    @Test("a name with a space: quoted when typed bare, as it is inside an open quote")
    func quoting() throws {
        let marco = try completion(as: "Marco")
        #expect(marco.candidates(line: "trends Sofia", word: "Sofia") == ["\"Sofia Hansen\""])
        #expect(marco.candidates(line: "trends sof", word: "sof") == ["\"Sofia Hansen\""])
        #expect(marco.candidates(line: "trends \"Sofia H", word: "Sofia H") == ["Sofia Hansen"])
        #expect(marco.candidates(line: "trends \"Sofia ", word: "Sofia ") == ["Sofia Hansen"])
        #expect(marco.candidates(line: "trends \"", word: "") == ["Marco", "Mia", "Sofia Hansen"])
        #expect(marco.candidates(line: "goal set \"Sofia Hansen\" rev", word: "rev") == ["revenue"])
        #expect(marco.candidates(line: "trends \"Per", word: "Per").isEmpty, "not Marco's rep")
    }

    @Test("complete KIND prints the same people for the user")
    func completeCommand() throws {
        let marco = try completion(as: "Marco")
        #expect(marco.values(for: .rep) == ["\"Sofia Hansen\"", "Mia"])
        #expect(marco.values(for: .person) == Self.everyone)
    }
}
