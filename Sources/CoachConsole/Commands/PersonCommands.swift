import ArgumentParser
import CoachCore
import CoachStore

/// `person add`, `person edit` and `person show`.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Add a person, change one, or show one.",
        subcommands: [PersonAdd.self, PersonEdit.self, PersonShow.self])
}

/// `person add NAME --role rep|manager|hr [--team TEAM] [--manager PERSON] [--email E]`
struct PersonAdd: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person: a rep, a manager or HR.",
        discussion: """
        On an empty store anyone may add the first person, who then is the user. After that HR
        adds anyone and a manager adds reps to their own team. A team is created when first named.
        An e-mail address is optional and belongs to one person ('kpi import' matches people by
        name or e-mail); 'person edit NAME --email E' changes it later.

        Example:
          person add "Ana Lima" --role rep --team North --manager Marco --email ana.lima@example.com
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The person's name, unique in the store.") var name: String
    @Option(help: "rep, manager or hr.") var role: Role
    @Option(help: "The team, created if new.", completion: .coach(.team)) var team: String?
    @Option(help: "The person's manager (a manager).", completion: .coach(.manager)) var manager: String?
    @Option(help: "On an organisation store: their database login (default: made from the name, e.g. ana_lima).")
    var login: String?
    @Option(help: "Their e-mail address (optional), e.g. ana.lima@example.com.") var email: String?

    func run(in context: CommandContext) throws {
        let database = try context.database()
        let isFirst = try database.peopleCount() == 0
        let actor = isFirst ? nil : try context.currentUser().name
        let enrolment = try database.enrol(name: name, role: role, team: team, manager: manager, login: login, email: email,
                                           by: actor, at: context.clock.now())
        let person = enrolment.person
        context.console.line("Added \(person.name) (\(person.role.rawValue)).")
        if let login = enrolment.login, let password = enrolment.oneTimePassword {
            context.console.line("Their login is \(login). One-time password, shown only now (valid 7 days):")
            context.console.line("  " + password)
            context.console.line("\(person.name) logs in with it and sets their own with 'coach password'.")
        }
        if isFirst, context.userName.map({ $0.caseInsensitiveCompare(person.name) != .orderedSame }) ?? true {
            context.switchUser(to: person.name)
            context.console.line("\(person.name) is the first person in this store and is now the user.")
        }
    }
}

/// `person show NAME`
struct PersonShow: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a person: role, team, manager and goals.",
        discussion: "Example:\n  person show Ana --json")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The person's name.", completion: .coach(.person)) var name: String
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let database = try context.database()
        let user = try context.currentUser()
        let detail = try database.personDetail(named: name, viewer: user.name)
        let goals = try GoalProgress.rows(detail.goals, person: detail.summary.name, context: context)
        if json {
            context.console.line(try JSONOutput.encode(PersonDetailJSON(detail, goals: goals)))
            return
        }
        let console = context.console
        let name = detail.summary.name
        console.line(console.styled(name, .bold) + "  \(detail.summary.role.rawValue)")
        console.line("team     \(detail.summary.team ?? "-")")
        console.line("manager  \(detail.summary.manager ?? "-")")
        if let email = detail.summary.email { console.line("email    \(email)") }
        if !detail.directReports.isEmpty { console.line("reports  \(detail.directReports.joined(separator: ", "))") }
        if detail.goals.isEmpty {
            console.line("goals    none (set one with 'goal set \(name) KPI TARGET')")
        } else {
            console.line("goals")
            var table = Table("PERIOD", "KPI", "TARGET", "ACTUAL", "ATTAINMENT")
            for goal in goals { table.add(goal.cells) }
            table.render().split(separator: "\n").forEach { console.line("  " + $0) }
        }
    }
}

/// `people`
struct PeopleCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "people",
        abstract: "List everyone in the store.",
        discussion: "Example:\n  people --json")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let database = try context.database()
        _ = try context.currentUser()
        let people = try database.people()
        if json {
            context.console.line(try JSONOutput.encode(people.map(PersonJSON.init)))
            return
        }
        // The EMAIL column appears once someone has an address.
        let emails = people.contains { $0.email != nil }
        var table = emails ? Table("NAME", "ROLE", "TEAM", "MANAGER", "EMAIL") : Table("NAME", "ROLE", "TEAM", "MANAGER")
        table.mayShrink("TEAM", "MANAGER")
        for person in people {
            table.add([person.name, person.role.rawValue, person.team ?? "-", person.manager ?? "-"]
                      + (emails ? [person.email ?? "-"] : []))
        }
        context.console.line(table.render { context.console.styled($0, .bold) })
        context.console.line(people.count == 1 ? "1 person" : "\(people.count) people")
    }
}
