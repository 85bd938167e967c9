import CoachCore
import Foundation
import GRDB

/// One line of a person's history: a completed session with its scores, or an action item.
public struct TimelineEntry: Sendable, Equatable, Codable {
    public struct ScoreValue: Sendable, Equatable, Codable {
        public var score: String
        public var value: Double?
        public var band: String?

        public init(score: String, value: Double?, band: String?) {
            self.score = score
            self.value = value
            self.band = band
        }
    }

    public var date: Date
    /// `session`, `action` or `recognition` (a thanks given or received).
    public var kind: String
    /// The session's number (`show ID`), for a session.
    public var sessionID: Int64?
    public var survey: String?
    public var sessionKind: String?
    public var author: String?
    public var phase: String?
    public var scores: [ScoreValue]
    public var actionID: Int64?
    public var text: String?
    public var status: String?
    public var owner: String?
    public var due: String?
    /// When a session held earlier (`--on`) was recorded; nil for a live one.
    public var backfilledAt: Date?
    /// For a thanks (`recognition`): who gave it, who received it, and the value it was for.
    public var giver: String?
    public var receiver: String?
    public var value: String?

    public init(date: Date, kind: String, sessionID: Int64? = nil, survey: String? = nil, sessionKind: String? = nil, author: String? = nil,
                phase: String? = nil, scores: [ScoreValue] = [], actionID: Int64? = nil, text: String? = nil,
                status: String? = nil, owner: String? = nil, due: String? = nil) {
        self.date = date
        self.kind = kind
        self.sessionID = sessionID
        self.survey = survey
        self.sessionKind = sessionKind
        self.author = author
        self.phase = phase
        self.scores = scores
        self.actionID = actionID
        self.text = text
        self.status = status
        self.owner = owner
        self.due = due
    }
}

extension AppDatabase {
    /// `subjectName`'s completed sessions and action items that `viewerName` may see, newest first.
    public func timeline(viewer viewerName: String, subject subjectName: String) throws -> [TimelineEntry] {
        let viewer = try read { db in try Self.existingPerson(viewerName, db) }
        let subject = try read { db in try Self.existingPerson(subjectName, db) }
        var entries = try read { db -> [TimelineEntry] in
            let query: SQL = """
                SELECT s.id, s.completed_at, s.survey_id, s.kind, a.name, s.phase, s.backfilled_at
                FROM session s JOIN person p ON p.id = s.subject_id JOIN person a ON a.id = s.author_id
                WHERE s.subject_id = \(subject.id) AND s.state = 'completed' AND \(Privacy.scoresVisible(to: viewer))
                ORDER BY s.completed_at DESC, s.id DESC
                """
            let (sql, arguments) = try query.build(db)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let scoreQuery: SQL = """
                    SELECT sc.score_id, sc.value, \(Privacy.bandVisible(to: viewer)) FROM score sc
                    JOIN session s ON s.id = sc.session_id WHERE sc.session_id = \(row[0] as Int64) ORDER BY sc.rowid
                    """
                let (scoreSQL, scoreArguments) = try scoreQuery.build(db)
                let scores = try Row.fetchAll(db, sql: scoreSQL, arguments: scoreArguments).map {
                    TimelineEntry.ScoreValue(score: $0[0], value: $0[1], band: $0[2])
                }
                var entry = TimelineEntry(date: row[1], kind: "session", sessionID: row[0], survey: row[2], sessionKind: row[3],
                                          author: row[4], phase: row[5], scores: scores)
                entry.backfilledAt = row[6]
                return entry
            }
        }
        let canSeeActions = subject.id == viewer.id || subject.managerID == viewer.id
        let actions = canSeeActions ? try actionItems(viewer: viewer.name, subject: subject.name, openOnly: false) : []
        entries += try read { db in
            try actions.map { item in
                let created = try Date.fetchOne(db, sql: "SELECT created_at FROM action_item WHERE id = ?", arguments: [item.id])
                return TimelineEntry(date: created ?? Date(timeIntervalSince1970: 0), kind: "action", survey: nil, sessionKind: nil,
                                     author: nil, phase: nil, scores: [], actionID: item.id, text: item.text,
                                     status: item.status, owner: item.owner, due: item.due)
            }
        }
        return entries.sorted { $0.date > $1.date }
    }
}
