import CoachCore
import Foundation
import GRDB

/// Everything one person may see, for `export`: every row passed through the privacy rules.
public struct ExportData: Sendable, Codable, Equatable {
    public struct PersonRow: Sendable, Codable, Equatable {
        public var name: String
        public var role: String
        public var team: String?
        public var manager: String?
        public var email: String?

        public init(name: String, role: String, team: String?, manager: String?, email: String? = nil) {
            self.name = name
            self.role = role
            self.team = team
            self.manager = manager
            self.email = email
        }
    }

    public struct GoalRow: Sendable, Codable, Equatable {
        public var person: String
        public var kpi: String
        public var period: String
        public var target: Double
        /// The month's actual as the person's one-on-ones recorded it, where the viewer may read it.
        public var actual: Double?

        public init(person: String, kpi: String, period: String, target: Double, actual: Double? = nil) {
            self.person = person
            self.kpi = kpi
            self.period = period
            self.target = target
            self.actual = actual
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(person, forKey: .person)
            try container.encode(kpi, forKey: .kpi)
            try container.encode(period, forKey: .period)
            try container.encode(target, forKey: .target)
            try container.encode(actual, forKey: .actual)
        }
    }

    public struct ScoreRow: Sendable, Codable, Equatable {
        public var score: String
        public var value: Double?
        public var band: String?
        public var alert: Bool

        public init(score: String, value: Double?, band: String?, alert: Bool) {
            self.score = score
            self.value = value
            self.band = band
            self.alert = alert
        }
    }

    /// One answer. Stored as the answer's JSON text; exported as real JSON,
    /// `{"question", "type", "value", "is_private"}` with `value` a number, string, bool, array
    /// or (a meeting's structured answer) object.
    public struct AnswerRow: Sendable, Codable, Equatable {
        public var question: String
        /// The stored JSON of the answer (`AnswerValue.jsonText`).
        public var value: String
        public var isPrivate: Bool

        public init(question: String, value: String, isPrivate: Bool) {
            self.question = question
            self.value = value
            self.isPrivate = isPrivate
        }

        /// The answer decoded; nil only for stored text no coach wrote.
        public var answer: AnswerValue? { AnswerValue(jsonText: value) }
    }

    public struct SessionRow: Sendable, Codable, Equatable {
        public var id: Int64
        public var survey: String
        public var kind: String
        public var subject: String
        public var author: String
        public var started: Date
        public var completed: Date?
        public var state: String
        public var phase: String?
        /// When a session held earlier (`--on`) was recorded; nil for a live one.
        public var backfilled: Date?
        public var scores: [ScoreRow]
        public var answers: [AnswerRow]

        public init(id: Int64, survey: String, kind: String, subject: String, author: String, started: Date, completed: Date?,
                    state: String, phase: String?, scores: [ScoreRow], answers: [AnswerRow]) {
            self.id = id
            self.survey = survey
            self.kind = kind
            self.subject = subject
            self.author = author
            self.started = started
            self.completed = completed
            self.state = state
            self.phase = phase
            self.scores = scores
            self.answers = answers
        }
    }

    public var exportedBy: String
    public var people: [PersonRow]
    public var goals: [GoalRow]
    public var sessions: [SessionRow]
    public var actionItems: [ActionItemView]

    public init(exportedBy: String, people: [PersonRow], goals: [GoalRow], sessions: [SessionRow], actionItems: [ActionItemView]) {
        self.exportedBy = exportedBy
        self.people = people
        self.goals = goals
        self.sessions = sessions
        self.actionItems = actionItems
    }
}

extension AppDatabase {
    /// What `viewerName` may see: people, the goals of themselves and their reps (all for HR),
    /// the sessions whose scores they may see with the answers they may read, and their action items.
    public func exportData(viewer viewerName: String) throws -> ExportData {
        let actions = try actionItems(viewer: viewerName, subject: nil, openOnly: false)
        return try read { db in
            let viewer = try Self.existingPerson(viewerName, db)
            let people = try Row.fetchAll(db, sql: """
                SELECT p.name, p.role, t.name, m.name, p.email FROM person p LEFT JOIN team t ON t.id = p.team_id
                LEFT JOIN person m ON m.id = p.manager_id ORDER BY p.name COLLATE NOCASE
                """).map { ExportData.PersonRow(name: $0[0], role: $0[1], team: $0[2], manager: $0[3], email: $0[4]) }
            let goalCondition: SQL = viewer.role == .hr ? "1" : "(p.id = \(viewer.id) OR p.manager_id = \(viewer.id))"
            let goalQuery: SQL = """
                SELECT p.name, g.kpi, g.period, g.target FROM goal g JOIN person p ON p.id = g.person_id
                WHERE \(goalCondition) ORDER BY p.name, g.period, g.kpi
                """
            let (goalSQL, goalArguments) = try goalQuery.build(db)
            let goals = try Row.fetchAll(db, sql: goalSQL, arguments: goalArguments).map {
                ExportData.GoalRow(person: $0[0], kpi: $0[1], period: $0[2], target: $0[3])
            }
            let sessionQuery: SQL = """
                \(Self.sessionRecordColumns) WHERE \(Privacy.scoresVisible(to: viewer)) ORDER BY s.started_at, s.id
                """
            let (sessionSQL, sessionArguments) = try sessionQuery.build(db)
            let sessions = try Row.fetchAll(db, sql: sessionSQL, arguments: sessionArguments).map {
                try Self.sessionRow($0, viewer: viewer, db)
            }
            return ExportData(exportedBy: viewer.name, people: people, goals: goals, sessions: sessions, actionItems: actions)
        }
    }
}

