extension OrgSchema {
    /// Version 7, part two: customer feedback, with the local store's table (its v12) and rules.
    static let v7Feedback = """
        """
}
