import Foundation

/// The rules for a person's e-mail address, enforced in one place (for both store engines).
///
/// An address is `local@domain`: the local part of ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~.-`` (no dot first, last or twice in a row), the domain of at least two
/// labels of letters, digits and `-`. At most 254 characters. Addresses with other characters
/// (internationalised ones) are refused, so that case-insensitive uniqueness means the same on
/// both engines. An address is stored as given (trimmed) and is unique regardless of case.
public enum EmailRules {
    public static let maxLength = 254

    private static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-")
    private static let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")

    /// `text` trimmed when it is an address coach stores; nil when it is empty (no address);
    /// otherwise `StoreError.invalidEmail` with the reason.
    public static func validated(_ text: String) throws -> String? {
        let email = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if email.isEmpty { return nil }
        func refuse(_ reason: String) -> StoreError { .invalidEmail(email, reason: reason) }
        guard email.count <= maxLength else { throw refuse("an address has at most \(maxLength) characters") }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw refuse("it needs exactly one @ between a name and a domain, e.g. ana@example.com")
        }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty else { throw refuse("nothing before the @") }
        guard local.count <= 64 else { throw refuse("the part before the @ has at most 64 characters") }
        if let bad = local.first(where: { !localCharacters.contains($0) }) {
            throw refuse("'\(bad)' cannot be in the part before the @ (letters, digits and . _ + - are usual)")
        }
        guard local.first != ".", local.last != ".", !local.contains("..") else {
            throw refuse("a dot cannot start or end the part before the @, nor follow another dot")
        }
        guard !domain.isEmpty else { throw refuse("no domain after the @, e.g. example.com") }
        if let bad = domain.first(where: { !domainCharacters.contains($0) && $0 != "." }) {
            throw refuse("'\(bad)' cannot be in the domain (letters, digits, - and dots)")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw refuse("the domain needs a dot, e.g. example.com") }
        guard labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && $0.first != "-" && $0.last != "-" }) else {
            throw refuse("each part of the domain between dots is 1 to 63 letters, digits or - (not first or last)")
        }
        return email
    }
}
