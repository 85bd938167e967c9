import CoachCore
import Foundation
import GRDB

/// The naming rules for people and teams, enforced in one place (for both store engines).
public enum NameRules {
    public static let maxLength = 80

    /// `text` trimmed and in NFC (`NameKey.normalized`), or `StoreError.invalidName` when it is
    /// empty, too long, or holds control or invisible characters.
    public static func validated(_ text: String) throws -> String {
        let name = NameKey.normalized(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard !name.isEmpty else { throw StoreError.invalidName(text, reason: "a name cannot be empty") }
        guard name.count <= maxLength else {
            throw StoreError.invalidName(name, reason: "a name has at most \(maxLength) characters")
        }
        guard !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw StoreError.invalidName(name, reason: "a name cannot contain control characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.isDefaultIgnorableCodePoint || PlainText.isBidiControl($0) }) else {
            throw StoreError.invalidName(name, reason: "a name cannot contain invisible or bidirectional control characters")
        }
        return name
    }

    /// Stores `name`'s confusable key on row `id` of `table` ("person" or "team"), refusing a name
    /// that reads the same as another row's (`StoreError.confusableName`). A unique index on
    /// `name_key` backs the check, so two processes cannot both claim look-alike names.
    static func claimKey(for name: String, id: Int64, table: String, _ db: Database) throws {
        let key = NameKey.key(for: name)
        if let existing = try String.fetchOne(db, sql: "SELECT name FROM \(table) WHERE name_key = ? AND id <> ?",
                                              arguments: [key, id]) {
            throw StoreError.confusableName(name, existing: existing, kind: table)
        }
        try db.execute(sql: "UPDATE \(table) SET name_key = ? WHERE id = ?", arguments: [key, id])
    }

    /// Names stored before look-alikes were refused that read the same as another person's or
    /// team's (they have no `name_key`), as `check` reports them; nil when there are none.
    static func lookAlikeProblems(_ db: Database) throws -> String? {
        var pairs: [String] = []
        for table in ["person", "team"] {
            for name in try String.fetchAll(db, sql: "SELECT name FROM \(table) WHERE name_key IS NULL ORDER BY id") {
                let other = try String.fetchOne(db, sql: "SELECT name FROM \(table) WHERE name_key = ?",
                                                arguments: [NameKey.key(for: name)])
                pairs.append("\(table) '\(name)' reads as '\(other ?? "another name")'")
            }
        }
        return pairs.isEmpty ? nil : pairs.joined(separator: "; ") + " (rename one of each pair)"
    }

    /// The name of a person that reads the same as `name`, if any: a suggestion when `name` is unknown.
    static func lookAlikePerson(_ name: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM person WHERE name_key = ?", arguments: [NameKey.key(for: name)])
    }

    /// A team name: a name, and not `all`, which `trends --team all` reads as every team.
    public static func validatedTeam(_ text: String) throws -> String {
        let name = try validated(text)
        guard name.lowercased() != "all" else {
            throw StoreError.invalidName(name, reason: "'all' means every team (trends --team all); choose another team name")
        }
        return name
    }
}
