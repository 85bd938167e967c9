import CoachCore
import Foundation
import GRDB

/// One finding of `check`.
public struct CheckFinding: Sendable, Equatable {
    public var name: String
    /// nil when the check passed.
    public var problem: String?
}

extension AppDatabase {
    /// SQLite's integrity and foreign-key checks, then coach's own invariants: every completed
    /// session of a scored survey has its scores, and they are what its answers score to, every answer and score belongs to a session,
    /// no action or agenda item points at a missing person or session, no session is completed
    /// without a completion time.
    public func check() throws -> [CheckFinding] {
        try read { db in
            var findings: [CheckFinding] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            findings.append(CheckFinding(name: "SQLite integrity", problem: integrity == ["ok"] ? nil : integrity.joined(separator: "; ")))
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            findings.append(CheckFinding(name: "foreign keys",
                                         problem: foreignKeys.isEmpty ? nil : "\(foreignKeys.count) rows point at missing rows"))
            func count(_ name: String, _ sql: String, _ what: String) throws {
                let n = try Int.fetchOne(db, sql: sql) ?? 0
                findings.append(CheckFinding(name: name, problem: n == 0 ? nil : "\(n) \(what)"))
            }
            try count("answers belong to sessions", "SELECT count(*) FROM answer WHERE session_id NOT IN (SELECT id FROM session)",
                      "answers without a session")
            try count("scores belong to completed sessions",
                      "SELECT count(*) FROM score WHERE session_id NOT IN (SELECT id FROM session WHERE state = 'completed')",
                      "scores of sessions that are not completed")
            try count("completed sessions have a completion time",
                      "SELECT count(*) FROM session WHERE (state = 'completed') != (completed_at IS NOT NULL)",
                      "sessions whose state and completion time disagree")
            try count("action items have their people",
                      """
                      SELECT count(*) FROM action_item WHERE subject_id NOT IN (SELECT id FROM person)
                      OR owner_id NOT IN (SELECT id FROM person)
                      OR (created_session_id IS NOT NULL AND created_session_id NOT IN (SELECT id FROM session))
                      """, "orphan action items")
            try count("agenda items have their person",
                      "SELECT count(*) FROM agenda_item WHERE person_id NOT IN (SELECT id FROM person)", "orphan agenda items")
            findings.append(CheckFinding(name: "completed sessions have their scores", problem: try missingScores(db)))
            findings.append(CheckFinding(name: "stored scores match the answers", problem: try Self.rescoreProblems(db)))
            findings.append(CheckFinding(name: "weekly aggregates match the sessions", problem: try WeeklyScores.problems(db)))
            try count("one live check-in per person, survey and period",
                      """
                      SELECT COUNT(*) FROM (SELECT 1 FROM session WHERE \(Schema.onePerPeriodCondition)
                      GROUP BY subject_id, survey_id, period_key, IFNULL(supersedes_id, 0) HAVING COUNT(*) > 1)
                      """, "groups of check-ins that race for one period (neither amends the other)")
            findings.append(CheckFinding(name: "names can be told apart", problem: try NameRules.lookAlikeProblems(db)))
            return findings
        }
    }

    /// Completed sessions whose survey version declares scores (or is a quiz) but that have none.
    private func missingScores(_ db: Database) throws -> String? {
        var scored: [String: Bool] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT hash, content FROM survey_version") {
            let hash: String = row[0]
            if case let .success(survey) = SurveyLoader.load(yaml: row[1], file: hash) {
                scored[hash] = survey.kind == .quiz || !survey.scores.isEmpty
            }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.id, s.survey_hash FROM session s WHERE s.state = 'completed'
            AND NOT EXISTS (SELECT 1 FROM score WHERE session_id = s.id)
            """)
        let missing = rows.filter { scored[$0[1] as String] == true }.map { "#\($0[0] as Int64)" }
        return missing.isEmpty ? nil : "completed sessions without scores: " + missing.prefix(10).joined(separator: ", ")
    }

    /// A consistent copy of the store at `path` (SQLite's online backup), safe while others write.
    /// The copy is created 0600 and must not exist yet.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.backupUnavailable(path: path, reason: "it already exists, and coach does not overwrite it; choose a new file name")
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard folder.isEmpty || FileManager.default.isWritableFile(atPath: folder) else {
            throw StoreError.backupUnavailable(path: path, reason: "the folder \(folder) does not exist or is not writable")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.backupUnavailable(path: path, reason: "it cannot be created")
        }
        do {
            // "./" keeps a relative name from being read as a `file:` URI.
            let destination = try DatabaseQueue(path: path.hasPrefix("/") ? path : "./" + path)
            try writer.backup(to: destination)
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError.database("backup failed: \(error)")
        }
    }
}
