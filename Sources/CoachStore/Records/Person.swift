import CoachCore
import Foundation
import GRDB

/// Someone in the organisation: a rep, a manager or HR.
public struct Person: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var name: String
    public var role: Role
    public var teamID: Int64?
    public var managerID: Int64?
    /// Whether the rep shares their wellbeing band and trend with their manager; nil: never asked.
    public var shareWellbeing: Bool?
    public var createdAt: Date

    public init(id: Int64?, name: String, role: Role, teamID: Int64?, managerID: Int64?, shareWellbeing: Bool?,
                createdAt: Date) {
        self.id = id
        self.name = name
        self.role = role
        self.teamID = teamID
        self.managerID = managerID
        self.shareWellbeing = shareWellbeing
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case teamID = "team_id"
        case managerID = "manager_id"
        case shareWellbeing = "share_wellbeing"
        case createdAt = "created_at"
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let role = Column(CodingKeys.role)
        public static let teamID = Column(CodingKeys.teamID)
        public static let managerID = Column(CodingKeys.managerID)
        public static let shareWellbeing = Column(CodingKeys.shareWellbeing)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}

extension Person: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "person"

    /// Reads the columns directly: every command fetches its user first, and the Codable path
    /// costs about a millisecond of runtime type lookups on a process's first fetch.
    public init(row: Row) throws {
        let roleName: String = row[Columns.role]
        guard let role = Role(rawValue: roleName) else {
            throw StoreError.database("person \(row[Columns.name] as String) has an unknown role '\(roleName)'")
        }
        self.init(id: row[Columns.id], name: row[Columns.name], role: role, teamID: row[Columns.teamID],
                  managerID: row[Columns.managerID], shareWellbeing: row[Columns.shareWellbeing],
                  createdAt: row[Columns.createdAt])
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A person as the `people` list shows them.
public struct PersonSummary: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var team: String?
    public var manager: String?
    /// Their e-mail address, as stored; nil when none.
    public var email: String?

    public init(name: String, role: Role, team: String?, manager: String?, email: String? = nil) {
        self.name = name
        self.role = role
        self.team = team
        self.manager = manager
        self.email = email
    }
}

/// A person as `person show` shows them.
public struct PersonDetail: Sendable, Equatable {
    public var summary: PersonSummary
    public var createdAt: Date
    /// nil: never asked.
    public var shareWellbeing: Bool?
    /// Names of the people this person manages, sorted.
    public var directReports: [String]
    /// Goals, latest period first.
    public var goals: [Goal]

    public init(summary: PersonSummary, createdAt: Date, shareWellbeing: Bool?, directReports: [String], goals: [Goal]) {
        self.summary = summary
        self.createdAt = createdAt
        self.shareWellbeing = shareWellbeing
        self.directReports = directReports
        self.goals = goals
    }
}
