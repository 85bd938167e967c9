import CoachCore
import Foundation
import GRDB

extension AppDatabase {
    /// Adds a person, enforcing the naming, hierarchy and authorization rules (here, once).
    ///
    /// - The name is trimmed, non-empty, at most 80 characters, without control characters,
    ///   and unique case-insensitively.
    /// - `manager` must name an existing manager. The team is created if missing (matched
    ///   case-insensitively). A manager joining a team without a manager becomes its manager;
    ///   a rep joining a team without `manager` gets the team's manager; a rep given a manager
    ///   but no team joins the manager's team.
    /// - On an empty store anyone (`actor` may be nil) adds the first person. After that the
    ///   actor must exist: HR adds anyone, a manager adds reps to their own team (defaulting
    ///   the rep's manager to themselves), a rep adds no one.
    /// - `email`, when given, follows `EmailRules` and belongs to no one else (in any case).
    @discardableResult
    public func addPerson(name: String, role: Role, team: String?, manager: String?, email: String? = nil,
                          by actor: String?, at now: Date = Date()) throws -> Person {
        let name = try NameRules.validated(name)
        let email = try email.flatMap(EmailRules.validated)
        let teamName = try team.map(NameRules.validatedTeam)
        let managerName = manager?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try write { db in
            var teamName = teamName
            var managerName = managerName
            if try Person.fetchCount(db) > 0 {
                let actor = try Self.actor(actor, db)
                switch actor.role {
                case .hr:
                    break
                case .rep:
                    throw StoreError.notAllowed("a rep cannot add people; ask your manager or HR")
                case .manager:
                    guard role == .rep else {
                        throw StoreError.notAllowed("a manager can add reps only; ask HR to add a \(role.rawValue)")
                    }
                    if let managerName, managerName.lowercased() != actor.name.lowercased() {
                        throw StoreError.notAllowed("a manager adds reps with themselves as manager, not \(managerName)")
                    }
                    managerName = actor.name
                    let actorTeam = try actor.teamID.flatMap { try Team.fetchOne(db, key: $0) }
                    if let teamName, teamName.lowercased() != actorTeam?.name.lowercased() {
                        throw StoreError.notAllowed("a manager adds reps to their own team only, not \(teamName)")
                    }
                    teamName = actorTeam?.name
                }
            }
            guard try Self.person(named: name, db) == nil else {
                throw StoreError.duplicatePerson(name)
            }
            var managerPerson: Person?
            if let managerName {
                let found = try Self.existingPerson(managerName, db)
                guard found.role == .manager else { throw StoreError.notAManager(found.name) }
                managerPerson = found
            }
            var teamRecord: Team?
            if let teamName {
                teamRecord = try Self.findOrCreateTeam(teamName, db)
            } else if role == .rep, let teamID = managerPerson?.teamID {
                teamRecord = try Team.fetchOne(db, key: teamID)
            }
            if managerPerson == nil, role == .rep, let teamManager = teamRecord?.managerID {
                managerPerson = try Person.fetchOne(db, key: teamManager)
            }
            var person = Person(id: nil, name: name, role: role, teamID: teamRecord?.id,
                                managerID: managerPerson?.id, shareWellbeing: nil, createdAt: now)
            try person.insert(db)
            try NameRules.claimKey(for: name, id: db.lastInsertedRowID, table: "person", db)
            if let email, let id = person.id { try Self.storeEmail(email, personID: id, db) }
            if role == .manager, var teamRecord, teamRecord.managerID == nil {
                teamRecord.managerID = person.id
                try teamRecord.update(db)
            }
            return person
        }
    }

    /// The person with this name (case-insensitive), if any.
    public func person(named name: String) throws -> Person? {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try read { db in try Self.person(named: name, db) }
    }

    /// The person with this id, if any.
    public func person(id: Int64) throws -> Person? {
        try read { db in try Person.fetchOne(db, key: id) }
    }

    /// Everyone, sorted by name, with their team and manager names.
    public func people() throws -> [PersonSummary] {
        try read { db in
            try Row.fetchAll(db, sql: Self.summarySQL + " ORDER BY p.name COLLATE NOCASE")
                .map(Self.summary)
        }
    }

