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
        do {
            return try writer.writeWithoutTransaction { db in
                // Statement journals in memory: each multi-row INSERT keeps one (to undo itself
                // alone on a constraint error), and SQLite spills any over 64 KiB to a temporary
                // file, a write call per page (a million calls in the demo). Settable only
                // outside a transaction.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
                var result: T?
                try db.inTransaction {
                    try watch?.ensureUnchanged()
                    // A bigger page cache for the batch (64 MiB instead of SQLite's 2 MiB): a
                    // batch writes tens of MiB, and rereading the indexes' pages costs more than
                    // the inserts (the demo, ~100 MiB per batch, measured no faster with 128 or
                    // 256 MiB).
                    let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
                    try db.execute(sql: "PRAGMA cache_size = -65536")
                    defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
                    let importer = BulkImporter(db)
                    result = try body(importer)
                    try importer.finishWeeks(calendar: calendar)
                    return .commit
                }
                guard let result else { throw StoreError.database("the import ended without a result") }
                return result
            }
        } catch let error as StoreError where error.isStoreReplaced {
            checkpointIntoOpenedFile()
            throw error
        } catch let error as DatabaseError {
            throw storeError(error)
        }
    }

    /// Runs `body` (a series of `bulkImport`s) with a rollback journal instead of the write-ahead
    /// log, and turns the log back on after. Every committed page is then written once, not once
    /// to the log and again to the store: for a store filled from empty (`demo`), where nearly
    /// every page is new and needs no journal, that saved about 5 of 30 s. Commits stay
    /// durable and atomic (a crash rolls the open transaction back from the journal). While `body`
    /// runs, other coach processes wait for each transaction instead of reading alongside it.
    /// When another process has the store open, the log stays on and nothing changes.
    /// If the log cannot be turned back on, that is an error: the data written is committed, but
    /// the store would go on without the write-ahead log its readers and writers rely on.
    public func withRollbackJournal<T>(_ body: () throws -> T) throws -> T {
        guard try journalMode("DELETE") == "delete" else { return try body() }
        let result = Result { try body() }
        let restored: String?
        do {
            restored = try journalMode("WAL")
        } catch {
            if case let .failure(bodyError) = result { throw bodyError }
            throw StoreError.journalNotRestored(path: path, reason: "\(error)")
        }
        if restored != "wal", case .success = result {
            throw StoreError.journalNotRestored(path: path, reason: "another process opened the store meanwhile")
        }
        return try result.get()
    }

    /// Sets the journal mode; returns the mode in force, which stays the same while another
    /// connection has the store open (SQLite then reports it busy).
    private func journalMode(_ mode: String) throws -> String? {
        do {
            return try writer.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = \(mode)") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return nil
        } catch let error as DatabaseError {
            throw storeError(error)
        }
    }

    /// Imports completed sessions in one transaction, in order; returns what each created.
    @discardableResult
    public func importSessions(_ inputs: [CompletedSessionInput]) throws -> [ImportedSession] {
        try bulkImport { importer in try inputs.map { try importer.importSession($0) } }
    }
}

/// Writes imported rows inside one `bulkImport` transaction.
public final class BulkImporter {
    let db: Database
    /// Subjects whose weekly rows are rebuilt from their sessions when the import ends
    /// (`finishWeeks`): those of sessions imported one by one, and of histories adding to rows.
    var rebuildSubjects: Set<Int64> = []
    /// What `importHistory` adds to `team_week_score` when the import ends.
    var teamSums: [TeamCell: TeamCell.Sum] = [:]
    /// Prepared statements by table and row count: looking one up in GRDB's cache hashes its SQL,
    /// which for a multi-row INSERT is a couple of kilobytes per session.
    var statements: [StatementKey: SQLiteStatement] = [:]

    /// A key hashed as two small numbers (a table name's text cost a million string hashes).
    struct StatementKey: Hashable {
        var table: Table
        var rows: Int
    }

    /// The tables the importer writes with its own statements.
    enum Table {
        case goal, session, answer, score, questionMark, weekScore, teamWeekScore

        var name: String {
            switch self {
            case .goal: "goal"
            case .session: "session"
            case .answer: "answer"
            case .score: "score"
            case .questionMark: "question_mark"
            case .weekScore: "week_score"
            case .teamWeekScore: "team_week_score"
            }
        }
    }

