import CoachCore
import Foundation
import GRDB

/// A survey version the organisation published.
public struct PublishedSurvey: Sendable, Equatable {
    public var surveyID: String
    public var hash: String
    public var content: String
    public var publishedAt: Date
    public var publishedBy: String?

    public init(surveyID: String, hash: String, content: String, publishedAt: Date, publishedBy: String?) {
        self.surveyID = surveyID
        self.hash = hash
        self.content = content
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
    }
}

/// The organisation's survey catalog: the versions HR published, which take the place of the
/// bundled survey of the same id for everyone who uses the store.
extension AppDatabase {
    /// The newest published version of each survey id.
    public func publishedSurveys() throws -> [PublishedSurvey] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.survey_id, p.survey_hash, v.content, p.published_at, who.name FROM published_survey p
                JOIN survey_version v ON v.hash = p.survey_hash LEFT JOIN person who ON who.id = p.published_by_id
                WHERE p.id = (SELECT MAX(id) FROM published_survey WHERE survey_id = p.survey_id)
                ORDER BY p.survey_id
                """).map {
                PublishedSurvey(surveyID: $0[0], hash: $0[1], content: $0[2], publishedAt: $0[3], publishedBy: $0[4])
            }
        }
    }

    /// Publishes `content` (already linted and tested) as the organisation's version of
    /// `surveyID`; HR alone may. Publishing the version already current changes nothing and
    /// returns false.
    @discardableResult
    public func publishSurvey(surveyID: String, hash: String, content: String, by actorName: String,
                              at now: Date = Date()) throws -> Bool {
        try write { db in
            let actor = try Self.actor(actorName, db)
            guard actor.role == .hr else {
                throw StoreError.notAllowed("HR publishes the organisation's surveys; ask HR to publish \(surveyID)")
            }
            let current = try String.fetchOne(db, sql: """
                SELECT survey_hash FROM published_survey WHERE survey_id = ? ORDER BY id DESC LIMIT 1
                """, arguments: [surveyID])
            guard current != hash else { return false }
            try db.execute(sql: """
                INSERT INTO survey_version (hash, survey_id, content, first_seen_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (hash) DO NOTHING
                """, arguments: [hash, surveyID, content, now])
            try db.execute(sql: """
                INSERT INTO published_survey (survey_id, survey_hash, published_at, published_by_id) VALUES (?, ?, ?, ?)
                """, arguments: [surveyID, hash, now, actor.id])
            return true
        }
    }
}
