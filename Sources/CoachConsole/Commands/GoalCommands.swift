import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `goal set`.
struct GoalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "goal",
        abstract: "Set a person's KPI target for a month.",
        subcommands: [GoalSet.self])
}

/// `goal set PERSON KPI TARGET [--period YYYY-MM]`
struct GoalSet: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set a KPI target for a person and month (replaces an earlier one).",
        usage: "coach goal set <person> <kpi> <target> [--period <YYYY-MM>]",
        discussion: """
        KPI ids are those 'kpi list' shows: the one-on-one template's (revenue, new_customers,
        conversion_rate, customer_satisfaction) and the organisation's own. The target must be
        within the KPI's range; numbers may be grouped (9,500 or 9 500). HR or the person's
        manager sets targets.

        Example:
          goal set Ana revenue 12000 --period 2026-12
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose target.", completion: .coach(.managed)) var person: String
    @Argument(help: "The KPI id, e.g. revenue.", completion: .coach(.kpi)) var kpi: String
    // Every input left over, so that a negative target (`-5`) reaches the KPI's range check
    // instead of being read as an option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The target, a number (9500, 9,500, 4.5).", valueName: "target"))
    var target: [String] = []
    @Option(help: ArgumentHelp("The month, YYYY-MM (default: this month).", valueName: "YYYY-MM")) var period: String?

    func validate() throws {
        guard target.count == 1, let text = target.first else {
            throw ValidationError(target.isEmpty ? "Missing expected argument '<target>' (a number, e.g. 12000)"
                                                 : "one target, not '\(target.joined(separator: " "))'")
        }
        guard NumberText.parse(text) != nil else { throw ValidationError("'\(text)' is not a number (e.g. 12000 or 9,500)") }
        if let period, Period(period) == nil {
            throw ValidationError("'\(period)' is not a month: write it as YYYY-MM, e.g. 2026-12")
        }
        guard kpi.range(of: "^[a-z0-9_]+$", options: .regularExpression) != nil else {
            throw ValidationError("'\(kpi)' is not a KPI id: use lowercase letters, digits and '_' (e.g. revenue)")
        }
    }

    func run(in context: CommandContext) throws {
        let database = try context.database()
        let user = try context.currentUser()
        let value = target.first.flatMap { NumberText.parse($0) } ?? 0
        let known = try KPIs.definitions(in: context)
        guard let definition = known.first(where: { $0.id == kpi }) else {
            throw CoachError.unknownKPI(kpi, known: known.map(\.id))
        }
        if let problem = definition.problem(with: value) { throw CoachError.outOfRange(problem) }
        let month = period.flatMap(Period.init) ?? Period(containing: context.clock.now())
        let goal = try database.setGoal(person: person, kpi: kpi, target: value, period: month, by: user.name,
                                        at: context.clock.now())
        context.console.line("Target for \(person) in \(goal.period): \(definition.label) \(definition.display(goal.target)).")
    }
}

/// `goals PERSON`
struct GoalsCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "goals",
        abstract: "List a person's KPI targets with the actuals recorded, newest month first.",
        discussion: """
        Actuals are those recorded for the month by one-on-ones or 'kpi import' (the latest
        counts); attainment is actual ÷ target (target ÷ actual where lower is better).

        Example:
          goals Ana --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose targets.", completion: .coach(.visible)) var person: String
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let database = try context.database()
        let user = try context.currentUser()
        let goals = try GoalProgress.rows(try database.goals(for: person, viewer: user.name), person: person, context: context)
        if json {
            context.console.line(try JSONOutput.encode(goals.map(GoalJSON.init)))
            return
        }
        if goals.isEmpty {
            context.console.line("\(person) has no targets yet (set one with 'goal set \(person) KPI TARGET').")
            return
        }
        var table = Table("PERIOD", "KPI", "TARGET", "ACTUAL", "ATTAINMENT")
        table.mayShrink("KPI")
        for goal in goals { table.add(goal.cells) }
        context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
    }
}

/// The KPIs goals and one-on-ones use, as `kpi list` shows them.
enum KPIs {
    /// The one-on-one template's KPIs as the organisation defines them, then the organisation's own.
    static func definitions(in context: CommandContext) throws -> [KPIDefinition] {
        KPICatalog.effective(template: context.catalog().surveys[OneOnOneCommand.template],
                             organisation: try context.database().orgSettings().kpis)
    }

    /// The KPI ids, for completion (empty when the store cannot be read).
    static func known(in context: CommandContext) -> [String] {
        ((try? definitions(in: context)) ?? []).map(\.id)
    }
}
