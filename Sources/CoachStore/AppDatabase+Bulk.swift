import CoachCore
import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#elseif canImport(SQLite3)
import SQLite3
#endif

/// Bulk imports: many people, goals and completed sessions (with past dates) in few
/// transactions, for `demo` (and any future import). They write the same rows as the one-at-a-time
/// intents (`addPerson`, `setGoal`, `completeSession`): the same records, the same `apply(effects:)`,
/// the same SQL, through cached prepared statements.
extension AppDatabase {
    /// Runs `body` in ONE write transaction with an importer bound to it; everything `body` imports
    /// is committed together, or nothing is (an error rolls the whole batch back).
    /// The importer must not escape `body`.
    public func bulkImport<T>(_ body: (BulkImporter) throws -> T) throws -> T {
        try write { db in
            // A bigger page cache for the batch (64 MiB instead of SQLite's 2 MiB): a batch writes
            // tens of MiB, and spilling the cache mid-transaction costs more than the inserts.
            let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
            return try body(BulkImporter(db))
        }
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

/// A completed session with the values its answer, score and mark rows bind, rendered ahead:
/// `BulkImporter.prepare` needs no database, so another thread can prepare sessions while the
/// writer writes.
public struct PreparedSession: Sendable {
    public let input: CompletedSessionInput
    /// Per answer: question_id, value, is_private, position, answered_at (the session id is bound
    /// by the writer).
    fileprivate let answerValues: [DatabaseValue]
    /// Per score: score_id, value, band, alert.
    fileprivate let scoreValues: [DatabaseValue]
    /// Per mark: question_id, mark, max_mark.
    fileprivate let markValues: [DatabaseValue]
}

/// Writes imported rows inside one `bulkImport` transaction.
public final class BulkImporter {
    private let db: Database
    /// Prepared statements by key (a call site's line, or a multi-row INSERT's table and row
    /// count): looking one up in GRDB's cache hashes its SQL, which for a multi-row INSERT is a
    /// couple of kilobytes per session.
    private var statements: [Int: SQLiteStatement] = [:]

    fileprivate init(_ db: Database) { self.db = db }

    /// How many people the store holds (including those imported so far in this transaction).
    public func peopleCount() throws -> Int { try Person.fetchCount(db) }

    /// Names of every person and team already in the store (for choosing names that are free).
    public func existingNames() throws -> (people: Set<String>, teams: Set<String>) {
        let people = try String.fetchAll(db, sql: "SELECT lower(name) FROM person")
        let teams = try String.fetchAll(db, sql: "SELECT lower(name) FROM team")
        return (Set(people), Set(teams))
    }

    /// The highest action item and agenda item ids so far (0 when none): SQLite gives the next
    /// inserted row the highest id + 1.
    public func lastItemIDs() throws -> (actionItem: Int64, agendaItem: Int64) {
        let action = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM action_item") ?? 0
        let agenda = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM agenda_item") ?? 0
        return (action, agenda)
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
                                              goal.target, goal.setByID, Self.storedDate(goal.setAt)])
        }
    }

    /// Inserts a completed session with its answers, scores and quiz marks, and applies its
    /// effects (`AppDatabase.apply`, as `completeSession` does) at its completion date.
    @discardableResult
    public func importSession(_ input: CompletedSessionInput) throws -> ImportedSession {
        try importSession(Self.prepare(input))
    }

    /// Renders the values of a session's answer, score and mark rows (any thread).
    public static func prepare(_ input: CompletedSessionInput) -> PreparedSession {
        var answers: [DatabaseValue] = []
        answers.reserveCapacity(input.answers.count * 5)
        for answer in input.answers {
            answers.append(answer.questionID.databaseValue)
            answers.append(answer.valueJSON.databaseValue)
            answers.append(answer.isPrivate.databaseValue)
            answers.append(answer.position.databaseValue)
            answers.append(storedDate(answer.answeredAt))
        }
        var scores: [DatabaseValue] = []
        scores.reserveCapacity(input.scores.count * 4)
        for row in input.scores {
            scores.append(row.scoreID.databaseValue)
            scores.append(row.value?.databaseValue ?? .null)
            scores.append(row.band?.databaseValue ?? .null)
            scores.append(row.alert.databaseValue)
        }
        var marks: [DatabaseValue] = []
        marks.reserveCapacity(input.marks.count * 3)
        for row in input.marks {
            marks.append(row.questionID.databaseValue)
            marks.append(row.mark.databaseValue)
            marks.append(row.maxMark.databaseValue)
        }
        return PreparedSession(input: input, answerValues: answers, scoreValues: scores, markValues: marks)
    }

    /// Imports a prepared session (see `importSession(_: CompletedSessionInput)`).
    @discardableResult
    public func importSession(_ prepared: PreparedSession) throws -> ImportedSession {
        let input = prepared.input
        var session = Session(
            id: nil, surveyID: input.surveyID, surveyHash: input.surveyHash, kind: input.kind,
            subjectID: input.subjectID, authorID: input.authorID, startedAt: input.startedAt,
            updatedAt: input.completedAt, completedAt: input.completedAt, state: .completed,
            phase: input.phase, supersedesID: nil, quizLayout: nil, periodKey: input.periodKey)
        // The row `Session.insert` writes, through one cached statement (a record insert encodes
        // through Codable, which costs more than the rest of the row's work at this volume).
        try run("""
            INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at,
                                 updated_at, completed_at, state, phase, supersedes_id, quiz_layout, period_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [
                session.surveyID.databaseValue, session.surveyHash.databaseValue, session.kind.databaseValue,
                session.subjectID.databaseValue, session.authorID.databaseValue,
                Self.storedDate(session.startedAt), Self.storedDate(session.updatedAt),
                session.completedAt.map(Self.storedDate) ?? .null, session.state.databaseValue,
                session.phase?.databaseValue ?? .null, session.supersedesID?.databaseValue ?? .null,
                session.quizLayout?.databaseValue ?? .null, session.periodKey?.databaseValue ?? .null,
            ])
        let id = db.lastInsertedRowID
        session.id = id

        // One multi-row INSERT per table and session: the per-statement overhead is paid once per
        // session instead of once per row.
        let idValue = id.databaseValue
        if !prepared.answerValues.isEmpty {
            try insert(table: "answer", columns: "session_id, question_id, value, is_private, position, answered_at",
                       width: 6, rows: input.answers.count, id: idValue, values: prepared.answerValues)
        }
        if !prepared.scoreValues.isEmpty {
            try insert(table: "score", columns: "session_id, score_id, value, band, alert",
                       width: 5, rows: input.scores.count, id: idValue, values: prepared.scoreValues)
        }
        if !prepared.markValues.isEmpty {
            try insert(table: "question_mark", columns: "session_id, question_id, mark, max_mark",
                       width: 4, rows: input.marks.count, id: idValue, values: prepared.markValues)
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

    /// `INSERT INTO table (columns) VALUES (?, ...), (?, ...)` for `rows` rows of `width` values.
    private func insert(table: String, columns: String, width: Int, rows: Int, id: DatabaseValue,
                        values: [DatabaseValue]) throws {
        let tableIndex = table == "answer" ? 1 : table == "score" ? 2 : 3
        let key = -(tableIndex * 100_000 + rows)
        try run({
            let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            return "INSERT INTO \(table) (\(columns)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
        }(), values, key: key, rowPrefix: id, width: width)
    }

    /// Runs a cached statement, bound and stepped through the SQLite C API: GRDB's argument
    /// conversion and binding cost more than SQLite's own insert at millions of values. The
    /// statement is GRDB's cached one, left reset as GRDB expects.
    /// With `rowPrefix`, `values` holds `width - 1` values per row and each row starts with it.
    private func run(_ sql: @autoclosure () -> String, _ values: [DatabaseValue], key: Int = #line,
                     rowPrefix: DatabaseValue? = nil, width: Int = 0) throws {
        let statement: SQLiteStatement
        if let known = statements[key] {
            statement = known
        } else {
            statement = try db.cachedStatement(sql: sql()).sqliteStatement
            statements[key] = statement
        }
        defer { sqlite3_reset(statement) }
        func bind(_ value: DatabaseValue, _ index: CInt) throws {
            let code: CInt
            switch value.storage {
            case .null: code = sqlite3_bind_null(statement, index)
            case .int64(let v): code = sqlite3_bind_int64(statement, index, v)
            case .double(let v): code = sqlite3_bind_double(statement, index, v)
            case .string(let v): code = sqlite3_bind_text(statement, index, v, -1, Self.transient)
            case .blob(let v): code = v.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, CInt($0.count), Self.transient) }
            }
            if code != SQLITE_OK { throw failure(code) }
        }
        if let rowPrefix {
            var index: CInt = 1
            for (offset, value) in values.enumerated() {
                if offset % (width - 1) == 0 { try bind(rowPrefix, index); index += 1 }
                try bind(value, index)
                index += 1
            }
        } else {
            for (offset, value) in values.enumerated() { try bind(value, CInt(offset + 1)) }
        }
        let code = sqlite3_step(statement)
        if code != SQLITE_DONE { throw failure(code) }
    }

    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) })
    }

    /// A date as GRDB stores it (`YYYY-MM-DD HH:MM:SS.SSS`, UTC), without a DateFormatter for
    /// whole-second dates (the demo's millions of timestamps); other dates go through GRDB.
    static func storedDate(_ date: Date) -> DatabaseValue {
        let seconds = date.timeIntervalSince1970
        guard seconds == seconds.rounded(), abs(seconds) < 1e11 else { return date.databaseValue }
        let total = Int(seconds)
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        guard (1...9999).contains(year) else { return date.databaseValue }
        // Written as bytes into one buffer: building it by appends costs several allocations.
        let text = String(unsafeUninitializedCapacity: 23) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for i in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0); buffer[4] = UInt8(ascii: "-"); put(month, 2, at: 5); buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8); buffer[10] = UInt8(ascii: " "); put(rest / 3_600, 2, at: 11); buffer[13] = UInt8(ascii: ":")
            put(rest % 3_600 / 60, 2, at: 14); buffer[16] = UInt8(ascii: ":"); put(rest % 60, 2, at: 17)
            buffer[19] = UInt8(ascii: "."); put(0, 3, at: 20)
            return 23
        }
        return text.databaseValue
    }
}
