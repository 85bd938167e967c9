import CoachCore
import Foundation
import GRDB

/// One stored score of one completed session.
public struct ScorePoint: Sendable, Equatable {
    public var surveyID: String
    public var scoreID: String
    public var sessionID: Int64
    public var date: Date
    public var value: Double
    public var band: String?
    /// The survey version the session ran, so a reader can find the score's definition.
    public var surveyHash: String

    public init(surveyID: String, scoreID: String, sessionID: Int64, date: Date, value: Double, band: String?, surveyHash: String) {
        self.surveyID = surveyID
        self.scoreID = scoreID
        self.sessionID = sessionID
        self.date = date
        self.value = value
        self.band = band
        self.surveyHash = surveyHash
    }
}

/// Reading stored scores (never rescoring history), through the privacy rules.
extension AppDatabase {
    /// The scores `viewerName` may see of `subjectName`, oldest first, from `since` on.
    /// Sessions superseded by an amended one are left out.
    public func scorePoints(viewer viewerName: String, subject subjectName: String, since: Date? = nil) throws -> [ScorePoint] {
        try read { db in
            let viewer = try Self.existingPerson(viewerName, db)
            let subject = try Self.existingPerson(subjectName, db)
            var query: SQL = """
                SELECT s.survey_id, sc.score_id, s.id, s.completed_at, sc.value, \(Privacy.bandVisible(to: viewer)), s.survey_hash
                FROM session s JOIN person p ON p.id = s.subject_id JOIN score sc ON sc.session_id = s.id
                WHERE s.subject_id = \(subject.id) AND s.state = 'completed' AND sc.value IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id AND n.state = 'completed')
                  AND \(Privacy.scoresVisible(to: viewer))
                """
            if let since { query += " AND s.completed_at >= \(since)" }
            query += " ORDER BY s.completed_at, s.id"
            let (sql, arguments) = try query.build(db)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ScorePoint(surveyID: row[0], scoreID: row[1], sessionID: row[2], date: row[3], value: row[4],
                           band: row[5], surveyHash: row[6])
            }
        }
    }
}
