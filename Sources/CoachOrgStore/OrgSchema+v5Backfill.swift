extension OrgSchema {
    /// Version 5, part: (to be written).
    static let v5Backfill = """
        """
}
