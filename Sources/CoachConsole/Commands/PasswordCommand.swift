import ArgumentParser
import CoachCore
import CoachOrgStore
import Foundation

/// `password`: a person sets their own password on the organisation store.
struct PasswordCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Set your own password on the organisation store.",
        discussion: """
        Asks for the new password twice, without showing it and without keeping it in the
        history; coach sends the server a SCRAM-SHA-256 verifier, never the password. The new
        password has no expiry (a one-time password from 'org init' or 'person add' lasts 7
        days). Update ~/.pgpass if you keep your password there.

        Example:
          coach --store postgres://dana@db.example.com/coach password
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    /// Fewer characters than this are refused.
    static let minimumLength = 10

    func run(in context: CommandContext) throws {
        let address = try context.serverAddress(context.paths.store, for: "password")
        guard let reader = context.reader, context.isTerminal else { throw CoachError.needsTerminal("password") }
        let connection = try context.serverConnection(address)
        defer { connection.close() }
        while true {
            guard case let .line(first) = reader.readSecret(prompt: "New password for \(address.user): ") else { return }
            if let problem = Self.problem(with: first) {
                context.console.problem(problem)
                continue
            }
            guard case let .line(second) = reader.readSecret(prompt: "The same again: ") else { return }
            guard first == second else {
                context.console.problem("the two passwords differ; type them again")
                continue
            }
            try connection.query("SELECT coach.set_my_password(\(ScramVerifier.verifier(for: first)))")
            context.console.line("Password changed for \(address.user).")
            return
        }
    }

    /// Why `password` cannot be used, or nil.
    static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "a password has at least \(minimumLength) characters" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a password cannot contain control characters"
        }
        return nil
    }
}