    fileprivate init(_ db: Database) {
        self.db = db
    }

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
        if let teamName = try imported.team.map(NameRules.validatedTeam) {
            if let found = try Team.filter(Team.Columns.name.collating(.nocase) == teamName).fetchOne(db) {
                team = found
            } else {
                var created = Team(id: nil, name: teamName, managerID: nil)
                try created.insert(db)
                try NameRules.claimKey(for: teamName, id: db.lastInsertedRowID, table: "team", db)
                team = created
            }
        }
        var person = Person(id: nil, name: name, role: imported.role, teamID: team?.id,
                            managerID: imported.managerID, shareWellbeing: imported.shareWellbeing,
                            createdAt: imported.createdAt)
        try person.insert(db)
        if imported.shareWellbeing == true {  // an imported history shares from the person's start
            try db.execute(sql: "UPDATE person SET share_since = ? WHERE id = ?", arguments: [imported.createdAt, db.lastInsertedRowID])
        }
        try NameRules.claimKey(for: name, id: db.lastInsertedRowID, table: "person", db)
        if imported.role == .manager, var team, team.managerID == nil {
            team.managerID = person.id
            try team.update(db)
        }
        return person
    }

    /// Inserts (or replaces) goals: the same statement as `setGoal`.
    public func setGoals(_ goals: [ImportedGoal]) throws {
        try setGoals(PreparedGoals(goals))
    }

    /// Inserts (or replaces) prepared goals (see `setGoals(_: [ImportedGoal])`).
    public func setGoals(_ goals: PreparedGoals) throws {
        if let target = goals.invalidTarget { throw StoreError.invalidTarget(target) }
        for start in stride(from: 0, to: goals.values.count, by: PreparedGoals.width) {
            try run("""
                INSERT INTO goal (person_id, kpi, period, target, set_by_id, set_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (person_id, kpi, period) DO UPDATE SET
                    target = excluded.target, set_by_id = excluded.set_by_id, set_at = excluded.set_at
                """, key: StatementKey(table: .goal, rows: 1), values: goals.values,
                range: start..<start + PreparedGoals.width)
        }
    }

    /// Inserts a completed session with its answers, scores and quiz marks, and applies its
    /// effects (`AppDatabase.apply`, as `completeSession` does) at its completion date.
    @discardableResult
    public func importSession(_ input: CompletedSessionInput) throws -> ImportedSession {
        try importSession(PreparedSession(input))
    }

    /// Imports a prepared session (see `importSession(_: CompletedSessionInput)`).
    @discardableResult
    public func importSession(_ prepared: PreparedSession) throws -> ImportedSession {
        try importSession(prepared, rebuildsWeeks: true)
    }

    /// Imports a prepared session; with `rebuildsWeeks`, its subject's weekly rows are rebuilt
    /// when the import ends (`importHistory` writes them itself).
    func importSession(_ prepared: PreparedSession, rebuildsWeeks: Bool) throws -> ImportedSession {
        let values = prepared.values
        // The row `Session.insert` writes, through one cached statement (a record insert encodes
        // through Codable, which costs more than the rest of the row's work at this volume).
        var end = PreparedSession.sessionWidth
        try run("""
            INSERT INTO session (survey_id, survey_hash, kind, subject_id, author_id, started_at,
                                 updated_at, completed_at, state, phase, supersedes_id, quiz_layout, period_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, key: StatementKey(table: .session, rows: 1), values: values, range: 0..<end)
        let id = db.lastInsertedRowID
        if rebuildsWeeks { rebuildSubjects.insert(prepared.session.subjectID) }

        // One multi-row INSERT per table and session: the per-statement overhead is paid once per
        // session instead of once per row.
        func insert(_ table: Table, _ columns: String, width: Int, rows: Int) throws {
            guard rows > 0 else { return }
            let start = end
            end += rows * width
            try self.insert(table: table, columns: columns, width: width + 1, rows: rows, id: id,
                            values: values, range: start..<end)
        }
        try insert(.answer, "session_id, question_id, value, is_private, position, answered_at",
                   width: PreparedSession.answerWidth, rows: prepared.answers)
        try insert(.score, "session_id, score_id, value, band, alert, band_private",
                   width: PreparedSession.scoreWidth, rows: prepared.scores)
        try insert(.questionMark, "session_id, question_id, mark, max_mark",
                   width: PreparedSession.markWidth, rows: prepared.marks)

        var newActionIDs: [Int64] = []
        var newAgendaIDs: [Int64] = []
        let effects = prepared.effects
        if !effects.isEmpty {
            var session = prepared.session
            session.id = id
            try AppDatabase.apply(effects, session: session, at: prepared.completedAt, db)
            if !effects.newActions.isEmpty {
                newActionIDs = try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT id FROM action_item WHERE created_session_id = ? ORDER BY id
                    """), arguments: [id])
            }
            if !effects.newAgendaItems.isEmpty || !effects.followUps.isEmpty {
                newAgendaIDs = try Int64.fetchAll(db.cachedStatement(sql: """
                    SELECT id FROM agenda_item WHERE source_session_id = ? ORDER BY id
                    """), arguments: [id])
            }
        }
        return ImportedSession(id: id, newActionIDs: newActionIDs, newAgendaIDs: newAgendaIDs)
    }
}
