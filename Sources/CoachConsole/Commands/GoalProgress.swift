import CoachCore
import CoachScoring
import CoachStore

/// A goal with the actual recorded for its month and its attainment, as `goals` and
/// `person show` print them.
struct GoalProgress {
    let goal: Goal
    let definition: KPIDefinition?
    let actual: Double?

    /// actual ÷ target in percent (target ÷ actual where lower is better); nil without an actual.
    var attainment: Double? {
        actual.flatMap { KPIReview.attainment(actual: $0, target: goal.target, higherIs: definition?.higherIs ?? .better) }
    }

    /// PERIOD, KPI, TARGET, ACTUAL, ATTAINMENT for a table.
    var cells: [String] {
        let show = { (value: Double) in self.definition?.display(value) ?? formatNumber(value) }
        return [goal.period, goal.kpi, show(goal.target), actual.map(show) ?? "-",
                attainment.map { ScoreFormat.display($0, decimals: 0) + "%" } ?? "-"]
    }

    /// `goals` of `person` with the actuals the viewer's store shows for each month.
    static func rows(_ goals: [Goal], person: String, context: CommandContext) throws -> [GoalProgress] {
        guard !goals.isEmpty else { return [] }
        let definitions = try KPIs.definitions(in: context)
        var actuals = MonthlyActuals(database: try context.database())
        return try goals.map { goal in
            GoalProgress(goal: goal, definition: definitions.first { $0.id == goal.kpi },
                         actual: try actuals.actual(person: person, period: goal.period, kpi: goal.kpi))
        }
    }
}
