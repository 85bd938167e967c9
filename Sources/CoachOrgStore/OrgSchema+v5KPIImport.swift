extension OrgSchema {
    /// Version 5, part: KPI actuals imported from a file (`kpi import`) are rows of `kpi_actual`
    /// with no session, one per person, KPI and month, as the local store's v10 has them. Who
    /// may write them is `kpi_write`'s rule (HR, or the person's manager); replacing one is the
    /// same rule, and only for a row with no session: a meeting's actuals are never changed.
    static let v5KPIImport = """
        CREATE UNIQUE INDEX kpi_actual_imported ON coach.kpi_actual (person_id, kpi, period) WHERE session_id IS NULL;
        CREATE POLICY kpi_import_change ON coach.kpi_actual FOR UPDATE
          USING (session_id IS NULL AND (coach.manages(person_id) OR coach.my_role() = 'hr'))
          WITH CHECK (session_id IS NULL AND (coach.manages(person_id) OR coach.my_role() = 'hr'));
        """
}
