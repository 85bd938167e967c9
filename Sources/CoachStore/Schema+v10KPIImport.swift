import GRDB

extension Schema {
    /// v10, part: (to be written).
    static func v10KPIImport(_ db: Database) throws {
    }
}
