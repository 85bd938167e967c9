import CoachCore
import CoachOrgStore
import CoachScoring
import CoachSessions
import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// Guided sessions on the organisation store, each person connected as their own login: the
/// same session service as on the local store, the same stored results, and the rules against
/// two machines writing one session.
@Suite("sessions on the organisation store")
struct ServerSessionTests {
    static let day = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00Z")!
    /// WHO-5 answers that put the score in the band that calls for support.
    static let lowWellbeing = ["3", "3", "2", "2", "2"]

    private func store(_ fixture: OrgFixture, _ person: String) throws -> OrgDatabase {
        try OrgDatabase(connection: try fixture.connect(person))
    }

    /// A local store with the fixture's people, for comparing what both engines store.
    private func localStore() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try database.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil, at: Self.day)
        try database.addPerson(name: "Mara", role: .manager, team: "North", manager: nil, by: "Hana", at: Self.day)
        try database.addPerson(name: "Rhea", role: .rep, team: "North", manager: "Mara", by: "Hana", at: Self.day)
        return database
    }

    private func completeWHO5(_ database: any SharedStore, as person: String) throws -> (id: Int64, completed: CompletedSession) {
        let service = SessionService(database: database, clock: .fixed(Self.day))
        let ready = try service.start(try BundledFixtures.survey("who-5"), authorName: person, subjectName: nil)
        let conversation = ScriptedConversation(Self.lowWellbeing)
        guard case let .completed(completed) = try service.run(ready, conversation: conversation) else {
            throw StoreError.database("the check-in did not complete: \(conversation.transcript)")
        }
        return (ready.sessionID, completed)
    }

    @Test("a rep's check-in stores the same answers and scores on both engines, read back through the policies")
    func checkInOnBothEngines() throws {
        let fixture = try OrgFixture(seeded: false)
        let server = try completeWHO5(try store(fixture, "rhea"), as: "Rhea")
        let local = try localStore()
        let localDone = try completeWHO5(local, as: "Rhea")
        let rhea = try store(fixture, "rhea")
        func comparable(_ scores: [Score]) -> [String] {
            scores.map { "\($0.scoreID) \($0.value.map { String($0) } ?? "-") \($0.band ?? "-") \($0.alert)" }
        }
        let serverScores = try rhea.scores(sessionID: server.id)
        #expect(!serverScores.isEmpty)
        #expect(comparable(serverScores) == comparable(try local.scores(sessionID: localDone.id)))
        #expect(try rhea.answers(sessionID: server.id).map(\.value) == (try local.answers(sessionID: localDone.id).map(\.value)))
        #expect(try rhea.session(id: server.id)?.state == .completed)
        #expect(try rhea.scorePoints(viewer: "Rhea", subject: "Rhea", since: nil).map(\.sessionID) == [server.id])
        // Her manager sees nothing of it (Rhea does not share), and not even that the session exists.
        let mara = try store(fixture, "mara")
        #expect(try mara.session(id: server.id) == nil)
        #expect(try mara.answers(sessionID: server.id).isEmpty)
        #expect(try mara.scorePoints(viewer: "Mara", subject: "Rhea", since: nil).isEmpty)
        #expect(try mara.timeline(viewer: "Mara", subject: "Rhea").isEmpty)
        #expect(try rhea.timeline(viewer: "Rhea", subject: "Rhea").map(\.survey) == ["who-5"])
        #expect(try rhea.lastCompletions(of: "Rhea").keys.sorted() == ["who-5"])
    }

    @Test("each answer is committed before the next question: a connection that dies keeps every answer given")
    func answersCommittedAsGiven() throws {
        let fixture = try OrgFixture(seeded: false)
        let first = try store(fixture, "rhea")
        let service = SessionService(database: first, clock: .fixed(Self.day))
        let ready = try service.start(try BundledFixtures.survey("who-5"), authorName: "Rhea", subjectName: nil)
        for (position, value) in [3, 4].enumerated() {
            try first.saveAnswer(sessionID: ready.sessionID, questionID: ready.survey.questions[position].id,
                                 valueJSON: AnswerValue.choice(.number(Double(value))).jsonText!, isPrivate: false,
                                 position: position, at: Self.day)
        }
        first.connection.close()  // as a crash or a dropped network ends the server's process
        let second = try store(fixture, "rhea")
        #expect(try second.answers(sessionID: ready.sessionID).count == 2)
        // The session is free again: resume finds it and continues at the third question.
        let resumed = try SessionService(database: second, clock: .fixed(Self.day)).resume(authorID: try second.me().id!)
        #expect(resumed.sessionID == ready.sessionID)
        #expect(resumed.previous.count == 2)
    }

    @Test("a session open on one machine is refused on another until that coach lets go of it")
    func oneConnectionHoldsASession() throws {
        let fixture = try OrgFixture(seeded: false)
        let laptop = try store(fixture, "rhea"), desktop = try store(fixture, "rhea")
        let ready = try SessionService(database: laptop, clock: .fixed(Self.day))
            .start(try BundledFixtures.survey("who-5"), authorName: "Rhea", subjectName: nil)
        #expect {
            try desktop.saveAnswer(sessionID: ready.sessionID, questionID: "q1", valueJSON: "{}", isPrivate: false,
                                   position: 0, at: Self.day)
        } throws: { error in
            guard case let .sessionTaken(id, by)? = error as? StoreError else { return false }
            return id == ready.sessionID && by.contains("another coach connected as \(fixture.logins["rhea"]!)")
        }
        #expect(throws: StoreError.self) { try desktop.resumableSession(authorID: try desktop.me().id!) }
        // Starting the same check-in again on the desktop meets the open one, held elsewhere.
        #expect {
            _ = try SessionService(database: desktop, clock: .fixed(Self.day))
                .start(try BundledFixtures.survey("who-5"), authorName: "Rhea", subjectName: nil)
        } throws: { error in
            guard case let .sessionOpen(_, _, claimedBy)? = error as? StoreError else { return false }
            return claimedBy != nil
        }
        // Paused on the laptop, it is the desktop's to resume.
        try laptop.pauseSession(id: ready.sessionID, at: Self.day)
        #expect(try desktop.resumableSession(authorID: try desktop.me().id!)?.id == ready.sessionID)
        try desktop.claimSession(id: ready.sessionID, at: Self.day)
        #expect(throws: StoreError.self) {
            try laptop.saveAnswer(sessionID: ready.sessionID, questionID: "q1", valueJSON: "{}", isPrivate: false,
                                  position: 0, at: Self.day)
        }
    }

    @Test("a one-on-one's decisions, new action items and KPI actuals are stored as its manager completes it")
    func oneOnOneEffects() throws {
        let fixture = try OrgFixture()
        let mara = try store(fixture, "mara")
        let survey = try BundledFixtures.survey("one-on-one")
        let people = try mara.sessionSubject(kind: .oneOnOne, authorName: "Mara", subjectName: "Rob")
        let robID = try #require(people.subject.id)
        let seeded = try #require(try mara.openActionItems(subjectID: robID).first)
        try mara.recordSurveyVersion(surveyID: survey.id, hash: survey.contentHash, content: "one-on-one", at: Self.day)
        let id = try mara.startSession(surveyID: survey.id, surveyHash: survey.contentHash, kind: "one-on-one", subjectID: robID,
                                       authorID: try #require(people.author.id), phase: nil, periodKey: nil, supersedes: nil,
                                       amendingDone: false, quizLayout: nil, attemptLimit: nil, draft: false, at: Self.day)
        var effects = SessionEffects()
        effects.actionDecisions = [.init(itemID: seeded.id, decision: "done")]
        effects.kpiActuals = [.init(kpi: "revenue", actual: 120)]
        effects.newActions = [.init(text: "Call ACME back", owner: "Rob", due: "2026-12-09")]
        try mara.completeSession(id: id, scored: ScoredSession(survey: survey, answers: [:]), effects: effects, at: Self.day)

        let rob = try store(fixture, "rob")
        #expect(try rob.actionItems(viewer: "Rob", subject: "Rob", openOnly: true).map(\.text) == ["Call ACME back"])
        #expect(try rob.actionItems(viewer: "Rob", subject: "Rob", openOnly: false).first { $0.id == seeded.id }?.status == "done")
        #expect(try rob.kpiActuals(personID: robID, period: Period(containing: Self.day)) == ["revenue": 120])
        #expect(try rob.timeline(viewer: "Rob", subject: "Rob").contains { $0.sessionKind == "one-on-one" })
        // Another team's manager runs no one-on-one with Rob, and sees none of it.
        let mo = try store(fixture, "mo")
        #expect(throws: StoreError.self) { try mo.sessionSubject(kind: .oneOnOne, authorName: "Mo", subjectName: "Rob") }
        #expect(try mo.session(id: id) == nil)
        #expect(try mara.lastOneOnOnes(managerName: "Mara").first { $0.rep == "Rob" }?.last == Self.day)
    }

    @Test("a quiz keeps one open attempt per person and its attempt limit, across machines")
    func quizRules() throws {
        let fixture = try OrgFixture(seeded: false)
        let laptop = try store(fixture, "rob"), desktop = try store(fixture, "rob")
        let robID = try laptop.me().id!
        func start(_ database: OrgDatabase) throws -> Int64 {
            try database.recordSurveyVersion(surveyID: "crm", hash: "crm-1", content: "quiz", at: Self.day)
            return try database.startSession(surveyID: "crm", surveyHash: "crm-1", kind: "quiz", subjectID: robID, authorID: robID,
                                             phase: .pre, periodKey: nil, supersedes: nil, amendingDone: false, quizLayout: nil,
                                             attemptLimit: 1, draft: false, at: Self.day)
        }
        let first = try start(laptop)
        #expect(throws: StoreError.self) { _ = try start(desktop) }
        try laptop.completeSession(id: first, scored: ScoredSession(survey: try BundledFixtures.survey("who-5"), answers: [:]), effects: SessionEffects(), at: Self.day)
        #expect {
            _ = try start(desktop)
        } throws: { error in
            guard case .attemptLimitReached(_, 1)? = error as? StoreError else { return false }
            return true
        }
    }
}

