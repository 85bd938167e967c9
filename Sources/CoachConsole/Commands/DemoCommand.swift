import ArgumentParser
import CoachCore
import CoachDemo
import CoachStore
import Foundation

/// `demo [--reps N] [--weeks N] [--seed N] [--force]`
struct DemoCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty store with a realistic synthetic organisation.",
        discussion: """
        Creates an HR person, teams of about seven reps with a manager each, and a history of
        weekly self-assessments and WHO-5 check-ins (with missed weeks), monthly CBI, one-on-ones
        with action items and agenda topics, monthly goals and KPI actuals, and CRM-basics quiz
        attempts before and after training. Reps follow personas: steady, improving, sliding
        toward burnout, new hire learning fast. One quiz question (private_spreadsheet) is answered
        against its key by strong reps, so 'report quiz crm-basics' flags it as likely miskeyed.
        The same seed on the same day gives the same store. A store with anyone in it is refused;
        --force adds the demo organisation alongside (free names; nothing is changed or deleted).

        On an organisation store (a postgres:// --store), the database's administrator runs it
        after 'org init': the organisation is built in a temporary local store and moved in as
        'org import' moves one, with a login and one-time password for each person (printed,
        or written to --logins FILE). A store with any session in it is refused unless --force.

        Example:
          coach --store /tmp/demo.sqlite demo --reps 24 --weeks 26
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Option(help: "How many reps (1-10000).") var reps: Int = 24
    @Option(help: "Weeks of history, ending last week (1-1040).") var weeks: Int = 26
    @Option(help: "The random seed: the same seed gives the same organisation.") var seed: UInt64 = 1
    @Flag(help: "Add a demo organisation to a store that already has people.") var force = false
    @Option(help: "On an organisation store: write the logins and one-time passwords to this CSV file (0600).")
    var logins: String?

    func validate() throws {
        guard DemoOptions.repsRange.contains(reps) else { throw ValidationError("--reps must be between 1 and 10000") }
        guard DemoOptions.weeksRange.contains(weeks) else { throw ValidationError("--weeks must be between 1 and 1040") }
    }

    func run(in context: CommandContext) throws {
        try validate()
        if let address = try context.serverStoreAddress() {
            return try runOnOrganisation(address, in: context)
        }
        let database = try context.localDatabase()
        let wasEmpty = try database.peopleCount() == 0
        let options = DemoOptions(reps: reps, weeks: weeks, seed: seed, now: context.clock.now())
        let summary = try DemoBuilder(database: database, options: options).run(force: force)
        for line in DemoReport.lines(summary, options: options) { context.console.line(line) }
        context.console.line("as: --as \"\(summary.hr)\" (HR), or a manager such as --as \"\(summary.managers[0])\" (\(summary.teams[0]))")
        // In the shell, on what was an empty store, carry on as HR (like the first person added).
        if wasEmpty, (try? context.currentUser()) == nil { context.switchUser(to: summary.hr) }
    }
}

/// The short summary `demo` prints.
enum DemoReport {
    static func lines(_ summary: DemoSummary, options: DemoOptions) -> [String] {
        let personas = DemoPersona.allCases.compactMap { persona -> String? in
            guard let names = summary.personas[persona], !names.isEmpty else { return nil }
            return "\(persona.label) \(names.count) (e.g. \(names[0]))"
        }
        return [
            "Demo organisation (seed \(options.seed)), weeks \(summary.firstWeek) to \(summary.lastWeek):",
            "  people    \(summary.people): HR \(summary.hr), \(summary.managers.count) managers, \(summary.reps) reps",
            "  teams     \(summary.teams.count): \(summary.teams.prefix(6).joined(separator: ", "))\(summary.teams.count > 6 ? ", ..." : "")",
            "  sessions  \(summary.sessions)",
            "  answers   \(summary.answers)",
            "  goals     \(summary.goals), action items \(summary.actionItems), agenda items \(summary.agendaItems)",
            "  personas  " + personas.joined(separator: "; "),
            "try: trends --team all, report quiz crm-basics",
        ]
    }
}
