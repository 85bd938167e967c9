import GRDB

extension Schema {
    /// v10, part: (to be written).
    static func v10Backfill(_ db: Database) throws {
    }
}
