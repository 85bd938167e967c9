import CoachCore
import Foundation
import GRDB

/// Bulk imports: many people, goals and completed sessions (with past dates) in few
/// transactions, for `demo` (and any future import). They write the same rows as the one-at-a-time
/// intents (`addPerson`, `setGoal`, `completeSession`): the same records, the same `apply(effects:)`,
/// the same SQL, through cached prepared statements.
extension AppDatabase {
    /// Runs `body` in ONE write transaction with an importer bound to it; everything `body` imports
    /// is committed together, or nothing is (an error rolls the whole batch back).
    /// The importer must not escape `body`.
    public func bulkImport<T>(_ body: (BulkImporter) throws -> T) throws -> T {
        try write { db in try body(BulkImporter(db)) }
    }

    /// Imports completed sessions in one transaction, in order; returns what each created.
    @discardableResult
    public func importSessions(_ inputs: [CompletedSessionInput]) throws -> [ImportedSession] {
        try bulkImport { importer in try inputs.map { try importer.importSession($0) } }
    }
}

/// A person to import. Names follow the same rules as `addPerson`; the team is created if new
/// (a manager joining a team without one becomes its manager).
public struct ImportedPerson: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var team: String?
    /// The manager's id (an already imported or existing manager).
    public var managerID: Int64?
    public var shareWellbeing: Bool?
    public var createdAt: Date

    public init(name: String, role: Role, team: String?, managerID: Int64?, shareWellbeing: Bool?, createdAt: Date) {
        self.name = name
        self.role = role
        self.team = team
        self.managerID = managerID
        self.shareWellbeing = shareWellbeing
        self.createdAt = createdAt
    }
}

/// A goal to import (the same row `setGoal` writes).
public struct ImportedGoal: Sendable, Equatable {
    public var personID: Int64
    public var kpi: String
    public var period: Period
    public var target: Double
    public var setByID: Int64
    public var setAt: Date

    public init(personID: Int64, kpi: String, period: Period, target: Double, setByID: Int64, setAt: Date) {
        self.personID = personID
        self.kpi = kpi
        self.period = period
        self.target = target
        self.setByID = setByID
        self.setAt = setAt
    }
}

/// One stored answer of an imported session (`valueJSON` as `AnswerValue.jsonText` writes it).
public struct ImportedAnswer: Sendable, Equatable {
    public var questionID: String
    public var valueJSON: String
    public var isPrivate: Bool
    public var position: Int
    public var answeredAt: Date

    public init(questionID: String, valueJSON: String, isPrivate: Bool, position: Int, answeredAt: Date) {
        self.questionID = questionID
        self.valueJSON = valueJSON
        self.isPrivate = isPrivate
        self.position = position
        self.answeredAt = answeredAt
    }
}

/// A session that was run and completed in the past: what `startSession`, `saveAnswer` and
/// `completeSession` would have written, in one value.
public struct CompletedSessionInput: Sendable, Equatable {
    public var surveyID: String
    /// A `survey_version` already recorded.
    public var surveyHash: String
    public var kind: String
    public var subjectID: Int64
    public var authorID: Int64
    public var phase: SessionPhase?
    public var periodKey: String?
    public var startedAt: Date
    public var completedAt: Date
    public var answers: [ImportedAnswer]
    public var scores: [ScoreRow]
    public var marks: [MarkRow]
    public var effects: SessionEffects

    public init(surveyID: String, surveyHash: String, kind: String, subjectID: Int64, authorID: Int64,
                phase: SessionPhase? = nil, periodKey: String? = nil, startedAt: Date, completedAt: Date,
                answers: [ImportedAnswer], scores: [ScoreRow], marks: [MarkRow] = [],
                effects: SessionEffects = SessionEffects()) {
        self.surveyID = surveyID
        self.surveyHash = surveyHash
        self.kind = kind
        self.subjectID = subjectID
        self.authorID = authorID
        self.phase = phase
        self.periodKey = periodKey
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.answers = answers
        self.scores = scores
        self.marks = marks
        self.effects = effects
    }
}

/// What importing a session created: its id, and the ids of the action and agenda items its
/// effects added, in the order the effects listed them.
public struct ImportedSession: Sendable, Equatable {
    public var id: Int64
    public var newActionIDs: [Int64]
    public var newAgendaIDs: [Int64]
}

/// Writes imported rows inside one `bulkImport` transaction.
public final class BulkImporter {
    private let db: Database

    fileprivate init(_ db: Database) { self.db = db }

    /// How many people the store holds (including those imported so far in this transaction).
    public func peopleCount() throws -> Int { try Person.fetchCount(db) }

    /// Names of every person and team already in the store (for choosing names that are free).
    public func existingNames() throws -> (people: Set<String>, teams: Set<String>) {
        let people = try String.fetchAll(db, sql: "SELECT lower(name) FROM person")
        let teams = try String.fetchAll(db, sql: "SELECT lower(name) FROM team")
        return (Set(people), Set(teams))
    }

