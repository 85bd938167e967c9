import ArgumentParser
import CoachCore
import CoachOrgStore
import Foundation

/// `org init [URL] [--hr NAME] [--login LOGIN]`: sets up an organisation store on PostgreSQL.
struct OrgInit: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up an organisation store on a PostgreSQL database (its administrator, once).",
        discussion: """
        Run once by the database's administrator (a superuser, or a role allowed to create
        roles), against an existing, empty database. Creates the group roles coach_rep,
        coach_manager and coach_hr (and coach_owner, which owns the schema and nobody logs in
        as), the schema coach with its row-level security, and the first HR person with a
        login of their own, whose one-time password is printed once (valid 7 days).
        Running it again does only what is missing and says so; a database set up by a newer
        coach is refused.

        The URL is read as psql reads it: PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD,
        PGSSLMODE and ~/.pgpass fill in what it leaves out. Without a URL, --store or
        COACH_STORE names the database.

        Examples:
          org init postgres://admin@db.example.com/coach?sslmode=verify-full --hr "Dana Smith"
          org init postgres:///coach --hr Dana --login dana
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The database, as postgres://USER@HOST:PORT/DATABASE?sslmode=… (default: --store).")
    var url: String?
    @Option(help: "The first HR person's name, when the organisation has none yet.") var hr: String?
    @Option(help: "Their database login (default: made from the name, e.g. dana_smith).") var login: String?

    func run(in context: CommandContext) throws {
        let address = try context.serverAddress(url ?? context.paths.store, for: "org init")
        let connection = try ServerConnection.open(address)
        defer { connection.close() }
        let report = try OrgSetup.initialise(connection, firstHR: hr.map { OrgSetup.FirstHR(name: $0, login: login) })
        let console = context.console
        console.line("Organisation store \(address.redacted):")
        for line in report.done { console.line("  " + line) }
        for line in report.alreadyThere { console.line("  " + line + " (nothing to do)") }
        for line in report.missing { console.line("  " + line) }
        if let created = report.newLogin {
            console.line("")
            console.line("One-time password for \(created.login), shown only now (valid 7 days):")
            console.line("  " + created.password)
            console.line("\(created.name) logs in with it and sets their own with 'coach password'.")
        }
    }
}
