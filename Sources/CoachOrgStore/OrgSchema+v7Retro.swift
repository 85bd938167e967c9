extension OrgSchema {
    /// Version 7, part one: retrospectives, with the local store's tables (its v12) and rules.
    static let v7Retro = """
        """
}
