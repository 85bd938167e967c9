import CoachStore

/// The stable JSON shapes of `people`, `person show` and `goals` (field names are a contract
/// for scripts; add fields, never rename).
struct PersonJSON: Encodable {
    let name: String
    let role: String
    let team: String?
    let manager: String?
    let email: String?

    init(_ summary: PersonSummary) {
        name = summary.name
        role = summary.role.rawValue
        team = summary.team
        manager = summary.manager
        email = summary.email
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(team, forKey: .team)
        try container.encode(manager, forKey: .manager)
        try container.encode(email, forKey: .email)
    }

    private enum CodingKeys: String, CodingKey { case name, role, team, manager, email }
}

struct GoalJSON: Encodable {
    let period: String
    let kpi: String
    let target: Double
    /// The actual recorded for the month, and actual against target in percent; null when none.
    let actual: Double?
    let attainment: Double?

    init(_ progress: GoalProgress) {
        period = progress.goal.period
        kpi = progress.goal.kpi
        target = progress.goal.target
        actual = progress.actual
        attainment = progress.attainment
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(period, forKey: .period)
        try container.encode(kpi, forKey: .kpi)
        try container.encode(target, forKey: .target)
        try container.encode(actual, forKey: .actual)
        try container.encode(attainment, forKey: .attainment)
    }

    private enum CodingKeys: String, CodingKey { case period, kpi, target, actual, attainment }
}

struct PersonDetailJSON: Encodable {
    let name: String
    let role: String
    let team: String?
    let manager: String?
    let email: String?
    let reports: [String]
    let goals: [GoalJSON]

    init(_ detail: PersonDetail, goals: [GoalProgress]) {
        name = detail.summary.name
        role = detail.summary.role.rawValue
        team = detail.summary.team
        manager = detail.summary.manager
        email = detail.summary.email
        reports = detail.directReports
        self.goals = goals.map { GoalJSON($0) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(team, forKey: .team)
        try container.encode(manager, forKey: .manager)
        try container.encode(email, forKey: .email)
        try container.encode(reports, forKey: .reports)
        try container.encode(goals, forKey: .goals)
    }

    private enum CodingKeys: String, CodingKey { case name, role, team, manager, email, reports, goals }
}
