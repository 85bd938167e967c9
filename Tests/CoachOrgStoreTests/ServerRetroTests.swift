import CoachCore
@testable import CoachOrgStore
import CoachStore
import CoachTestSupport
import Foundation
import PostgresNIO
import Testing

/// The team retrospective as the database enforces it: each person connects with their own
/// login and reads and writes the retro tables directly, as with psql. North (Mara, Rhea, Rob)
/// sees its retros; HR (Hana), South's manager Mo and South's rep Sam do not.
@Suite("retro on the organisation store")
struct ServerRetroTests {
    let org: OrgFixture
    let now = Date()

    init() throws {
        org = try OrgFixture(seeded: false)
    }

    func store(_ person: String) throws -> OrgDatabase {
        try OrgDatabase(connection: try org.connect(person))
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    func northID() throws -> Int {
        try org.admin.integers("SELECT id::int FROM coach.team WHERE name = 'North'")[0]
    }

    @Test("a whole retro through the organisation store, with the local store's refusals")
    func wholeFlow() throws {
        let mara = try store("mara"), rob = try store("rob"), rhea = try store("rhea"), hana = try store("hana")
        let retro = try mara.startRetro(team: "north", by: "Mara", surveyHash: nil, votesPerPerson: 3, at: now)
        #expect(retro.team == "North" && retro.manager == "Mara" && retro.stage == .gathering)
        #expect(storeError { _ = try mara.startRetro(team: "North", by: "Mara", surveyHash: nil, votesPerPerson: 3, at: now) }
            == .retroAlreadyOpen(team: "North", id: retro.id))
        #expect(refusal { _ = try rob.startRetro(team: "North", by: "Rob", surveyHash: nil, votesPerPerson: 3, at: now) }
            == "not allowed: only North's manager runs its retro")
        let slow = try rob.addRetroItem(team: nil, list: "improve", text: "Slow quotes", anonymous: false, customerFeedback: nil,
                                        by: "Rob", at: now)
        try mara.addRetroItem(team: "North", list: "went_well", text: "Demo day", anonymous: true, customerFeedback: nil,
                              by: "Mara", at: now)
        #expect(refusal { try rhea.addRetroItem(team: nil, list: "improve", text: "Meetings", anonymous: true, customerFeedback: nil,
                                                by: "Rhea", at: now) }?.contains("org set retro-anonymous on") == true)
        try hana.setOrgSetting(.retroAnonymous, to: "on", by: "Hana", at: now)
        let meetings = try rhea.addRetroItem(team: nil, list: "improve", text: "Meetings", anonymous: true, customerFeedback: nil,
                                             by: "Rhea", at: now)
        #expect(meetings.author == nil)
        try mara.setRetroStage(id: retro.id, to: .grouping, by: "Mara", at: now)
        #expect(refusal { try mara.setRetroStage(id: retro.id, to: .gathering, by: "Mara", at: now) }?
            .contains("moves only forward") == true)
        let speed = try mara.groupRetroItems(retro: retro.id, items: [slow.id, meetings.id], title: "Speed", by: "Mara")
        #expect(speed.number == 1)
        #expect(refusal { try mara.groupRetroItems(retro: retro.id, items: [42], title: "Other", by: "Mara") }?
            .contains("not an item of retro") == true)
        try mara.groupRetroItems(retro: retro.id, items: [meetings.id], title: "Meetings", by: "Mara")
        try mara.setRetroStage(id: retro.id, to: .voting, by: "Mara", at: now)
        try rob.castVotes(retro: retro.id, voter: "Rob", topics: [1, 1, 2], by: "Rob")
        #expect(refusal { try rob.castVotes(retro: retro.id, voter: "Rob", topics: [1, 1, 1, 2], by: "Rob") }?
            .contains("3 votes") == true)
        #expect(refusal { try rob.castVotes(retro: retro.id, voter: "Rhea", topics: [1], by: "Rob") }?
            .contains("own votes") == true)
        try mara.castVotes(retro: retro.id, voter: "Rhea", topics: [2], by: "Mara")
        #expect(try mara.voteTally(retro: retro.id, viewer: "Mara") == [1: 2, 2: 2])
        #expect(try mara.voters(retro: retro.id, viewer: "Mara") == ["Rhea", "Rob"])
        #expect(refusal { _ = try rob.voteTally(retro: retro.id, viewer: "Rob") }?.contains("manager") == true)
        try mara.setRetroStage(id: retro.id, to: .actions, by: "Mara", at: now)
        let action = try mara.addRetroAction(retro: retro.id, text: "Quote template", owner: "Rob", due: "2026-12-31", by: "Mara",
                                             at: now)
        #expect(action.owner == "Rob" && action.subject == "Rob")
        #expect(refusal { try mara.addRetroAction(retro: retro.id, text: "x", owner: "Sam", due: nil, by: "Mara", at: now) }?
            .contains("Sam is neither") == true)
        let board = try rhea.retroBoard(id: retro.id, viewer: "Rhea")
        #expect(board.items.map(\.text) == ["Meetings", "Slow quotes", "Demo day"])
        #expect(board.items.map(\.author) == [nil, "Rob", nil])
        #expect(board.items.map(\.topic) == [2, 1, nil])
        #expect(board.topics.map(\.votes) == [2, 2])
        #expect(board.actions.map(\.text) == ["Quote template"])
        #expect(try rhea.retroActionsToReview(team: "North", viewer: "Rhea").isEmpty)
        try mara.setRetroStage(id: retro.id, to: .closed, by: "Mara", at: now)
        #expect(try rob.openRetro(team: "North", viewer: "Rob") == nil)
        let review = try rhea.retroActionsToReview(team: "North", viewer: "Rhea")
        #expect(review.map(\.text) == ["Quote template"])
        try mara.reviewRetroAction(id: review[0].id, decision: .carry, by: "Mara", at: now)
        #expect(try mara.retroActionsToReview(team: "North", viewer: "Mara").first?.carried == 1)
        try mara.reviewRetroAction(id: review[0].id, decision: .done, by: "Mara", at: now)
        #expect(try mara.retroActionsToReview(team: "North", viewer: "Mara").isEmpty)

        let sam = try store("sam"), mo = try store("mo")
        #expect(storeError { _ = try sam.retroBoard(id: retro.id, viewer: "Sam") } == .unknownRetro(retro.id))
        #expect(storeError { _ = try hana.retroBoard(id: retro.id, viewer: "Hana") } == .unknownRetro(retro.id))
        #expect(refusal { _ = try mo.retros(team: "North", viewer: "Mo") }?.contains("members and its manager") == true)
        #expect(refusal { try sam.addRetroItem(team: "North", list: nil, text: "x", anonymous: false, customerFeedback: nil,
                                               by: "Sam", at: now) }?.contains("Sam is not in North") == true)
    }

    @Test("the team and its manager read its retros, topics, items and actions; HR and other teams read none")
    func whoReads() throws {
        let mara = try store("mara"), rob = try store("rob")
        try rob.addRetroItem(team: nil, list: nil, text: "Waiting", anonymous: false, customerFeedback: nil, by: "Rob", at: now)
        let retro = try mara.startRetro(team: "North", by: "Mara", surveyHash: nil, votesPerPerson: 3, at: now)
        try mara.setRetroStage(id: retro.id, to: .actions, by: "Mara", at: now)
        try mara.addRetroAction(retro: retro.id, text: "Agreed", owner: "Rhea", due: nil, by: "Mara", at: now)
        for person in ["mara", "rhea", "rob", "hana", "mo", "sam"] {
            let connection = try org.connect(person)
            defer { connection.close() }
            let expected = ["mara", "rhea", "rob"].contains(person) ? 1 : 0
            #expect(try connection.integers("SELECT count(*)::int FROM coach.retro") == [expected], "\(person)")
            #expect(try connection.integers("SELECT count(*)::int FROM coach.visible_retro_item WHERE retro_id = \(retro.id)")
                == [expected], "\(person): the waiting item joined the retro")
            #expect(try connection.integers("SELECT count(*)::int FROM coach.action_item WHERE retro_id IS NOT NULL")
                == [expected], "\(person)")
        }
    }

    @Test("writes: only the manager runs the retro; a rep adds items to their own team as themselves, or anonymously when on")
    func whoWrites() throws {
        let north = try northID(), robID = try org.personID("Rob"), rheaID = try org.personID("Rhea")
        let maraID = try org.personID("Mara")
        let rob = try org.connect("rob"), sam = try org.connect("sam"), mo = try org.connect("mo"), hana = try org.connect("hana")
        let mara = try org.connect("mara")
        defer { [rob, sam, mo, hana, mara].forEach { $0.close() } }
        func item(_ id: Int, author: Int?) -> PostgresQuery {
            "INSERT INTO coach.retro_item (id, team_id, text, author_id, added_on) VALUES (\(id), \(north), 'x', \(author), current_date)"
        }
        #expect(throws: (any Error).self, "a rep starts no retro") {
            try rob.query("INSERT INTO coach.retro (team_id, manager_id, opened_at) VALUES (\(north), \(robID), now())")
        }
        #expect(throws: (any Error).self, "another team's manager starts none") {
            try mo.query("INSERT INTO coach.retro (team_id, manager_id, opened_at) VALUES (\(north), \(try org.personID("Mo")), now())")
        }
        try mara.query("INSERT INTO coach.retro (team_id, manager_id, opened_at) VALUES (\(north), \(maraID), now())")
        let retroID = try org.admin.integers("SELECT id::int FROM coach.retro")[0]
        #expect(throws: (any Error).self, "a rep moves no retro") {
            try rob.query("UPDATE coach.retro SET stage = 'grouping' WHERE id = \(retroID)")
        }
        #expect(throws: (any Error).self, "another team") { try sam.query(item(11, author: try org.personID("Sam"))) }
        #expect(throws: (any Error).self, "HR") { try hana.query(item(12, author: try org.personID("Hana"))) }
        #expect(throws: (any Error).self, "author forged") { try rob.query(item(13, author: rheaID)) }
        #expect(throws: (any Error).self, "anonymous while off") { try rob.query(item(14, author: nil)) }
        try rob.query(item(15, author: robID))
        try mara.query(item(16, author: nil))  // typed at the meeting
        try org.admin.query("INSERT INTO coach.org_setting (key, value, updated_at) VALUES ('retro-anonymous', 'on', now())")
        try rob.query(item(17, author: nil))
        #expect(try org.admin.integers("SELECT count(*)::int FROM coach.retro_item WHERE retro_id = \(retroID)") == [3],
                "items join the gathering retro")
        #expect(throws: (any Error).self, "items are read through the view only") {
            try rob.query("UPDATE coach.retro_item SET text = 'changed' WHERE id = 15")
        }
        #expect(throws: (any Error).self) { try rob.query("DELETE FROM coach.retro_item") }
        #expect(throws: (any Error).self, "votes only while voting") {
            try rob.query("INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes) VALUES (\(retroID), \(robID), 1, 1)")
        }
        try mara.query("UPDATE coach.retro SET stage = 'grouping' WHERE id = \(retroID)")
        #expect(throws: (any Error).self, "a rep makes no topic") {
            try rob.query("INSERT INTO coach.retro_topic (retro_id, number, title) VALUES (\(retroID), 1, 'Mine')")
        }
        try mara.query("INSERT INTO coach.retro_topic (retro_id, number, title) VALUES (\(retroID), 1, 'One')")
        #expect(throws: (any Error).self, "a rep groups nothing") {
            try rob.query("SELECT coach.group_retro_items(\(retroID), ARRAY[15]::bigint[], 1)")
        }
        #expect(try mara.integers("SELECT coach.group_retro_items(\(retroID), ARRAY[15, 16]::bigint[], 1)") == [2])
        try mara.query("UPDATE coach.retro SET stage = 'voting' WHERE id = \(retroID)")
        #expect(throws: (any Error).self, "back to grouping") {
            try mara.query("UPDATE coach.retro SET stage = 'grouping' WHERE id = \(retroID)")
        }
        #expect(throws: (any Error).self, "another's votes") {
            try rob.query("INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes) VALUES (\(retroID), \(rheaID), 1, 1)")
        }
        #expect(throws: (any Error).self, "more votes than allowed") {
            try rob.query("INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes) VALUES (\(retroID), \(robID), 1, 4)")
        }
        try rob.query("INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes) VALUES (\(retroID), \(robID), 1, 2)")
        try mara.query("INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes) VALUES (\(retroID), \(rheaID), 1, 3)")
        #expect(throws: (any Error).self, "Sam is not in North") {
            try mo.query("INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes) VALUES (\(retroID), \(try org.personID("Sam")), 1, 1)")
        }
        #expect(try rob.integers("SELECT voter_id::int FROM coach.retro_vote") == [robID], "a rep reads their own votes only")
        #expect(throws: (any Error).self, "a rep adds no retro action, not even about themselves") {
            try rob.query("""
                INSERT INTO coach.action_item (subject_id, owner_id, text, status, created_at, retro_id)
                VALUES (\(robID), \(robID), 'mine', 'open', now(), \(retroID))
                """)
        }
        try mara.query("""
            INSERT INTO coach.action_item (subject_id, owner_id, text, status, created_at, retro_id)
            VALUES (\(rheaID), \(rheaID), 'agreed', 'open', now(), \(retroID))
            """)
    }

    @Test("anonymous holds through the database: no author, no time, and no system columns of the items for any login")
    func anonymousThroughTheDatabase() throws {
        let mara = try store("mara"), hana = try store("hana"), rob = try store("rob")
        try hana.setOrgSetting(.retroAnonymous, to: "on", by: "Hana", at: now)
        _ = try mara.startRetro(team: "North", by: "Mara", surveyHash: nil, votesPerPerson: 3, at: now)
        for text in ["c", "a", "B"] {
            try rob.addRetroItem(team: nil, list: nil, text: text, anonymous: true, customerFeedback: nil, by: "Rob", at: now)
        }
        for person in ["rob", "mara", "rhea"] {
            let connection = try org.connect(person)
            defer { connection.close() }
            for column in ["xmin", "ctid", "xmax", "cmin"] {
                #expect(throws: (any Error).self, "\(person) \(column)") {
                    try connection.query(PostgresQuery(unsafeSQL: "SELECT \(column) FROM coach.retro_item"))
                }
                #expect(throws: (any Error).self, "\(person) \(column) of the view") {
                    try connection.query(PostgresQuery(unsafeSQL: "SELECT \(column) FROM coach.visible_retro_item"))
                }
            }
            #expect(throws: (any Error).self, "\(person) reads no table row") {
                try connection.query("SELECT id FROM coach.retro_item")
            }
            #expect(try connection.texts("SELECT text FROM coach.visible_retro_item") == ["a", "B", "c"], "\(person): not in insertion order")
            #expect(try connection.integers("SELECT count(*)::int FROM coach.visible_retro_item WHERE author_id IS NOT NULL") == [0])
        }
        let ids = try org.admin.query("SELECT id FROM coach.retro_item").map { try $0.decode(Int64.self) }
        #expect(ids.allSatisfy { $0 > 0 && $0 <= 1 << 52 } && Set(ids).count == 3)
        let columns = try org.admin.texts("""
            SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'coach' AND table_name = 'retro_item'
            ORDER BY ordinal_position
            """)
        #expect(columns == ["id", "team_id", "retro_id", "list", "text", "author_id", "added_on", "topic"])
        #expect(try org.admin.texts("""
            SELECT data_type::text FROM information_schema.columns
            WHERE table_schema = 'coach' AND table_name = 'retro_item' AND column_name = 'added_on'
            """) == ["date"])
    }

    @Test("org import carries retros, topics, items (random ids and missing authors kept), votes and retro actions")
    func importCarriesRetros() throws {
        let local = try AppDatabase.inMemory()
        try local.addPerson(name: "Ines", role: .hr, team: nil, manager: nil, by: nil)
        try local.addPerson(name: "Luis", role: .manager, team: "East", manager: nil, by: "Ines")
        try local.addPerson(name: "Vera", role: .rep, team: "East", manager: nil, by: "Ines")
        try local.setOrgSetting(.retroAnonymous, to: "on", by: "Ines")
        let retro = try local.startRetro(team: "East", by: "Luis", surveyHash: nil, votesPerPerson: 3, at: now)
        let named = try local.addRetroItem(team: nil, list: "improve", text: "Named", anonymous: false, customerFeedback: nil,
                                           by: "Vera", at: now)
        let hidden = try local.addRetroItem(team: nil, list: "improve", text: "Hidden", anonymous: true, customerFeedback: nil,
                                            by: "Vera", at: now)
        try local.setRetroStage(id: retro.id, to: .grouping, by: "Luis", at: now)
        try local.groupRetroItems(retro: retro.id, items: [named.id, hidden.id], title: "Both", by: "Luis")
        try local.setRetroStage(id: retro.id, to: .voting, by: "Luis", at: now)
        try local.castVotes(retro: retro.id, voter: "Vera", topics: [1, 1], by: "Vera")
        try local.setRetroStage(id: retro.id, to: .actions, by: "Luis", at: now)
        try local.addRetroAction(retro: retro.id, text: "Fix it", owner: "Vera", due: nil, by: "Luis", at: now)
        try local.setRetroStage(id: retro.id, to: .closed, by: "Luis", at: now)

        _ = try OrgImport.run(from: local, into: org.admin)
        #expect(try org.admin.texts("""
            SELECT t.name || ':' || r.stage || ':' || m.name FROM coach.retro r JOIN coach.team t ON t.id = r.team_id
            JOIN coach.person m ON m.id = r.manager_id
            """) == ["East:closed:Luis"])
        #expect(try org.admin.texts("""
            SELECT i.id::text || ':' || i.text || ':' || coalesce(a.name, '-') || ':' || i.added_on::text || ':' || i.topic::text
            FROM coach.retro_item i LEFT JOIN coach.person a ON a.id = i.author_id ORDER BY i.text
            """) == ["\(hidden.id):Hidden:-:\(DateAnswer.iso(now)):1", "\(named.id):Named:Vera:\(DateAnswer.iso(now)):1"])
        #expect(try org.admin.texts("SELECT title || ':' || votes::text FROM coach.retro_topic") == ["Both:2"])
        #expect(try org.admin.texts("SELECT p.name || ':' || v.votes::text FROM coach.retro_vote v JOIN coach.person p ON p.id = v.voter_id")
            == ["Vera:2"])
        #expect(try org.admin.texts("""
            SELECT a.text FROM coach.action_item a JOIN coach.retro r ON r.id = a.retro_id JOIN coach.team t ON t.id = r.team_id
            WHERE t.name = 'East'
            """) == ["Fix it"])
    }

    /// A database at version 6 is upgraded by `org init`: its rows stay, and action items gain `retro_id`.
    @Test("org init upgrades a version 6 database to version 7 with the retro tables, rows intact")
    func upgradeFromVersionSix() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        defer { admin.close() }
        let hana = TestPostgres.uniqueLogin("hana"), mara = TestPostgres.uniqueLogin("mara")
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: hana), upTo: 6)
        #expect(try OrgSchema.version(admin) == 6)
        try admin.query("""
            SELECT coach.insert_person('Mara', \(NameKey.key(for: "Mara")), 'manager', 'North', \(NameKey.key(for: "North")), NULL,
                                       \(mara), \(ScramVerifier.verifier(for: "unused")))
            """)
        try admin.query("""
            INSERT INTO coach.action_item (subject_id, owner_id, text, status, created_at)
            SELECT id, id, 'Call Acme', 'open', now() FROM coach.person WHERE name = 'Mara'
            """)
        try admin.query("""
            INSERT INTO coach.recognition (giver_id, receiver_id, text)
            SELECT g.id, r.id, 'Thanks' FROM coach.person g, coach.person r WHERE g.name = 'Hana' AND r.name = 'Mara'
            """)
        #expect(try admin.query("SELECT to_regclass('coach.retro') IS NULL").first?.decode(Bool.self) == true)
        _ = try OrgSetup.initialise(admin, firstHR: nil)
        #expect(try OrgSchema.version(admin) == 7)
        #expect(try admin.texts("SELECT text || ':' || coalesce(retro_id::text, '-') FROM coach.action_item") == ["Call Acme:-"])
        #expect(try admin.texts("SELECT text FROM coach.recognition") == ["Thanks"])
        let maraStore = try OrgDatabase(connection: try ServerConnection.open(server.socket(login: mara, database: database)))
        let retro = try maraStore.startRetro(team: "North", by: "Mara", surveyHash: nil, votesPerPerson: 3, at: Date())
        try maraStore.addRetroItem(team: nil, list: nil, text: "First", anonymous: true, customerFeedback: nil, by: "Mara", at: Date())
        #expect(try maraStore.retroBoard(id: retro.id, viewer: "Mara").items.map(\.text) == ["First"])
    }
}

/// Runs `body` expecting it to throw a `StoreError`, and returns that error (nil otherwise).
private func storeError(_ body: () throws -> Void) -> StoreError? {
    do {
        try body()
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        return .database("unexpected error type: \(error)")
    }
}
