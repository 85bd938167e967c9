import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

@Suite("Names that look the same are one name")
struct ConfusableNameTests {
    static func store(with names: [String]) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana")
        for name in names { try database.addPerson(name: name, role: .rep, team: "North", manager: nil, by: "Dana") }
        return database
    }

    @Test("a look-alike of an existing person is refused, naming that person",
          arguments: [("Ana", "\u{410}na"), ("Na1", "N\u{430}1"), ("Ren\u{E9}", "Rene\u{301}"), ("Ian", "lan"), ("Olga", "0lga")])
    func lookAlikeRefused(existing: String, typed: String) throws {
        let database = try Self.store(with: [existing])
        let error = #expect(throws: StoreError.self) {
            try database.addPerson(name: typed, role: .rep, team: "North", manager: nil, by: "Dana")
        }
        #expect(error?.description.contains("'\(existing)'") == true, "\(String(describing: error))")
        #expect(try database.people().count == 3)
    }

    @Test("different names still pass", arguments: [("Ana", "Anna"), ("Ben", "Bea"), ("Lena", "Lina")])
    func differentNamesPass(existing: String, typed: String) throws {
        let database = try Self.store(with: [existing])
        try database.addPerson(name: typed, role: .rep, team: "North", manager: nil, by: "Dana")
        #expect(try database.people().count == 4)
    }

    @Test("a decomposed é finds the person stored with a precomposed one")
    func normalizedLookup() throws {
        let database = try Self.store(with: ["Ren\u{E9}"])
        #expect(try database.person(named: "Rene\u{301}")?.name == "Ren\u{E9}")
    }

    @Test("an unknown look-alike suggests the person it reads as")
    func lookAlikeSuggested() throws {
        let database = try Self.store(with: ["Ana"])
        let error = #expect(throws: StoreError.self) { try database.setShareWellbeing(true, for: "\u{410}na") }
        #expect(error == .unknownPerson("\u{410}na", suggestion: "Ana"))
    }

    @Test("a team that reads as another team is refused")
    func confusableTeam() throws {
        let database = try Self.store(with: [])
        #expect(throws: StoreError.confusableName("N\u{43E}rth", existing: "North", kind: "team")) {
            try database.addPerson(name: "Mia", role: .manager, team: "N\u{43E}rth", manager: nil, by: "Dana")
        }
    }

    @Test("invisible characters are refused in names", arguments: ["An\u{200B}a", "A\u{200D}na", "\u{202E}anA"])
    func invisibleRefused(name: String) throws {
        let database = try Self.store(with: [])
        #expect(throws: StoreError.self) { try database.addPerson(name: name, role: .rep, team: "North", manager: nil, by: "Dana") }
    }

    @Test("migration v5 keys existing names, leaves a look-alike pair unkeyed, and check reports it")
    func migrationAndCheck() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue, upTo: "v4")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO person (id, name, role, created_at) VALUES
                  (1, 'Ana', 'rep', '2026-11-01 09:00:00.000'),
                  (2, ?, 'rep', '2026-11-01 09:00:00.000'),
                  (3, ?, 'rep', '2026-11-01 09:00:00.000')
                """, arguments: ["\u{410}na", "Rene\u{301}"])
        }
        try Schema.migrator.migrate(queue)
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT name, name_key IS NULL FROM person ORDER BY id") }
        #expect(rows.map { $0[0] as String } == ["Ana", "\u{410}na", "Ren\u{E9}"])
        #expect(rows.map { $0[1] as Bool } == [false, true, false])
        let problem = try queue.read { db in try NameRules.lookAlikeProblems(db) }
        #expect(problem == "person '\u{410}na' reads as 'Ana' (rename one of each pair)")
    }
}
