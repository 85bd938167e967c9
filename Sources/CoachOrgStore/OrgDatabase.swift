import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// The organisation store's engine: the `PeopleStore` and `GoalStore` parts of the store contract on PostgreSQL,
/// as the login it connected with. Who may see and change what is decided by the database
/// (row-level security and the security-definer functions of `OrgSchema`); the `viewer` and
/// `by` parameters of the contract are always that login's person.
public final class OrgDatabase: PeopleStore, GoalStore, ActionStore, CatalogStore, SessionStore {
    public let connection: ServerConnection
    /// This process's part of every session claim it makes (see `claimText`).
    let claimToken = UUID().uuidString
    /// This connection's claim, once asked for, with the connection's generation it is of.
    var connectionClaim: (generation: Int, text: String)?
    /// Recorded surveys parsed so far, by content hash (a version never changes).
    private var parsedSurveys: [String: Survey] = [:]

    /// Opens the organisation store on `connection`, refusing a database without the schema or
    /// with a newer one than this coach knows.
    public init(connection: ServerConnection) throws {
        self.connection = connection
        try OrgSchema.requireLatest(connection)
    }

    /// The survey recorded under `hash`, parsed; nil when unknown or no longer readable.
    func recordedSurvey(hash: String) throws -> Survey? {
        if let parsed = parsedSurveys[hash] { return parsed }
        guard let content = try surveyContent(hash: hash),
              case .success(let survey) = SurveyLoader.load(yaml: content, file: hash) else { return nil }
        parsedSurveys[hash] = survey
        return survey
    }

    /// The person the login is, or `notAPerson`.
    public func me() throws -> Person {
        let rows = try connection.query("\(unescaped: Self.personColumns) WHERE p.login = session_user")
        guard let row = rows.first else { throw OrgStoreError.notAPerson(connection.address.user) }
        return try Self.person(row)
    }

    public func peopleCount() throws -> Int {
        try connection.query("SELECT count(*)::int FROM coach.person").first?.decode(Int.self) ?? 0
    }

    public func people() throws -> [PersonSummary] {
        try connection.query("\(unescaped: Self.summaryColumns) ORDER BY lower(p.name), p.name").map(Self.summary)
    }

    public func person(named name: String) throws -> Person? {
        let normalized = NameKey.normalized(name.trimmingCharacters(in: .whitespacesAndNewlines))
        return try connection.query("\(unescaped: Self.personColumns) WHERE lower(p.name) = lower(\(normalized))")
            .first.map(Self.person)
    }

    public func person(id: Int64) throws -> Person? {
        try connection.query("\(unescaped: Self.personColumns) WHERE p.id = \(id)").first.map(Self.person)
    }

    public func personSummary(named name: String) throws -> PersonSummary {
        let person = try existingPerson(name)
        guard let row = try connection.query("\(unescaped: Self.summaryColumns) WHERE p.id = \(person.id ?? -1)").first else {
            throw StoreError.unknownPerson(name, suggestion: nil)
        }
        return try Self.summary(row)
    }

    /// Goals are those the database lets the login read: the person's own, their reps', and
    /// everyone's for HR.
    public func personDetail(named name: String, viewer: String?) throws -> PersonDetail {
        let person = try existingPerson(name)
        let id = person.id ?? -1
        let reports = try connection.query("SELECT name FROM coach.person WHERE manager_id = \(id) ORDER BY lower(name), name")
            .map { try $0.decode(String.self) }
        let goals = try goals(personID: id)
        return PersonDetail(summary: try personSummary(named: person.name), createdAt: person.createdAt,
                            shareWellbeing: person.shareWellbeing, directReports: reports, goals: goals)
    }

