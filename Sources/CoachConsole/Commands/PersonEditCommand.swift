import ArgumentParser
import CoachCore
import CoachStore

/// `person edit NAME --email E`
struct PersonEdit: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a person's e-mail address (HR anyone's, a manager their own reps').",
        discussion: """
        --email "" clears it. An address belongs to one person, regardless of case.

        Example:
          person edit Ana --email ana.lima@example.com
          person edit Ana --email ""
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The person's name.", completion: .coach(.managed)) var name: String
    @Option(help: "The new e-mail address; \"\" clears it.") var email: String?

    func validate() throws {
        guard email != nil else { throw ValidationError("nothing to change: give --email ADDRESS (or --email \"\" to clear it)") }
    }

    func run(in context: CommandContext) throws {
        let database = try context.database()
        let user = try context.currentUser()
        let summary = try database.setEmail(email ?? "", for: name, by: user.name)
        if let email = summary.email {
            context.console.line("\(summary.name)'s e-mail is now \(email).")
        } else {
            context.console.line("\(summary.name) has no e-mail address now.")
        }
    }
}
