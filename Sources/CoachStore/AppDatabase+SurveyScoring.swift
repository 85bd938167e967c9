import CoachCore
import Foundation
import GRDB

/// What readers of stored scores need of a survey version, without parsing its file each time.
extension AppDatabase {
    /// The kind and score definitions of the survey version recorded under `hash`: cached in
    /// `survey_scoring`, else parsed from the recorded content once and cached. Nil when no
    /// version has that hash or its content is not a survey this coach can read.
    public func surveyScoring(hash: String) throws -> SurveyScoring? {
        if let json = try read({ db in
            try String.fetchOne(db, sql: "SELECT scoring FROM survey_scoring WHERE hash = ?", arguments: [hash])
        }), let cached = try? JSONDecoder().decode(SurveyScoring.self, from: Data(json.utf8)) {
            return cached
        }
        guard let survey = try recordedSurvey(hash: hash) else { return nil }
        let scoring = SurveyScoring(survey)
        if let json = try? String(decoding: JSONEncoder().encode(scoring), as: UTF8.self) {
            // A read-only or busy store still gets its answer; the cache is only a shortcut.
            try? write { db in
                try db.execute(sql: """
                    INSERT INTO survey_scoring (hash, scoring) VALUES (?, ?)
                    ON CONFLICT (hash) DO UPDATE SET scoring = excluded.scoring
                    """, arguments: [hash, json])
            }
        }
        return scoring
    }

    /// The survey version `surveyID`'s most recently completed session ran, if any.
    public func latestSurveyHash(surveyID: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT survey_hash FROM session WHERE survey_id = ? AND state = 'completed'
                ORDER BY completed_at DESC LIMIT 1
                """, arguments: [surveyID])
        }
    }

    /// The survey recorded under `hash`, parsed; nil when unknown or no longer readable.
    func recordedSurvey(hash: String) throws -> Survey? {
        guard let content = try surveyContent(hash: hash),
              case .success(let survey) = SurveyLoader.load(yaml: content, file: hash) else { return nil }
        return survey
    }
}
