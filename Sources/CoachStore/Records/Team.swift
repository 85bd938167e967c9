import GRDB

/// A sales team; its manager is the default manager of reps added to it.
struct Team: Codable, Sendable, Equatable {
    var id: Int64?
    var name: String
    var managerID: Int64?

    enum CodingKeys: String, CodingKey {
        case id, name
        case managerID = "manager_id"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let managerID = Column(CodingKeys.managerID)
    }
}

extension Team: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "team"

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