    /// One person as `people` lists them (team and manager names), or `unknownPerson`.
    public func personSummary(named name: String) throws -> PersonSummary {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try read { db in
            let person = try Self.existingPerson(name, db)
            guard let row = try Row.fetchOne(db, sql: Self.summarySQL + " WHERE p.id = ?", arguments: [person.id]) else {
                throw StoreError.unknownPerson(name, suggestion: nil)
            }
            return Self.summary(row)
        }
    }

    /// One person's details, or `unknownPerson` (with a suggestion) when the name is unknown.
    /// With a `viewer`, goals are included only for the person, their manager and HR.
    public func personDetail(named name: String, viewer: String? = nil) throws -> PersonDetail {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return try read { db in
            let person = try Self.existingPerson(name, db)
            guard let row = try Row.fetchOne(db, sql: Self.summarySQL + " WHERE p.id = ?",
                                             arguments: [person.id]) else {
                throw StoreError.unknownPerson(name, suggestion: nil)
            }
            let reports = try String.fetchAll(db, sql: """
                SELECT name FROM person WHERE manager_id = ? ORDER BY name COLLATE NOCASE
                """, arguments: [person.id])
            return PersonDetail(summary: Self.summary(row), createdAt: person.createdAt,
                                shareWellbeing: person.shareWellbeing, directReports: reports,
                                goals: try viewer.map { try Self.mayViewGoals(of: person, viewer: $0, db) } ?? true
                                    ? try Self.goals(personID: person.id, db) : [])
        }
    }

    // MARK: - Helpers shared by the intent methods

    private static let summarySQL = """
        SELECT p.name, p.role, t.name AS team, m.name AS manager, p.email
        FROM person p
        LEFT JOIN team t ON t.id = p.team_id
        LEFT JOIN person m ON m.id = p.manager_id
        """

    private static func summary(_ row: Row) -> PersonSummary {
        PersonSummary(name: row["name"], role: Role(rawValue: row["role"]) ?? .rep,
                      team: row["team"], manager: row["manager"], email: row["email"])
    }

    static func person(named name: String, _ db: Database) throws -> Person? {
        try Person.filter(Person.Columns.name.collating(.nocase) == NameKey.normalized(name)).fetchOne(db)
    }

    /// The named person, or `unknownPerson` with the closest existing name as a suggestion.
    static func existingPerson(_ name: String, _ db: Database) throws -> Person {
        if let person = try person(named: name, db) { return person }
        let names = try String.fetchAll(db, sql: "SELECT name FROM person")
        let lookAlike = try NameRules.lookAlikePerson(name, db)
        throw StoreError.unknownPerson(name, suggestion: lookAlike ?? suggestion(for: name, among: names))
    }

    /// The acting user, or `unknownUser`.
    static func actor(_ name: String?, _ db: Database) throws -> Person {
        guard let name = name?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else {
            throw StoreError.unknownUser(nil)
        }
        guard let person = try person(named: name, db) else { throw StoreError.unknownUser(name) }
        return person
    }

    private static func findOrCreateTeam(_ name: String, _ db: Database) throws -> Team {
        if let team = try Team.filter(Team.Columns.name.collating(.nocase) == NameKey.normalized(name)).fetchOne(db) {
            return team
        }
        var team = Team(id: nil, name: name, managerID: nil)
        try team.insert(db)
        try NameRules.claimKey(for: name, id: db.lastInsertedRowID, table: "team", db)
        return team
    }
}

extension AppDatabase {
    /// Whether `personName`'s manager may see their wellbeing band and trend; applies to every
    /// view from now on. Sharing shows the check-ins completed from the moment it is turned on
    /// (`share_since`), never the past; turning it off hides them all again.
    public func setShareWellbeing(_ share: Bool, for personName: String, at now: Date = Date()) throws {
        try write { db in
            let person = try Self.existingPerson(personName, db)
            if share && person.shareWellbeing == true { return }  // already sharing: keep its start
            try db.execute(sql: "UPDATE person SET share_wellbeing = ?, share_since = ? WHERE id = ?",
                           arguments: [share, share ? now : nil, person.id])
        }
    }
}
