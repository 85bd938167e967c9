import GRDB

extension Schema {
    /// v10: the quarter — people's e-mail and KPI actuals imported from a CRM, assigned surveys,
    /// sessions recorded after the day they were held, and performance reviews. Each part is in
    /// its own file (`Schema+v10*.swift`).
    static func v10(_ db: Database) throws {
        try v10People(db)
        try v10KPIImport(db)
        try v10Assignments(db)
        try v10Backfill(db)
        try v10Reviews(db)
    }
}
