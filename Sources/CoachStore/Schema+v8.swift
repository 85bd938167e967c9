import Foundation
import GRDB

extension Schema {
    /// v8: the organisation's survey catalog.
    ///
    /// - `published_survey`: each version HR published (`survey publish FILE`), by survey id;
    ///   the newest one per id is the organisation's, in place of the bundled survey of that id.
    /// - `session.draft`: a session on a local survey the organisation has not published. Its
    ///   author alone sees it; it feeds no team number and has no effects on anyone else.
    static func v8(_ db: Database) throws {
        try db.create(table: "published_survey") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("survey_id", .text).notNull()
            t.column("survey_hash", .text).notNull().references("survey_version")
            t.column("published_at", .datetime).notNull()
            t.column("published_by_id", .integer).references("person", onDelete: .setNull)
        }
        try db.create(index: "published_survey_on_survey_id", on: "published_survey", columns: ["survey_id", "id"])
        try db.alter(table: "session") { t in t.add(column: "draft", .boolean).notNull().defaults(to: false) }
    }
}
