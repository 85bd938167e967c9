import GRDB

extension Schema {
    /// v10, part: (to be written).
    static func v10People(_ db: Database) throws {
    }
}
