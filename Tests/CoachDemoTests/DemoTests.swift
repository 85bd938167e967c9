@testable import CoachDemo
import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

/// The fixed "now" of these tests: Friday 2026-11-27 12:00 UTC.
private let fixedNow = Date(timeIntervalSince1970: 1_795_780_800)

private func demoStore(reps: Int = 12, weeks: Int = 30, seed: UInt64 = 1, coherence: Bool = false,
                       sessionsPerTransaction: Int? = nil) throws -> (AppDatabase, DemoSummary) {
    let database = try AppDatabase.inMemory()
    let builder = try DemoBuilder(database: database, options: DemoOptions(reps: reps, weeks: weeks, seed: seed, now: fixedNow))
    builder.checkCoherence = coherence
    if let sessionsPerTransaction { builder.sessionsPerTransaction = sessionsPerTransaction }
    return (database, try builder.run(force: false))
}

/// Every row of every table, as text, in a stable order.
private func dump(_ database: AppDatabase) throws -> [String] {
    try database.read { db in
        var lines: [String] = []
        for table in ["person", "team", "goal", "survey_version", "session", "answer", "score", "question_mark",
                      "kpi_actual", "action_item", "agenda_item"] {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") {
                lines.append("\(table) \(row.description)")
            }
        }
        return lines
    }
}

/// (date, value) of one score of one person, oldest first.
private func series(_ database: AppDatabase, person: String, survey: String, score: String) throws -> [Double] {
    try database.read { db in
        try Double.fetchAll(db, sql: """
            SELECT sc.value FROM score sc JOIN session s ON s.id = sc.session_id JOIN person p ON p.id = s.subject_id
            WHERE p.name = ? AND s.survey_id = ? AND sc.score_id = ? AND sc.value IS NOT NULL
            ORDER BY s.completed_at
            """, arguments: [person, survey, score])
    }
}

private func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(max(1, values.count)) }

@Suite("demo: a synthetic organisation")
struct DemoTests {
    @Test("the same seed and now give identical stores; another seed gives another")
    func determinism() throws {
        let (a, _) = try demoStore(seed: 7)
        let (b, _) = try demoStore(seed: 7)
        let (c, _) = try demoStore(seed: 8)
        let rowsA = try dump(a)
        #expect(rowsA.count > 1_000)
        #expect(rowsA == (try dump(b)))
        #expect(rowsA != (try dump(c)))
        // One rep per transaction (the tests' small demos are otherwise written in one).
        let (d, _) = try demoStore(seed: 7, sessionsPerTransaction: 1)
        #expect(rowsA == (try dump(d)))
    }

