import GRDB

extension Schema {
    /// v10, part: sessions recorded after the day they were held (`--on DATE`).
    ///
    /// `session.backfilled_at` is when a back-filled session was actually recorded; NULL for a
    /// session recorded as it was held. A back-filled session's `started_at` and `completed_at`
    /// are its day (noon in the recorder's time zone), so trends, history, cadence and `due`
    /// see it there.
    static func v10Backfill(_ db: Database) throws {
        try db.alter(table: "session") { t in t.add(column: "backfilled_at", .datetime) }
    }
}