    /// Same as `AppDatabase.recordSurveyVersion`.
    public func recordSurveyVersion(surveyID: String, hash: String, content: String, at now: Date) throws {
        try db.cachedStatement(sql: """
            INSERT INTO survey_version (hash, survey_id, content, first_seen_at)
            VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING
            """).execute(arguments: [hash, surveyID, content, now])
    }

    /// Inserts a person (the `Person` record `addPerson` inserts), creating the team if needed.
    /// Refuses a name in use, like `addPerson`.
    @discardableResult
    public func addPerson(_ imported: ImportedPerson) throws -> Person {
        let name = try NameRules.validated(imported.name)
        guard try AppDatabase.person(named: name, db) == nil else { throw StoreError.duplicatePerson(name) }
        var team: Team?
        if let teamName = try imported.team.map(NameRules.validated) {
            if let found = try Team.filter(Team.Columns.name.collating(.nocase) == teamName).fetchOne(db) {
                team = found
            } else {
                var created = Team(id: nil, name: teamName, managerID: nil)
                try created.insert(db)
                team = created
            }
        }
        var person = Person(id: nil, name: name, role: imported.role, teamID: team?.id,
                            managerID: imported.managerID, shareWellbeing: imported.shareWellbeing,
                            createdAt: imported.createdAt)
        try person.insert(db)
        if imported.role == .manager, var team, team.managerID == nil {
            team.managerID = person.id
            try team.update(db)
        }
        return person
    }

    /// Inserts (or replaces) goals: the same statement as `setGoal`.
    public func setGoals(_ goals: [ImportedGoal]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO goal (person_id, kpi, period, target, set_by_id, set_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (person_id, kpi, period) DO UPDATE SET
                target = excluded.target, set_by_id = excluded.set_by_id, set_at = excluded.set_at
            """)
        for goal in goals {
            guard goal.target.isFinite else { throw StoreError.invalidTarget(goal.target) }
            try statement.execute(arguments: [goal.personID, goal.kpi, goal.period.description,
                                              goal.target, goal.setByID, goal.setAt])
        }
    }

    /// Inserts a completed session with its answers, scores and quiz marks, and applies its
    /// effects (`AppDatabase.apply`, as `completeSession` does) at its completion date.
    @discardableResult
    public func importSession(_ input: CompletedSessionInput) throws -> ImportedSession {
        var session = Session(
            id: nil, surveyID: input.surveyID, surveyHash: input.surveyHash, kind: input.kind,
            subjectID: input.subjectID, authorID: input.authorID, startedAt: input.startedAt,
            updatedAt: input.completedAt, completedAt: input.completedAt, state: .completed,
            phase: input.phase, supersedesID: nil, quizLayout: nil, periodKey: input.periodKey)
        try session.insert(db)
        guard let id = session.id else { throw StoreError.database("an imported session got no id") }

        if !input.answers.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO answer (session_id, question_id, value, is_private, position, answered_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            for answer in input.answers {
                statement.setUncheckedArguments([id, answer.questionID, answer.valueJSON, answer.isPrivate,
                                                 answer.position, answer.answeredAt])
                try statement.execute()
            }
        }
        if !input.scores.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO score (session_id, score_id, value, band, alert) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (session_id, score_id) DO UPDATE SET
                    value = excluded.value, band = excluded.band, alert = excluded.alert
                """)
            for row in input.scores {
                statement.setUncheckedArguments([id, row.scoreID, row.value, row.band, row.alert])
                try statement.execute()
            }
        }
        if !input.marks.isEmpty {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO question_mark (session_id, question_id, mark, max_mark) VALUES (?, ?, ?, ?)
                ON CONFLICT (session_id, question_id) DO UPDATE SET
                    mark = excluded.mark, max_mark = excluded.max_mark
                """)
            for row in input.marks {
                statement.setUncheckedArguments([id, row.questionID, row.mark, row.maxMark])
                try statement.execute()
            }
        }

        var newActionIDs: [Int64] = []
        var newAgendaIDs: [Int64] = []
        if !input.effects.isEmpty {
            try AppDatabase.apply(input.effects, session: session, at: input.completedAt, db)
            if !input.effects.newActions.isEmpty {
                newActionIDs = try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT id FROM action_item WHERE created_session_id = ? ORDER BY id
                    """), arguments: [id])
            }
            if !input.effects.newAgendaItems.isEmpty {
                newAgendaIDs = try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT id FROM agenda_item WHERE source_session_id = ? ORDER BY id
                    """), arguments: [id])
            }
        }
        return ImportedSession(id: id, newActionIDs: newActionIDs, newAgendaIDs: newAgendaIDs)
    }
}