    /// Adds a person and their login through `coach.add_person`, which checks inside the
    /// database who may add whom; the one-time password exists only in the returned value.
    public func enrol(name: String, role: Role, team: String?, manager: String?, login: String?, email: String?,
                      by actor: String?, at now: Date) throws -> Enrolment {
        let name = try NameRules.validated(name)
        let email = try email.flatMap(EmailRules.validated)
        if let email { try refuseTakenEmail(email, personID: nil) }
        let teamName = try team.map(NameRules.validatedTeam)
        let managerName = manager?.trimmingCharacters(in: .whitespacesAndNewlines)
        let new = try NewLogin(for: name, login: login)
        // The database refuses these too; asking first gives the local store's words.
        if try me().role == .rep { throw StoreError.notAllowed("a rep cannot add people; ask your manager or HR") }
        if try person(named: name) != nil { throw StoreError.duplicatePerson(name) }
        if let existing = try connection.query("SELECT name FROM coach.person WHERE name_key = \(NameKey.key(for: name))")
            .first?.decode(String.self) {
            throw StoreError.confusableName(name, existing: existing, kind: "person")
        }
        if let managerName {
            let found = try existingPerson(managerName)
            guard found.role == .manager else { throw StoreError.notAManager(found.name) }
        }
        let id: Int64?
        do {
            id = try refusalsAsStoreErrors {
                try connection.transaction {
                    let id = try connection.query("""
                        SELECT coach.add_person(\(name), \(NameKey.key(for: name)), \(role.rawValue), \(teamName),
                                                \(teamName.map(NameKey.key(for:))), \(managerName), \(new.login),
                                                \(new.verifier))
                        """).first?.decode(Int64.self)
                    if let email, let id { try connection.query("SELECT coach.set_person_email(\(id), \(email))") }
                    return id
                }
            }
        } catch let OrgStoreError.server(_, code) where code == "42710" {
            throw OrgStoreError.invalidLogin(new.login, reason: "it is already a role on this server; choose another with --login")
        }
        guard let id, let person = try person(id: id) else { throw StoreError.unknownPerson(name, suggestion: nil) }
        return Enrolment(person: person, login: new.login, oneTimePassword: new.password)
    }

    /// The login's own setting only; turning sharing on again keeps when it began.
    public func setShareWellbeing(_ share: Bool, for personName: String, at now: Date) throws {
        let me = try me()
        guard me.name.lowercased() == NameKey.normalized(personName).lowercased() else {
            throw StoreError.notAllowed("only \(personName) decides whether their wellbeing is shared")
        }
        try connection.query("""
            UPDATE coach.person SET share_wellbeing = \(share),
              share_since = CASE WHEN \(share) AND share_wellbeing IS TRUE THEN share_since WHEN \(share) THEN \(now) END
            WHERE id = coach.me()
            """)
    }

    public func orgSettings() throws -> OrgSettings {
        var settings = OrgSettings()
        for row in try connection.query("SELECT key, value FROM coach.org_setting") {
            let (key, value) = try row.decode((String, String).self)
            settings.read(key: key, value: value)
        }
        return settings
    }

    /// HR only, as the database's policies on `org_setting` enforce.
    public func setOrgSetting(_ setting: OrgSetting, to value: String, by actorName: String, at now: Date) throws {
        let value = try setting.validated(value)
        guard try me().role == .hr else { throw StoreError.notAllowed("only HR changes the organisation's settings") }
        try refusalsAsStoreErrors {
            try connection.query("""
                INSERT INTO coach.org_setting (key, value, updated_at, updated_by_id)
                VALUES (\(setting.rawValue), \(value), \(now), coach.me())
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
                  updated_by_id = excluded.updated_by_id
                """)
        }
    }