    @Test("counts match --reps and --weeks; every session lies in the window, completed and scored")
    func counts() throws {
        let (database, summary) = try demoStore(reps: 20, weeks: 10)
        let plan = DemoPlan.make(DemoOptions(reps: 20, weeks: 10, seed: 1, now: fixedNow), quizQuestionIDs: [],
                                 takenPeople: [], takenTeams: [])
        try database.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE role = 'rep'") == 20)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE role = 'manager'") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE role = 'hr'") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM team") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM session") == summary.sessions)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM answer") == summary.answers)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM goal") == summary.goals)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM session WHERE state != 'completed'") == 0)
            let first = try Date.fetchOne(db, sql: "SELECT min(started_at) FROM session")!
            let last = try Date.fetchOne(db, sql: "SELECT max(completed_at) FROM session")!
            #expect(first >= plan.mondays[0])
            #expect(last < plan.mondays[9].addingTimeInterval(7 * 86_400))
            #expect(last < fixedNow)
            // Weekly WHO-5 at most once per rep and week.
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT subject_id, period_key FROM session WHERE survey_id = 'who-5'
                GROUP BY 1, 2 HAVING count(*) > 1)
                """) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(DISTINCT period_key) FROM session WHERE survey_id = 'who-5'") == 10)
        }
        #expect(summary.people == 24)
    }

    @Test("a store with people is refused; --force adds alongside and changes nothing existing")
    func refusal() throws {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Sofia Weber", role: .hr, team: nil, manager: nil, by: nil)
        try database.addPerson(name: "North", role: .manager, team: "North", manager: nil, by: "Sofia Weber")
        let builder = try DemoBuilder(database: database, options: DemoOptions(reps: 8, weeks: 4, seed: 1, now: fixedNow))
        #expect(throws: DemoError.storeNotEmpty(people: 2)) { try builder.run(force: false) }
        #expect(try database.peopleCount() == 2)
        let before = try database.people()
        let summary = try builder.run(force: true)
        #expect(try database.peopleCount() == 2 + summary.people)
        #expect(summary.hr != "Sofia Weber", "a taken name is not reused")
        #expect(!summary.teams.contains("North"), "a taken team name is not reused")
        let after = try database.people()
        for person in before { #expect(after.contains(person)) }
    }

    @Test("every generated answer is valid for its question, stored as jsonText writes it, and read back to the same effects")
    func coherence() throws {
        let (database, _) = try demoStore(reps: 10, weeks: 20, coherence: true)
        let stored = try database.read { db in try String.fetchAll(db, sql: "SELECT value FROM answer") }
        for text in stored { #expect(AnswerValue(jsonText: text)?.jsonText == text) }
        // Text that needs escaping (the demo's own phrases need none) is written as jsonText writes it.
        for text in ["plain / slash", "say \"hi\"", "back\\slash", "line\nbreak\ttab\r", "\u{01}\u{1F}", "été ✓", ""] {
            let value = AnswerValue.structured(.object(["note": .string(text), "items": .array([.string(text)])]))
            #expect(DemoJSON.text(.text(text)) == AnswerValue.text(text).jsonText)
            #expect(DemoJSON.text(value) == value.jsonText)
        }
    }

    @Test("the demo stores every score as the session rules compute it: the support alert included, so check finds no difference")
    func scoresByTheOneRule() throws {
        let (database, summary) = try demoStore(reps: 12, weeks: 40)
        #expect(try database.check().first { $0.name == "stored scores match the answers" }?.problem == nil)
        // The burnout persona's low WHO-5 results are stored with the alert the shell would store.
        let poorWithoutAlert = try database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM score sc JOIN session s ON s.id = sc.session_id
                WHERE s.survey_id = 'who-5' AND sc.band IN ('poor', 'low') AND sc.alert = 0
                """) ?? -1
        }
        let poor = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM score WHERE score_id = 'wellbeing' AND band IN ('poor', 'low')") ?? 0
        }
        #expect(summary.personas[.burnout]?.isEmpty == false)
        #expect(poor > 0, "the demo has low WHO-5 results to check")
        #expect(poorWithoutAlert == 0)
    }

    @Test("every passed post-training attempt in the demo leaves its follow-up, as in the shell")
    func trainingFollowUps() throws {
        let (database, _) = try demoStore(reps: 12, weeks: 52)
        let (passedPost, followUps, early) = try database.read { db in
            (try Int.fetchOne(db, sql: """
                SELECT count(*) FROM session s JOIN score sc ON sc.session_id = s.id
                WHERE s.phase = 'post' AND sc.score_id = 'passed' AND sc.value = 1
                """) ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM agenda_item WHERE source = 'training'") ?? -2,
             // A follow-up is discussed only from its day on.
             try Int.fetchOne(db, sql: """
                SELECT count(*) FROM agenda_item a JOIN session m ON m.id = a.discussed_session_id
                WHERE a.source = 'training' AND date(m.completed_at) < a.not_before
                """) ?? -3)
        }
        #expect(passedPost > 0)
        #expect(followUps == passedPost)
        #expect(early == 0)
    }

    @Test("personas show: burnout WHO-5 falls and CBI rises; the new hire's post quiz beats the pre quiz")
    func personas() throws {
        let (database, summary) = try demoStore(reps: 12, weeks: 52)
        let burnout = try #require(summary.personas[.burnout]?.first)
        let who5 = try series(database, person: burnout, survey: "who-5", score: "wellbeing")
        #expect(who5.count > 30)
        let quarter = who5.count / 4
        #expect(mean(who5.prefix(quarter)) - mean(who5.suffix(quarter)) > 20)
        let cbi = try series(database, person: burnout, survey: "cbi", score: "work")
        #expect(mean(cbi.suffix(3)) - mean(cbi.prefix(3)) > 15)
        let motivation = try series(database, person: burnout, survey: "weekly-self-assessment", score: "motivation")
        #expect(mean(motivation.prefix(quarter)) - mean(motivation.suffix(quarter)) > 0.8)

        let newHire = try #require(summary.personas[.newHire]?.first)
        let phases = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.phase, sc.value FROM score sc JOIN session s ON s.id = sc.session_id JOIN person p ON p.id = s.subject_id
                WHERE p.name = ? AND s.survey_id = 'crm-basics' AND sc.score_id = 'percent' ORDER BY s.completed_at
                """, arguments: [newHire]).map { (($0["phase"] as String?) ?? "", ($0["value"] as Double?) ?? -1) }
        }
        #expect(phases.map(\.0) == ["pre", "post"])
        #expect(phases[1].1 - phases[0].1 >= 30)
    }

    @Test("the miskeyed question is answered against its key by the strongest reps")
    func miskeyed() throws {
        let (database, _) = try demoStore(reps: 60, weeks: 30)
        // First attempts: the rest score (total minus the question) against the question's mark.
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, sum(CASE WHEN m.question_id = ? THEN m.mark ELSE 0 END) AS q,
                       sum(CASE WHEN m.question_id != ? THEN m.mark ELSE 0 END) AS rest
                FROM session s JOIN question_mark m ON m.session_id = s.id
                WHERE s.survey_id = 'crm-basics' AND s.phase = 'pre' GROUP BY s.id ORDER BY rest
                """, arguments: [DemoPlan.miskeyedQuestion, DemoPlan.miskeyedQuestion])
                .map { (q: $0["q"] as Double, rest: $0["rest"] as Double) }
        }
        #expect(rows.count >= 40)
        let half = rows.count / 2
        let weak = mean(rows.prefix(half).map(\.q)[...]), strong = mean(rows.suffix(half).map(\.q)[...])
        #expect(strong < weak - 0.3, "strong \(strong) weak \(weak)")
        // Every other question: the strong do better.
        let other = try database.read { db in
            try Double.fetchOne(db, sql: "SELECT avg(mark) FROM question_mark WHERE question_id = 'bant_a'")
        }
        #expect(other ?? 0 > 0.3)
    }

    @Test("the bulk import writes the same effect rows as completeSession, and the same date text as GRDB")
    func bulkMatchesCompleteSession() throws {
        let day = Date(timeIntervalSince1970: 1_790_000_000)
        func setUp() throws -> (AppDatabase, Int64, Int64) {
            let database = try AppDatabase.inMemory()
            try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil, at: day)
            let marco = try database.addPerson(name: "Marco", role: .manager, team: "North", manager: nil, by: "Dana", at: day)
            let ana = try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana", at: day)
            try database.recordSurveyVersion(surveyID: "one-on-one", hash: "h", content: "c", at: day)
            return (database, ana.id!, marco.id!)
        }
        var first = SessionEffects()
        first.newActions = [.init(text: "Call Orbis", owner: "Ana", due: "2026-09-01"),
                            .init(text: "Price list", owner: "marco", due: "2026-09-08")]
        first.newAgendaItems = ["Targets"]
        first.kpiActuals = [.init(kpi: "revenue", actual: 1234.5)]
        var second = SessionEffects()
        second.actionDecisions = [.init(itemID: 1, decision: "done"), .init(itemID: 2, decision: "carry")]
        second.agendaDecisions = [.init(itemID: 1, decision: "discussed", note: "ok")]
        second.kpiActuals = [.init(kpi: "revenue", actual: 2000)]

        let (real, ana, marco) = try setUp()
        for (offset, effects) in [first, second].enumerated() {
            let at = day.addingTimeInterval(Double(offset) * 604_800)
            let id = try real.startSession(surveyID: "one-on-one", surveyHash: "h", kind: "one-on-one",
                                           subjectID: ana, authorID: marco, at: at)
            try real.saveAnswer(sessionID: id, questionID: "mood", valueJSON: #"{"type":"number","value":7}"#,
                                isPrivate: false, position: 0, at: at.addingTimeInterval(20))
            try real.completeSession(id: id, scores: [ScoreRow(scoreID: "mood_score", value: 7)], effects: effects,
                                     at: at.addingTimeInterval(50))
        }
        let (bulk, _, _) = try setUp()
        let imported = try bulk.importSessions([first, second].enumerated().map { offset, effects in
            let at = day.addingTimeInterval(Double(offset) * 604_800)
            return CompletedSessionInput(
                surveyID: "one-on-one", surveyHash: "h", kind: "one-on-one", subjectID: ana, authorID: marco,
                startedAt: at, completedAt: at.addingTimeInterval(50),
                answers: [ImportedAnswer(questionID: "mood", valueJSON: #"{"type":"number","value":7}"#,
                                         isPrivate: false, position: 0, answeredAt: at.addingTimeInterval(20))],
                scores: [ScoreRow(scoreID: "mood_score", value: 7)], effects: effects)
        })
        #expect(imported[0].newActionIDs == [1, 2])
        #expect(imported[0].newAgendaIDs == [1])
        // updated_at differs by design (a real session is touched at each answer); the rest is equal.
        let realRows = try dump(real).filter { !$0.hasPrefix("session ") && !$0.hasPrefix("survey_version") }
        let bulkRows = try dump(bulk).filter { !$0.hasPrefix("session ") && !$0.hasPrefix("survey_version") }
        #expect(realRows == bulkRows, "\(Set(realRows).symmetricDifference(bulkRows).sorted())")

        for seconds in [0.0, 1_790_000_000, 1_795_780_800, 951_782_400, -86_401] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(BulkImporter.storedDate(date) == date.databaseValue)
        }
    }

    @Test("bulk goals and rows bind as GRDB binds them: fractional dates, empty text, months")
    func bulkValuesMatchGRDB() throws {
        let day = Date(timeIntervalSince1970: 1_790_000_000.25)
        func setUp() throws -> (AppDatabase, Int64, Int64) {
            let database = try AppDatabase.inMemory()
            let dana = try database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil, at: day)
            let ana = try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: "Dana", at: day)
            try database.recordSurveyVersion(surveyID: "one-on-one", hash: "h", content: "c", at: day)
            return (database, ana.id!, dana.id!)
        }
        let (real, ana, dana) = try setUp()
        let (bulk, _, _) = try setUp()
        let periods = [Period(year: 2026, month: 3)!, Period(year: 812, month: 11)!]
        for period in periods {
            try real.setGoal(person: "Ana", kpi: "revenue", target: 1500.5, period: period, by: "Dana", at: day)
        }
        try bulk.bulkImport { importer in
            try importer.setGoals(periods.map {
                ImportedGoal(personID: ana, kpi: "revenue", period: $0, target: 1500.5, setByID: dana, setAt: day)
            })
        }
        #expect(try dump(real).filter { $0.hasPrefix("goal ") } == dump(bulk).filter { $0.hasPrefix("goal ") })
        #expect(throws: StoreError.invalidTarget(.infinity)) {
            try bulk.bulkImport { importer in
                try importer.setGoals([ImportedGoal(personID: ana, kpi: "revenue", period: periods[0], target: .infinity,
                                                    setByID: dana, setAt: day)])
            }
        }

        let imported = try bulk.importSessions([CompletedSessionInput(
            surveyID: "one-on-one", surveyHash: "h", kind: "", subjectID: ana, authorID: dana, periodKey: "",
            startedAt: day, completedAt: day.addingTimeInterval(50),
            answers: [ImportedAnswer(questionID: "notes", valueJSON: "", isPrivate: true, position: 0, answeredAt: day)],
            scores: [ScoreRow(scoreID: "", value: nil)])])
        let row = try #require(try bulk.read { db in
            try Row.fetchOne(db, sql: """
                SELECT s.kind, s.period_key, s.started_at, a.value, a.answered_at, sc.score_id, sc.value AS score
                FROM session s JOIN answer a ON a.session_id = s.id JOIN score sc ON sc.session_id = s.id WHERE s.id = ?
                """, arguments: [imported[0].id])
        })
        #expect(row["kind"] as String? == "")
        #expect(row["period_key"] as String? == "")
        #expect(row["value"] as String? == "")
        #expect(row["score_id"] as String? == "")
        #expect(row["score"] as Double? == nil)
        #expect(row["started_at"] as DatabaseValue == day.databaseValue)
        #expect(row["answered_at"] as DatabaseValue == day.databaseValue)
    }
}
