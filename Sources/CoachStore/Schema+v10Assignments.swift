import GRDB

extension Schema {
    /// v10, part: (to be written).
    static func v10Assignments(_ db: Database) throws {
    }
}
