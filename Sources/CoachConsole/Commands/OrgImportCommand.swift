import ArgumentParser
import CoachCore
import CoachOrgStore
import CoachStore
import Foundation

/// `org import LOCAL.sqlite [URL] [--logins FILE]`: moves a local store into an organisation store.
struct OrgImportCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Move a local store into an organisation store (its administrator).",
        discussion: """
        Copies everything a local store holds about its people into the organisation store on
        PostgreSQL, in one transaction: people and teams, the survey versions sessions ran,
        every session with its original times, answers, scores and quiz marks, goals, KPI
        actuals, action items and agenda topics. Run by the database's administrator, after
        'org init'. A person or team whose name (or a look-alike) the organisation already has
        stops the import before anything is written. The local store is not changed; its
        settings and published surveys stay behind (the organisation's HR sets its own).

        Each person moved gets a login (made from their name) with a one-time password, valid
        7 days, printed at the end, or with --logins written to a CSV file only you can read.

        Examples:
          org import ~/.local/share/coach/coach.sqlite postgres://admin@db.example.com/coach
          org import team.sqlite --logins logins.csv
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The local store file to move.") var local: String
    @Argument(help: "The organisation store, as postgres://USER@HOST:PORT/DATABASE?sslmode=… (default: --store).")
    var url: String?
    @Option(help: "Write the logins and one-time passwords to this CSV file (created 0600, never overwritten).")
    var logins: String?

    func run(in context: CommandContext) throws {
        let address = try context.serverAddress(url ?? context.paths.store, for: "org import")
        let path = (local as NSString).expandingTildeInPath
        guard FileManager.default.fileExists(atPath: path) else { throw CoachError.noLocalStore(path) }
        if let logins { try LoginsFile.refuseExisting(logins) }
        let store = try AppDatabase.open(path: path)
        let connection = try context.serverConnection(address)
        defer { connection.close() }
        let report = try OrgImport.run(from: store, into: connection)
        context.console.line("Moved \(path) into \(address.redacted):")
        context.console.line("  " + report.counts.map { "\(Self.label($0.what)) \($0.count)" }.joined(separator: ", "))
        try LoginsFile.show(report.logins, file: logins, console: context.console)
    }

    private static func label(_ table: String) -> String {
        switch table {
        case "survey_version": "survey versions"
        case "question_mark": "quiz marks"
        case "kpi_actual": "KPI actuals"
        case "action_item": "action items"
        case "agenda_item": "agenda items"
        case "person": "people"
        case "recognition": "thanks"
        case "customer_feedback": "customer feedback"
        default: table.replacingOccurrences(of: "_", with: " ") + "s"
        }
    }
}

/// The logins and one-time passwords of people just moved in: on the terminal, or in a CSV file
/// only its owner can read.
enum LoginsFile {
    static func refuseExisting(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw CoachError.fileExists(path) }
    }

    static func show(_ logins: [(name: String, role: String, login: String, password: String)], file: String?,
                     console: Console) throws {
        guard !logins.isEmpty else { return }
        if let file {
            let csv = try CSVOutput.render(header: ["name", "role", "login", "one_time_password"],
                                           rows: logins.map { [$0.name, $0.role, $0.login, $0.password] })
            guard FileManager.default.createFile(atPath: file, contents: Data(csv.utf8), attributes: [.posixPermissions: 0o600])
            else { throw CoachError.cannotWrite(file) }
            console.line("Logins and one-time passwords (valid 7 days) of \(logins.count) people are in \(file), readable by you only.")
            return
        }
        console.line("")
        console.line("Logins and one-time passwords, shown only now (valid 7 days; each person sets their own with 'coach password'):")
        var table = Table("NAME", "ROLE", "LOGIN", "ONE-TIME PASSWORD")
        for login in logins { table.add([login.name, login.role, login.login, login.password]) }
        console.line(table.render())
    }
}