/// Reliable change needs each score's reliability over the whole organisation: on the
/// organisation store it comes from `coach.reliability`, which returns only the figures, and
/// they are the local store's.
@Suite("reliabilities on the organisation store")
struct ServerReliabilityTests {
    static let day = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00Z")!

    @Test("the same 32 check-ins give the same alpha, SD and respondents on both engines, each score of a survey in one call; fewer than 30 give none")
    func sameFiguresAsTheLocalStore() throws {
        let fixture = try OrgFixture(seeded: false)
        let local = try AppDatabase.inMemory()
        try local.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil, at: Self.day)
        let who5 = try BundledFixtures.survey("who-5"), cbi = try BundledFixtures.survey("cbi")
        var random = SeededRandom(seed: 32)
        var last: OrgDatabase?
        for index in 1...32 {
            let name = "Rep\(index)"
            let login = TestPostgres.uniqueLogin("rep\(index)")
            try fixture.admin.query("""
                SELECT coach.insert_person(\(name), \(NameKey.key(for: name)), 'rep', NULL, NULL, NULL, \(login),
                                           \(ScramVerifier.verifier(for: "unused")))
                """)
            try local.addPerson(name: name, role: .rep, team: nil, manager: nil, by: "Hana", at: Self.day)
            let wellbeing = (0..<5).map { _ in String(Int.random(in: 1...5, using: &random)) }
            let burnout = (0..<19).map { _ in String(25 * Int.random(in: 0...4, using: &random)) }
            let server = try OrgDatabase(connection: try ServerConnection.open(fixture.server.socket(login: login, database: fixture.database)))
            for database in [server as any SharedStore, local] {
                let service = SessionService(database: database, clock: .fixed(Self.day))
                for (survey, answers) in [(who5, wellbeing), (cbi, burnout)] {
                    let ready = try service.start(survey, authorName: name, subjectName: nil)
                    _ = try service.run(ready, conversation: ScriptedConversation(answers))
                }
            }
            if index == 29 {
                #expect(try server.reliabilities(of: who5, now: Self.day).isEmpty, "29 respondents: too few")
                #expect(try server.reliabilities(ofVersion: who5.contentHash, now: Self.day).isEmpty, "kept as too few")
                try fixture.admin.query("DELETE FROM coach.score_reliability")  // kept a day: as if the day had passed
            }
            last?.connection.close()
            last = server
        }
        for survey in [who5, cbi] {
            let onServer = try #require(last).reliabilities(of: survey, now: Self.day)
            let onFile = try local.reliabilities(of: survey, now: Self.day)
            #expect(Set(onServer.keys) == Set(survey.scores.filter { $0.items.count >= 2 }.map(\.id)))
            #expect(Set(onServer.keys) == Set(onFile.keys))
            for (score, file) in onFile {
                let server = try #require(onServer[score])
                #expect(server.respondents == 32 && file.respondents == 32, "\(score)")
                #expect(abs(server.alpha - file.alpha) < 1e-9, "\(score): \(server.alpha) vs \(file.alpha)")
                #expect(abs(server.standardDeviation - file.standardDeviation) < 1e-9, "\(score)")
            }
            // Another coach asks by version only: the kept figures, without reading the survey.
            let other = try OrgDatabase(connection: try fixture.connect("mara"))
            defer { other.connection.close() }
            let kept = try other.reliabilities(ofVersion: survey.contentHash, now: Self.day)
            #expect(kept.mapValues(\.alpha) == onServer.mapValues(\.alpha))
            #expect(kept.mapValues(\.respondents) == onServer.mapValues(\.respondents))
        }
    }
}