extension AppDatabase {
    /// Session `id` with the scores and answers `viewerName` may see, or nil when the viewer may
    /// not see the session at all (`show ID`).
    public func sessionRecord(viewer viewerName: String, id: Int64) throws -> ExportData.SessionRow? {
        try read { db in
            let viewer = try Self.existingPerson(viewerName, db)
            let query: SQL = """
                \(Self.sessionRecordColumns) WHERE s.id = \(id) AND \(Privacy.scoresVisible(to: viewer))
                """
            let (sql, arguments) = try query.build(db)
            return try Row.fetchOne(db, sql: sql, arguments: arguments).map { try Self.sessionRow($0, viewer: viewer, db) }
        }
    }

    static let sessionRecordColumns: SQL = """
        SELECT s.id, s.survey_id, s.kind, p.name, a.name, s.started_at, s.completed_at, s.state, s.phase, s.backfilled_at
        FROM session s JOIN person p ON p.id = s.subject_id JOIN person a ON a.id = s.author_id
        """

    /// A session row of `sessionRecordColumns` with the scores and answers `viewer` may see.
    static func sessionRow(_ row: Row, viewer: Person, _ db: Database) throws -> ExportData.SessionRow {
        let id: Int64 = row[0]
        let scoreQuery: SQL = """
            SELECT sc.score_id, sc.value, \(Privacy.bandVisible(to: viewer)), \(Privacy.alertVisible(to: viewer))
            FROM score sc JOIN session s ON s.id = sc.session_id WHERE sc.session_id = \(id) ORDER BY sc.rowid
            """
        let (scoreSQL, scoreArguments) = try scoreQuery.build(db)
        let scores = try Row.fetchAll(db, sql: scoreSQL, arguments: scoreArguments).map {
            ExportData.ScoreRow(score: $0[0], value: $0[1], band: $0[2], alert: $0[3])
        }
        let answerQuery: SQL = """
            SELECT a.question_id, a.value, a.is_private FROM answer a JOIN session s ON s.id = a.session_id
            JOIN person p ON p.id = s.subject_id
            WHERE a.session_id = \(id) AND \(Privacy.answersVisible(to: viewer)) ORDER BY a.position, a.id
            """
        let (answerSQL, answerArguments) = try answerQuery.build(db)
        // A skip mark of an open session is no answer.
        let answers = try Row.fetchAll(db, sql: answerSQL, arguments: answerArguments).map {
            ExportData.AnswerRow(question: $0[0], value: $0[1], isPrivate: $0[2])
        }.filter { !AnswerValue.isSkipMark($0.value) }
        var session = ExportData.SessionRow(id: id, survey: row[1], kind: row[2], subject: row[3], author: row[4],
                                            started: row[5], completed: row[6], state: row[7], phase: row[8],
                                            scores: scores, answers: answers)
        session.backfilled = row[9]
        return session
    }
}

// A field without a value is written as null, never left out: `export --json` keeps the same
// field names in every record (a paused session has "completed": null, a check-in "phase": null).
extension ExportData.PersonRow {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(team, forKey: .team)
        try container.encode(manager, forKey: .manager)
        try container.encode(email, forKey: .email)
    }
}

// An answer's value is written as the JSON value it is, beside its type; stored text that does
// not decode (none coach writes) is kept as a string, with a null type.
extension ExportData.AnswerRow {
    private enum Keys: String, CodingKey { case question, type, value, isPrivate }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        question = try container.decode(String.self, forKey: .question)
        isPrivate = try container.decode(Bool.self, forKey: .isPrivate)
        if try container.decodeNil(forKey: .type) {
            value = try container.decode(String.self, forKey: .value)
        } else {
            value = try AnswerValue(from: decoder).jsonText ?? ""
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(question, forKey: .question)
        if let answer {
            try container.encode(answer.typeName, forKey: .type)
            try container.encode(answer.jsonValue, forKey: .value)
        } else {
            try container.encodeNil(forKey: .type)
            try container.encode(value, forKey: .value)
        }
        try container.encode(isPrivate, forKey: .isPrivate)
    }
}

extension ExportData.ScoreRow {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encode(value, forKey: .value)
        try container.encode(band, forKey: .band)
        try container.encode(alert, forKey: .alert)
    }
}

extension ExportData.SessionRow {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(survey, forKey: .survey)
        try container.encode(kind, forKey: .kind)
        try container.encode(subject, forKey: .subject)
        try container.encode(author, forKey: .author)
        try container.encode(started, forKey: .started)
        try container.encode(completed, forKey: .completed)
        try container.encode(state, forKey: .state)
        try container.encode(phase, forKey: .phase)
        try container.encode(backfilled, forKey: .backfilled)
        try container.encode(scores, forKey: .scores)
        try container.encode(answers, forKey: .answers)
    }
}
