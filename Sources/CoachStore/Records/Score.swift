import CoachScoring
import GRDB

/// A score computed once when its session completed (quizzes: points, max_points, percent, passed).
public struct Score: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "score"

    public var sessionID: Int64
    public var scoreID: String
    public var value: Double?
    /// The id of the band label the value falls in, if any.
    public var band: String?
    /// Whether the result calls for the private support message (an item alert or a band at the
    /// score's `support_at` level); shown to the person alone.
    public var alert: Bool
    /// Whether the band is at the score's `support_at` level, so its label is the person's alone.
    public var bandPrivate: Bool

    public init(sessionID: Int64, scoreID: String, value: Double?, band: String?, alert: Bool, bandPrivate: Bool) {
        self.sessionID = sessionID
        self.scoreID = scoreID
        self.value = value
        self.band = band
        self.alert = alert
        self.bandPrivate = bandPrivate
    }

    enum CodingKeys: String, CodingKey {
        case value, band, alert
        case bandPrivate = "band_private"
        case sessionID = "session_id"
        case scoreID = "score_id"
    }

    public enum Columns {
        public static let sessionID = Column(CodingKeys.sessionID)
        public static let scoreID = Column(CodingKeys.scoreID)
    }
}

/// A score to store with a completing session. Callers hand the store a `ScoredSession`, the
/// one rule that computes these rows; tests plant rows directly through `@testable import`.
struct ScoreRow: Sendable, Equatable {
    var scoreID: String
    var value: Double?
    var band: String?
    var alert: Bool
    var bandPrivate: Bool

    init(scoreID: String, value: Double?, band: String? = nil, alert: Bool = false, bandPrivate: Bool = false) {
        self.scoreID = scoreID
        self.value = value
        self.band = band
        self.alert = alert
        self.bandPrivate = bandPrivate
    }
}

/// One question's mark in a graded quiz attempt, for item analysis.
public struct QuestionMark: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "question_mark"

    public var sessionID: Int64
    public var questionID: String
    public var mark: Double
    public var maxMark: Double

    enum CodingKeys: String, CodingKey {
        case mark
        case sessionID = "session_id"
        case questionID = "question_id"
        case maxMark = "max_mark"
    }
}

/// A question's mark to store with a completing quiz session.
struct MarkRow: Sendable, Equatable {
    var questionID: String
    var mark: Double
    var maxMark: Double

    init(questionID: String, mark: Double, maxMark: Double) {
        self.questionID = questionID
        self.mark = mark
        self.maxMark = maxMark
    }
}

extension ScoredSession {
    /// The score rows the store writes.
    var scoreRows: [ScoreRow] {
        scores.map { ScoreRow(scoreID: $0.scoreID, value: $0.value, band: $0.band, alert: $0.alert, bandPrivate: $0.bandPrivate) }
    }

    /// The mark rows the store writes.
    var markRows: [MarkRow] {
        marks.map { MarkRow(questionID: $0.questionID, mark: $0.mark, maxMark: $0.maxMark) }
    }
}
