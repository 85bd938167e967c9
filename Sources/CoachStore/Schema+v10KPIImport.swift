import GRDB

extension Schema {
    /// v10, part: KPI actuals imported from a file (`kpi import`) are rows of `kpi_actual` with
    /// no session, one per person, KPI and month: a later import replaces the value in place.
    static func v10KPIImport(_ db: Database) throws {
        try db.execute(sql: """
            CREATE UNIQUE INDEX kpi_actual_imported ON kpi_actual (person_id, kpi, period) WHERE session_id IS NULL
            """)
    }
}
