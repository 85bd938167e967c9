import GRDB

extension Schema {
    /// v12: the team's retrospective (`retro`) and customer feedback (`feedback`); see
    /// `v12Retro` and `v12Feedback`.
    static func v12(_ db: Database) throws {
        try v12Retro(db)
        try v12Feedback(db)
    }
}
