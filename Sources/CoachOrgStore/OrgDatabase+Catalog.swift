import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// The organisation's survey catalog on the organisation store: the versions HR published,
/// which everyone's coach runs in place of the bundled survey of the same id.
extension OrgDatabase {
    public func publishedSurveys() throws -> [PublishedSurvey] {
        try connection.query("""
            SELECT DISTINCT ON (p.survey_id) p.survey_id, p.survey_hash, v.content, p.published_at, who.name
            FROM coach.published_survey p JOIN coach.survey_version v ON v.hash = p.survey_hash
            LEFT JOIN coach.person who ON who.id = p.published_by_id
            ORDER BY p.survey_id, p.id DESC
            """).map { row in
                let (surveyID, hash, content, at, by) = try row.decode((String, String, String, Date, String?).self)
                return PublishedSurvey(surveyID: surveyID, hash: hash, content: content, publishedAt: at, publishedBy: by)
            }
    }

    /// HR only, as the policies on `published_survey` enforce; in one transaction.
    public func publishSurvey(surveyID: String, hash: String, content: String, by actorName: String, at now: Date) throws -> Bool {
        guard try me().role == .hr else {
            throw StoreError.notAllowed("HR publishes the organisation's surveys; ask HR to publish \(surveyID)")
        }
        return try refusalsAsStoreErrors {
            try connection.transaction {
                let current = try connection.query("""
                    SELECT survey_hash FROM coach.published_survey WHERE survey_id = \(surveyID) ORDER BY id DESC LIMIT 1
                    """).first?.decode(String.self)
                guard current != hash else { return false }
                try connection.query("""
                    INSERT INTO coach.survey_version (hash, survey_id, content, first_seen_at)
                    VALUES (\(hash), \(surveyID), \(content), \(now)) ON CONFLICT (hash) DO NOTHING
                    """)
                try connection.query("""
                    INSERT INTO coach.published_survey (survey_id, survey_hash, published_at, published_by_id)
                    VALUES (\(surveyID), \(hash), \(now), coach.me())
                    """)
                return true
            }
        }
    }
}
