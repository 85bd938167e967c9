import CoachCore
import Foundation
import GRDB

/// A KPI target for one person and one month; setting it again replaces the target.
public struct Goal: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var personID: Int64
    public var kpi: String
    /// `YYYY-MM`, as stored; see `periodValue`.
    public var period: String
    public var target: Double
    public var setByID: Int64
    public var setAt: Date

    public init(id: Int64?, personID: Int64, kpi: String, period: String, target: Double, setByID: Int64, setAt: Date) {
        self.id = id
        self.personID = personID
        self.kpi = kpi
        self.period = period
        self.target = target
        self.setByID = setByID
        self.setAt = setAt
    }

    /// The period as a value (nil only if the store holds a malformed period).
    public var periodValue: Period? { Period(period) }

    enum CodingKeys: String, CodingKey {
        case id, kpi, period, target
        case personID = "person_id"
        case setByID = "set_by_id"
        case setAt = "set_at"
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let personID = Column(CodingKeys.personID)
        public static let kpi = Column(CodingKeys.kpi)
        public static let period = Column(CodingKeys.period)
        public static let target = Column(CodingKeys.target)
        public static let setByID = Column(CodingKeys.setByID)
        public static let setAt = Column(CodingKeys.setAt)
    }
}

extension Goal: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "goal"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
