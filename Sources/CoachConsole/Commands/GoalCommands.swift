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
        discussion: """
        KPI ids come from the one-on-one template (revenue, new_customers, conversion_rate,
        customer_satisfaction). HR or the person's manager sets targets.

        Example:
          goal set Ana revenue 12000 --period 2026-12
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose target.", completion: .coach(.managed)) var person: String
    @Argument(help: "The KPI id, e.g. revenue.", completion: .coach(.kpi)) var kpi: String
    @Argument(help: "The target, a number.") var target: Double
    @Option(help: ArgumentHelp("The month, YYYY-MM (default: this month).", valueName: "YYYY-MM")) var period: String?

    func validate() throws {
        guard target.isFinite else { throw ValidationError("the target must be a finite number, not '\(target)'") }
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
        let known = KPIs.known(in: context)
        guard known.isEmpty || known.contains(kpi) else { throw CoachError.unknownKPI(kpi, known: known) }
        let month = period.flatMap(Period.init) ?? Period(containing: context.clock.now())
        let goal = try database.setGoal(person: person, kpi: kpi, target: target, period: month, by: user.name,
                                        at: context.clock.now())
        context.console.line("Target for \(person) in \(goal.period): \(goal.kpi) \(formatNumber(goal.target)).")
    }
}

/// `goals PERSON`
struct GoalsCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "goals",
        abstract: "List a person's KPI targets, newest month first.",
        discussion: "Example:\n  goals Ana --json")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose targets.", completion: .coach(.visible)) var person: String
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let database = try context.database()
        let user = try context.currentUser()
        let goals = try database.goals(for: person, viewer: user.name)
        if json {
            context.console.line(try JSONOutput.encode(goals.map(GoalJSON.init)))
            return
        }
        if goals.isEmpty {
            context.console.line("\(person) has no targets yet (set one with 'goal set \(person) KPI TARGET').")
            return
        }
        var table = Table("PERIOD", "KPI", "TARGET")
        for goal in goals { table.add([goal.period, goal.kpi, formatNumber(goal.target)]) }
        context.console.line(table.render { context.console.styled($0, .bold) })
    }
}

/// The KPI ids the one-on-one template reviews, which goals are set for.
enum KPIs {
    static func known(in context: CommandContext) -> [String] {
        guard let template = context.catalog().surveys[OneOnOneCommand.template] else { return [] }
        return template.questions.flatMap { $0.kpis.map(\.id) }
    }
}
