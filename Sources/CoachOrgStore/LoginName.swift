import Foundation

/// Database login names for people: lower-case ASCII letters, digits, `_`, `.` and `-`, at most
/// 63 bytes (PostgreSQL's limit), never starting with `pg_` (reserved) or `coach_` (coach's own
/// group roles), so a login is typed in psql without quotes.
public enum LoginName {
    /// The login for `name` when none is given: "Ana María Ruiz" becomes `ana_maria_ruiz`.
    public static func derived(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var login = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                login.unicodeScalars.append(scalar)
            } else if !login.isEmpty, login.last != "_" {
                login += "_"
            }
        }
        while login.hasSuffix("_") { login.removeLast() }
        if login.isEmpty { login = "person" }
        if login.first?.isNumber == true { login = "p_" + login }
        if login.hasPrefix("pg_") || login.hasPrefix("coach_") { login = "p_" + login }
        return String(login.prefix(63))
    }

    /// `login` if coach can use it, else `OrgStoreError.invalidLogin` saying why.
    public static func validated(_ login: String) throws -> String {
        let allowed = login.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
        }
        guard !login.isEmpty, login.utf8.count <= 63, allowed,
              let first = login.unicodeScalars.first, ("a"..."z").contains(first) || first == "_" else {
            throw OrgStoreError.invalidLogin(login, reason: "use 1 to 63 lower-case letters, digits, _ . or -, starting with a letter")
        }
        guard !login.hasPrefix("pg_"), !login.hasPrefix("coach_") else {
            throw OrgStoreError.invalidLogin(login, reason: "pg_ and coach_ begin the server's and coach's own roles")
        }
        return login
    }
}

/// A login about to be created for a person: its name, the one-time password to show once, and
/// the verifier the server stores instead of the password.
struct NewLogin {
    let login: String
    let password: String
    let verifier: String

    /// `login`, or one made from `name`, checked; with a fresh one-time password.
    init(for name: String, login: String?) throws {
        self.login = try LoginName.validated(login ?? LoginName.derived(from: name))
        password = ScramVerifier.oneTimePassword()
        verifier = ScramVerifier.verifier(for: password)
    }
}
