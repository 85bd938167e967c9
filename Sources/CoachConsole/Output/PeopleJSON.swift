import CoachStore

/// The stable JSON shapes of `people`, `person show` and `goals` (field names are a contract
/// for scripts; add fields, never rename).
struct PersonJSON: Encodable {
    let name: String
    let role: String
    let team: String?
    let manager: String?

    init(_ summary: PersonSummary) {
        name = summary.name
        role = summary.role.rawValue
        team = summary.team
        manager = summary.manager
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(team, forKey: .team)
        try container.encode(manager, forKey: .manager)
    }

    private enum CodingKeys: String, CodingKey { case name, role, team, manager }
}

struct GoalJSON: Encodable {
    let period: String
    let kpi: String
    let target: Double

    init(_ goal: Goal) {
        period = goal.period
        kpi = goal.kpi
        target = goal.target
    }
}

struct PersonDetailJSON: Encodable {
    let name: String
    let role: String
    let team: String?
    let manager: String?
    let reports: [String]
    let goals: [GoalJSON]

    init(_ detail: PersonDetail) {
        name = detail.summary.name
        role = detail.summary.role.rawValue
        team = detail.summary.team
        manager = detail.summary.manager
        reports = detail.directReports
        goals = detail.goals.map(GoalJSON.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(team, forKey: .team)
        try container.encode(manager, forKey: .manager)
        try container.encode(reports, forKey: .reports)
        try container.encode(goals, forKey: .goals)
    }

    private enum CodingKeys: String, CodingKey { case name, role, team, manager, reports, goals }
}