    /// HR or the person's manager, as the policies on `goal` enforce.
    public func setGoal(person: String, kpi: String, target: Double, period: Period, by actor: String, at now: Date) throws -> Goal {
        let kpi = try Goal.validatedKPI(kpi, target: target)
        let subject = try existingPerson(person), me = try me()
        guard me.role == .hr || (subject.managerID != nil && subject.managerID == me.id) else {
            throw StoreError.notAllowed("only HR or \(subject.name)'s manager can set their goals")
        }
        let rows = try refusalsAsStoreErrors {
            try connection.query("""
                INSERT INTO coach.goal (person_id, kpi, period, target, set_by_id, set_at)
                VALUES (\(subject.id ?? -1), \(kpi), \(period.description), \(target), coach.me(), \(now))
                ON CONFLICT (person_id, kpi, period) DO UPDATE SET
                  target = excluded.target, set_by_id = excluded.set_by_id, set_at = excluded.set_at
                RETURNING \(unescaped: Self.goalColumns)
                """)
        }
        guard let row = rows.first else { throw StoreError.database("the goal just set cannot be read back") }
        return try Self.goal(row)
    }

    /// The person themselves, their manager and HR; the database shows no one else's.
    public func goals(for person: String, viewer: String?) throws -> [Goal] {
        let subject = try existingPerson(person.trimmingCharacters(in: .whitespacesAndNewlines)), me = try me()
        guard me.id == subject.id || me.role == .hr || subject.managerID == me.id else {
            throw StoreError.notAllowed("targets are seen by the person, their manager and HR")
        }
        return try goals(personID: subject.id ?? -1)
    }

    private func goals(personID: Int64) throws -> [Goal] {
        try connection.query("""
            SELECT \(unescaped: Self.goalColumns) FROM coach.goal WHERE person_id = \(personID) ORDER BY period DESC, kpi
            """).map(Self.goal)
    }

    // MARK: - Rows

    private static let goalColumns = "id, person_id, kpi, period, target, set_by_id, set_at"

    private static func goal(_ row: PostgresRow) throws -> Goal {
        let (id, personID, kpi, period, target, setBy, setAt) = try row.decode((Int64, Int64, String, String, Double, Int64, Date).self)
        return Goal(id: id, personID: personID, kpi: kpi, period: period, target: target, setByID: setBy, setAt: setAt)
    }

    private static let personColumns = """
        SELECT p.id, p.name, p.role, p.team_id, p.manager_id, p.share_wellbeing, p.created_at FROM coach.person p
        """
    private static let summaryColumns = """
        SELECT p.name, p.role, t.name, m.name, p.email FROM coach.person p
        LEFT JOIN coach.team t ON t.id = p.team_id LEFT JOIN coach.person m ON m.id = p.manager_id
        """

    private static func person(_ row: PostgresRow) throws -> Person {
        let (id, name, role, team, manager, share, created) =
            try row.decode((Int64, String, String, Int64?, Int64?, Bool?, Date).self)
        return Person(id: id, name: name, role: Role(rawValue: role) ?? .rep, teamID: team, managerID: manager,
                      shareWellbeing: share, createdAt: created)
    }

    private static func summary(_ row: PostgresRow) throws -> PersonSummary {
        let (name, role, team, manager, email) = try row.decode((String, String, String?, String?, String?).self)
        return PersonSummary(name: name, role: Role(rawValue: role) ?? .rep, team: team, manager: manager, email: email)
    }

    /// The named person, or `unknownPerson` with a look-alike or close name as a suggestion.
    func existingPerson(_ name: String) throws -> Person {
        if let person = try person(named: name) { return person }
        let lookAlike = try connection.query("SELECT name FROM coach.person WHERE name_key = \(NameKey.key(for: name))")
            .first?.decode(String.self)
        let names = try connection.query("SELECT name FROM coach.person").map { try $0.decode(String.self) }
        throw StoreError.unknownPerson(name, suggestion: lookAlike ?? suggestion(for: name, among: names))
    }

    /// Runs `body`, turning the database's refusals (insufficient privilege, a policy's check,
    /// a rule of `add_person`) into the `notAllowed` errors the local store gives.
    @discardableResult
    func refusalsAsStoreErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let OrgStoreError.server(message, code) where code == "42501" {
            throw StoreError.notAllowed(message.hasPrefix("permission denied") || message.contains("row-level security")
                ? "the organisation store does not let \(connection.address.user) do that" : message)
        }
    }
}
