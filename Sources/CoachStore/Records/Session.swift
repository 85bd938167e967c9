import Foundation
import GRDB

/// Where a session stands.
public enum SessionState: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case inProgress = "in_progress"
    case paused
    case completed
    case abandoned
}

/// Whether a quiz attempt was taken before or after the training.
public enum SessionPhase: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case pre
    case post
}

/// One run of a survey (one-on-one, check-in, quiz) about a subject, by an author.
public struct Session: Codable, Sendable, Equatable, Identifiable {
    public var id: Int64?
    public var surveyID: String
    /// The `survey_version` the session was started with.
    public var surveyHash: String
    public var kind: String
    public var subjectID: Int64
    public var authorID: Int64
    public var startedAt: Date
    public var updatedAt: Date
    public var completedAt: Date?
    public var state: SessionState
    public var phase: SessionPhase?
    /// The session this one amends (an amended check-in).
    public var supersedesID: Int64?
    /// JSON of the question and choice order shown (quizzes).
    public var quizLayout: String?
    /// The cadence period this session counts for (`2026-W48`, `2026-11`).
    public var periodKey: String?
    /// A quiz attempt's allowed number of attempts, as the quiz said when it started.
    public var attemptLimit: Int?
    /// A session on a survey that is not the organisation's: its author's alone, no effects.
    public var draft = false
    /// When a back-filled session (`--on DATE`) was actually recorded; nil for one recorded as
    /// it was held. A back-filled session's `startedAt` and `completedAt` are on its day.
    public var backfilledAt: Date?
    /// The coach process that has the session open (`SessionClaim.text`), if any.
    var claimedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, state, phase
        case surveyID = "survey_id"
        case surveyHash = "survey_hash"
        case subjectID = "subject_id"
        case authorID = "author_id"
        case startedAt = "started_at"
        case updatedAt = "updated_at"
        case completedAt = "completed_at"
        case supersedesID = "supersedes_id"
        case quizLayout = "quiz_layout"
        case periodKey = "period_key"
        case attemptLimit = "attempt_limit"
        case draft
        case backfilledAt = "backfilled_at"
        case claimedBy = "claimed_by"
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let surveyID = Column(CodingKeys.surveyID)
        public static let subjectID = Column(CodingKeys.subjectID)
        public static let authorID = Column(CodingKeys.authorID)
        public static let updatedAt = Column(CodingKeys.updatedAt)
        public static let completedAt = Column(CodingKeys.completedAt)
        public static let state = Column(CodingKeys.state)
    }
}

extension Session {
    /// A session as an engine other than the local file reads it (which keeps claims its own way).
    public init(id: Int64?, surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
                startedAt: Date, updatedAt: Date, completedAt: Date?, state: SessionState, phase: SessionPhase?,
                supersedesID: Int64?, quizLayout: String?, periodKey: String?, attemptLimit: Int?, draft: Bool) {
        self.init(id: id, surveyID: surveyID, surveyHash: surveyHash, kind: kind, subjectID: subjectID, authorID: authorID,
                  startedAt: startedAt, updatedAt: updatedAt, completedAt: completedAt, state: state, phase: phase,
                  supersedesID: supersedesID, quizLayout: quizLayout, periodKey: periodKey, attemptLimit: attemptLimit,
                  draft: draft, backfilledAt: nil, claimedBy: nil)
    }
}

extension Session: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "session"

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// The exact survey file content a session was started with.
struct SurveyVersion: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "survey_version"

    var hash: String
    var surveyID: String
    var content: String
    var firstSeenAt: Date

    enum CodingKeys: String, CodingKey {
        case hash, content
        case surveyID = "survey_id"
        case firstSeenAt = "first_seen_at"
    }
}
