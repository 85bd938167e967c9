import CoachCore
import Foundation
import GRDB

/// One completed quiz attempt as reports read it.
public struct QuizAttemptRecord: Sendable, Equatable {
    public var sessionID: Int64
    public var person: String
    public var team: String?
    public var phase: String?
    public var completed: Date
    public var percent: Double?
    public var passed: Bool?
    /// Per shown question: mark and maximum.
    public var marks: [String: (mark: Double, maxMark: Double)]

    public init(sessionID: Int64, person: String, team: String?, phase: String?, completed: Date, percent: Double?,
                passed: Bool?, marks: [String: (mark: Double, maxMark: Double)]) {
        self.sessionID = sessionID
        self.person = person
        self.team = team
        self.phase = phase
        self.completed = completed
        self.percent = percent
        self.passed = passed
        self.marks = marks
    }

    public static func == (a: QuizAttemptRecord, b: QuizAttemptRecord) -> Bool {
        a.sessionID == b.sessionID && a.percent == b.percent && a.marks.mapValues(\.mark) == b.marks.mapValues(\.mark)
    }
}

extension AppDatabase {
    /// The percents of `personName`'s completed attempts at `quizID`, oldest first, leaving out
    /// the attempts of `phase` (nil: none left out).
    public func quizPercents(of personName: String, quizID: String, excluding phase: SessionPhase? = nil) throws -> [Double] {
        try read { db in
            let person = try Self.existingPerson(personName, db)
            return try Double.fetchAll(db, sql: """
                SELECT sc.value FROM session s JOIN score sc ON sc.session_id = s.id AND sc.score_id = 'percent'
                WHERE s.subject_id = ? AND s.survey_id = ? AND s.state = 'completed' AND sc.value IS NOT NULL
                  AND (s.phase IS NULL OR s.phase IS NOT ?)
                ORDER BY s.completed_at, s.id
                """, arguments: [person.id, quizID, phase?.rawValue])
        }
    }

    /// The completed attempts at `quizID` that `viewerName` may see: HR every one, a manager
    /// their reps', oldest first. Reps are refused (a report covers other people).
    public func quizAttempts(viewer viewerName: String, quizID: String) throws -> [QuizAttemptRecord] {
        try read { db in
            let viewer = try Self.existingPerson(viewerName, db)
            guard viewer.role != .rep else {
                throw StoreError.notAllowed("quiz reports are for HR and managers; 'trends' shows your own results")
            }
            let scope: SQL = viewer.role == .hr ? "1" : "p.manager_id = \(viewer.id)"
            let query: SQL = """
                SELECT s.id, p.name, t.name, s.phase, s.completed_at,
                       (SELECT value FROM score WHERE session_id = s.id AND score_id = 'percent'),
                       (SELECT value FROM score WHERE session_id = s.id AND score_id = 'passed')
                FROM session s JOIN person p ON p.id = s.subject_id LEFT JOIN team t ON t.id = p.team_id
                WHERE s.survey_id = \(quizID) AND s.kind = 'quiz' AND s.state = 'completed' AND \(scope)
                ORDER BY s.completed_at, s.id
                """
            let (sql, arguments) = try query.build(db)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let id: Int64 = row[0]
                let marks = try Row.fetchAll(db, sql: "SELECT question_id, mark, max_mark FROM question_mark WHERE session_id = ?",
                                             arguments: [id])
                let passed: Double? = row[6]
                return QuizAttemptRecord(sessionID: id, person: row[1], team: row[2], phase: row[3], completed: row[4],
                                         percent: row[5], passed: passed.map { $0 >= 1 },
                                         marks: Dictionary(marks.map { ($0[0] as String, (mark: $0[1] as Double, maxMark: $0[2] as Double)) },
                                                           uniquingKeysWith: { $1 }))
            }
        }
    }
}
