import Foundation

/// The naming rules for people and teams, enforced in one place.
enum NameRules {
    static let maxLength = 80

    /// `text` trimmed, or `StoreError.invalidName` when it is empty, too long or holds
    /// control characters.
    static func validated(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError.invalidName(text, reason: "a name cannot be empty") }
        guard name.count <= maxLength else {
            throw StoreError.invalidName(name, reason: "a name has at most \(maxLength) characters")
        }
        guard !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw StoreError.invalidName(name, reason: "a name cannot contain control characters")
        }
        return name
    }

    /// A team name: a name, and not `all`, which `trends --team all` reads as every team.
    static func validatedTeam(_ text: String) throws -> String {
        let name = try validated(text)
        guard name.lowercased() != "all" else {
            throw StoreError.invalidName(name, reason: "'all' means every team (trends --team all); choose another team name")
        }
        return name
    }
}
