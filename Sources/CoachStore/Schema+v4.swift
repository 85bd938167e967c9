import CoachCore
import Foundation
import GRDB

extension Schema {
    /// v4: `score.band_private`, whether a band is at its score's `support_at` level. The
    /// privacy rules hide such a band's label from everyone but the person it is about, and
    /// decide that from the band alone: before v4 they read the `alert` flag, so a blank band
    /// told a manager that a private item alert had fired.
    ///
    /// Existing rows are filled from each stored survey version's bands: a score's band ids at
    /// or past its `support_at` level are private.
    static func v4(_ db: Database) throws {
        try db.alter(table: "score") { t in
            t.add(column: "band_private", .boolean).notNull().defaults(to: false)
        }
        let versions = try Row.fetchAll(db, sql: "SELECT hash, content FROM survey_version")
        for version in versions {
            let hash: String = version["hash"]
            guard let content: String = version["content"],
                  case let .success(survey) = SurveyLoader.load(yaml: content, file: hash) else { continue }
            for score in survey.scores {
                let privateBands = score.bands.filter { score.callsForSupport(band: $0, alert: false) }.map(\.id)
                guard !privateBands.isEmpty else { continue }
                try db.execute(literal: """
                    UPDATE score SET band_private = 1
                    WHERE score_id = \(score.id) AND band IN \(privateBands)
                      AND session_id IN (SELECT id FROM session WHERE survey_hash = \(hash))
                    """)
            }
        }
    }
}
