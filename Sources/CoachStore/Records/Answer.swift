import Foundation
import GRDB

/// One answer in a session; answering the same question again replaces it.
public struct Answer: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var sessionID: Int64
    public var questionID: String
    /// The answer as JSON.
    public var value: String
    /// A private note: seen by its author alone.
    public var isPrivate: Bool
    /// The order in which the question was asked.
    public var position: Int
    public var answeredAt: Date

    public init(id: Int64?, sessionID: Int64, questionID: String, value: String, isPrivate: Bool, position: Int,
                answeredAt: Date) {
        self.id = id
        self.sessionID = sessionID
        self.questionID = questionID
        self.value = value
        self.isPrivate = isPrivate
        self.position = position
        self.answeredAt = answeredAt
    }

    enum CodingKeys: String, CodingKey {
        case id, value, position
        case sessionID = "session_id"
        case questionID = "question_id"
        case isPrivate = "is_private"
        case answeredAt = "answered_at"
    }

    public enum Columns {
        public static let sessionID = Column(CodingKeys.sessionID)
        public static let questionID = Column(CodingKeys.questionID)
        public static let position = Column(CodingKeys.position)
    }
}

extension Answer: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "answer"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
