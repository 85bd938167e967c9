import CoachCore
import Foundation
import GRDB

/// The team retrospective on a local store. A team's members (`person.team_id`) and its manager
/// (`team.manager_id`) see its retros; only the manager runs one. Anonymous items keep no author,
/// a random id and only the day they were added.
extension AppDatabase: RetroStore {
    public func openRetro(team: String, viewer: String) throws -> RetroSummary? {
        try read { db in
            let team = try Self.retroTeam(team, db)
            try RetroRules.checkViewer(try Self.existingPerson(viewer, db), team: team)
            return try Row.fetchOne(db, sql: Self.retroSQL + " WHERE r.team_id = ? AND r.closed_at IS NULL",
                                    arguments: [team.id]).map(Self.retroSummary)
        }
    }

    public func retros(team: String, viewer: String) throws -> [RetroSummary] {
        try read { db in
            let team = try Self.retroTeam(team, db)
            try RetroRules.checkViewer(try Self.existingPerson(viewer, db), team: team)
            return try Row.fetchAll(db, sql: Self.retroSQL + " WHERE r.team_id = ? ORDER BY r.opened_at DESC, r.id DESC",
                                    arguments: [team.id]).map(Self.retroSummary)
        }
    }

    public func startRetro(team: String, by manager: String, surveyHash: String?, votesPerPerson: Int, at now: Date) throws
        -> RetroSummary {
        try RetroRules.checkVotesPerPerson(votesPerPerson)
        return try write { db in
            let team = try Self.retroTeam(team, db)
            let actor = try Self.actor(manager, db)
            try RetroRules.checkManager(actor, team: team)
            if let open = try Int64.fetchOne(db, sql: "SELECT id FROM retro WHERE team_id = ? AND closed_at IS NULL",
                                             arguments: [team.id]) {
                throw StoreError.retroAlreadyOpen(team: team.name, id: open)
            }
            try db.execute(sql: """
                INSERT INTO retro (team_id, manager_id, survey_hash, opened_at, stage, votes_per_person)
                VALUES (?, ?, ?, ?, 'gathering', ?)
                """, arguments: [team.id, actor.id, surveyHash, now, votesPerPerson])
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE retro_item SET retro_id = ? WHERE team_id = ? AND retro_id IS NULL",
                           arguments: [id, team.id])
            return try Self.retroSummary(id: id, db)
        }
    }

    @discardableResult
    public func addRetroItem(team: String?, list: String?, text: String, anonymous: Bool, customerFeedback: CustomerFeedbackKind?,
                             by person: String, at now: Date) throws -> RetroItem {
        let text = try RetroRules.validatedText(text)
        let list = try RetroRules.validatedList(list)
        return try write { db in
            let adder = try Self.actor(person, db)
            let target: RetroTeam
            if let name = team {
                target = try Self.retroTeam(name, db)
            } else if let own = adder.teamID, let found = try Self.retroTeam(id: own, db) {
                target = found
            } else {
                throw StoreError.notAllowed("\(adder.name) is in no team; a retro item is added to a team with --team TEAM")
            }
            try RetroRules.checkAdder(adder, team: target, anonymous: anonymous,
                                      anonymousAllowed: try Self.orgSettings(db).retroAnonymous)
            let retroID = try Int64.fetchOne(db, sql: """
                SELECT id FROM retro WHERE team_id = ? AND closed_at IS NULL AND stage = 'gathering'
                """, arguments: [target.id])
            var id = RetroRules.randomItemID()
            while try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM retro_item WHERE id = ?)", arguments: [id]) == true {
                id = RetroRules.randomItemID()
            }
            let day = DateAnswer.iso(now)
            let authorID = anonymous ? nil : adder.id
            try db.execute(sql: """
                INSERT INTO retro_item (id, team_id, retro_id, list, text, author_id, added_on) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, target.id, retroID, list, text, authorID, day])
            if let customerFeedback {
                try db.execute(sql: """
                    INSERT INTO customer_feedback (source, retro_item_id, team_id, person_id, kind, text, heard_on)
                    VALUES ('retro', ?, ?, NULL, ?, ?, ?)
                    """, arguments: [id, target.id, customerFeedback.rawValue, text, day])
            }
            return RetroItem(id: id, list: list, text: text, author: anonymous ? nil : adder.name, addedOn: day, topic: nil)
        }
    }

    public func retroBoard(id: Int64, viewer: String) throws -> RetroBoard {
        try read { db in
            let retro = try Self.retroFacts(id, db)
            try RetroRules.checkViewer(try Self.existingPerson(viewer, db), team: retro.team, retro: id)
            let items = try Row.fetchAll(db, sql: """
                SELECT i.id, i.list, i.text, p.name AS author, i.added_on, i.topic
                FROM retro_item i LEFT JOIN person p ON p.id = i.author_id
                WHERE i.retro_id = ?
                ORDER BY i.list IS NOT NULL, i.list, lower(i.text), i.text, i.id
                """, arguments: [id]).map { row in
                RetroItem(id: row["id"], list: row["list"], text: row["text"], author: row["author"], addedOn: row["added_on"],
                          topic: row["topic"])
            }
            let topics = try Row.fetchAll(db, sql: "SELECT number, title, votes FROM retro_topic WHERE retro_id = ? ORDER BY number",
                                          arguments: [id]).map { RetroTopic(number: $0["number"], title: $0["title"], votes: $0["votes"]) }
            let actions = try Row.fetchAll(db, sql: Self.actionItemSQL + " WHERE a.retro_id = ? ORDER BY a.created_at, a.id",
                                           arguments: [id]).map(Self.actionItemView)
            return RetroBoard(retro: try Self.retroSummary(id: id, db), items: items, topics: topics, actions: actions)
        }
    }

    public func setRetroStage(id: Int64, to stage: RetroStage, by manager: String, at now: Date) throws {
        try write { db in
            let retro = try Self.retroFacts(id, db)
            try RetroRules.checkManager(try Self.actor(manager, db), team: retro.team, retro: id)
            try RetroRules.checkMove(from: retro.stage, to: stage, retro: id)
            if retro.stage < .actions && stage >= .actions {
                try db.execute(sql: """
                    UPDATE retro_topic SET votes = (SELECT coalesce(sum(v.votes), 0) FROM retro_vote v
                                                    WHERE v.retro_id = retro_topic.retro_id AND v.topic = retro_topic.number)
                    WHERE retro_id = ?
                    """, arguments: [id])
            }
            try db.execute(sql: "UPDATE retro SET stage = ?, closed_at = ? WHERE id = ?",
                           arguments: [stage.rawValue, stage == .closed ? now : nil, id])
        }
    }

    @discardableResult
    public func groupRetroItems(retro id: Int64, items: [Int64], title: String, by manager: String) throws -> RetroTopic {
        let title = try RetroRules.validatedText(title, what: "a topic title")
        return try write { db in
            let retro = try Self.retroFacts(id, db)
            try RetroRules.checkManager(try Self.actor(manager, db), team: retro.team, retro: id)
            try RetroRules.checkStage(retro.stage, is: .grouping, retro: id, for: "items are grouped")
            guard !items.isEmpty else { throw StoreError.invalidText("a topic needs at least one item") }
            let known = Set(try Int64.fetchAll(db, sql: "SELECT id FROM retro_item WHERE retro_id = ?", arguments: [id]))
            if let stranger = items.first(where: { !known.contains($0) }) {
                throw StoreError.invalidText("item \(stranger) is not an item of retro #\(id)")
            }
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM retro_topic WHERE retro_id = ?", arguments: [id]) ?? 0) + 1
            try db.execute(sql: "INSERT INTO retro_topic (retro_id, number, title) VALUES (?, ?, ?)", arguments: [id, number, title])
            for item in Set(items) {
                try db.execute(sql: "UPDATE retro_item SET topic = ? WHERE id = ? AND retro_id = ?", arguments: [number, item, id])
            }
            return RetroTopic(number: number, title: title, votes: nil)
        }
    }

    public func castVotes(retro id: Int64, voter: String, topics: [Int], by actor: String) throws {
        try write { db in
            let retro = try Self.retroFacts(id, db)
            let actor = try Self.actor(actor, db)
            try RetroRules.checkViewer(actor, team: retro.team, retro: id)
            let voter = try Self.existingPerson(voter, db)
            try RetroRules.checkVoter(voter, actor: actor, team: retro.team)
            try RetroRules.checkStage(retro.stage, is: .voting, retro: id, for: "votes are cast")
            let numbers = Set(try Int.fetchAll(db, sql: "SELECT number FROM retro_topic WHERE retro_id = ?", arguments: [id]))
            try RetroRules.checkVotes(topics, allowed: retro.votesPerPerson, topicNumbers: numbers)
            try db.execute(sql: "DELETE FROM retro_vote WHERE retro_id = ? AND voter_id = ?", arguments: [id, voter.id])
            for (topic, count) in Dictionary(topics.map { ($0, 1) }, uniquingKeysWith: +) {
                try db.execute(sql: "INSERT INTO retro_vote (retro_id, voter_id, topic, votes) VALUES (?, ?, ?, ?)",
                               arguments: [id, voter.id, topic, count])
            }
        }
    }

    public func voteTally(retro id: Int64, viewer: String) throws -> [Int: Int] {
        try read { db in
            let retro = try Self.retroFacts(id, db)
            try RetroRules.checkManager(try Self.existingPerson(viewer, db), team: retro.team, retro: id, what: "sees the votes so far")
            var tally: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT topic, sum(votes) FROM retro_vote WHERE retro_id = ? GROUP BY topic",
                                        arguments: [id]) {
                tally[row[0]] = row[1]
            }
            return tally
        }
    }

    public func voters(retro id: Int64, viewer: String) throws -> [String] {
        try read { db in
            let retro = try Self.retroFacts(id, db)
            try RetroRules.checkManager(try Self.existingPerson(viewer, db), team: retro.team, retro: id, what: "sees who voted")
            return try String.fetchAll(db, sql: """
                SELECT DISTINCT p.name FROM retro_vote v JOIN person p ON p.id = v.voter_id WHERE v.retro_id = ?
                ORDER BY p.name COLLATE NOCASE
                """, arguments: [id])
        }
    }

    @discardableResult
    public func addRetroAction(retro id: Int64, text: String, owner: String, due: String?, by manager: String, at now: Date) throws
        -> ActionItemView {
        let text = try ItemRules.validatedActionText(text)
        let due = try due.map(ItemRules.validatedDue)
        return try write { db in
            let retro = try Self.retroFacts(id, db)
            try RetroRules.checkManager(try Self.actor(manager, db), team: retro.team, retro: id)
            guard retro.stage != .closed else {
                throw StoreError.retroStage("retro #\(id) is closed; its actions were agreed while it was open")
            }
            let owner = try Self.existingPerson(owner, db)
            try RetroRules.checkOwner(owner, team: retro.team)
            try db.execute(sql: """
                INSERT INTO action_item (subject_id, owner_id, text, due, status, created_at, retro_id)
                VALUES (?, ?, ?, ?, 'open', ?, ?)
                """, arguments: [owner.id, owner.id, text, due, now, id])
            guard let row = try Row.fetchOne(db, sql: Self.actionItemSQL + " WHERE a.id = ?", arguments: [db.lastInsertedRowID])
            else { throw StoreError.database("the action item was not stored") }
            return Self.actionItemView(row)
        }
    }

    public func retroActionsToReview(team: String, viewer: String) throws -> [ActionItemView] {
        try read { db in
            let team = try Self.retroTeam(team, db)
            try RetroRules.checkViewer(try Self.existingPerson(viewer, db), team: team)
            return try Row.fetchAll(db, sql: Self.actionItemSQL + """
                 WHERE a.status = 'open'
                  AND a.retro_id IN (SELECT id FROM retro WHERE team_id = ? AND closed_at IS NOT NULL)
                ORDER BY a.created_at, a.id
                """, arguments: [team.id]).map(Self.actionItemView)
        }
    }

    public func reviewRetroAction(id: Int64, decision: RetroActionDecision, by manager: String, at now: Date) throws {
        try write { db in
            let actor = try Self.actor(manager, db)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.status, r.team_id FROM action_item a JOIN retro r ON r.id = a.retro_id WHERE a.id = ?
                """, arguments: [id]), let team = try Self.retroTeam(id: row["team_id"], db) else {
                throw StoreError.unknownActionItem(id)
            }
            // An item of another team's retro is, to an outsider, no item at all (as on the server).
            guard team.takesPart(actor) else { throw StoreError.unknownActionItem(id) }
            try RetroRules.checkManager(actor, team: team, what: "reviews its retro's actions")
            guard (row["status"] as String) == "open" else { throw StoreError.actionItemClosed(id, status: row["status"]) }
            switch decision {
            case .done:
                try db.execute(sql: "UPDATE action_item SET status = 'done', closed_at = ? WHERE id = ?", arguments: [now, id])
            case .drop:
                try db.execute(sql: "UPDATE action_item SET status = 'dropped', closed_at = ? WHERE id = ?", arguments: [now, id])
            case .carry:
                try db.execute(sql: "UPDATE action_item SET carried_count = carried_count + 1 WHERE id = ?", arguments: [id])
            }
        }
    }
}

// MARK: - Who may, and the rows behind it

extension AppDatabase {
    /// A retro's team and where it is.
    struct RetroFacts {
        var team: RetroTeam
        var stage: RetroStage
        var votesPerPerson: Int
    }

    /// The team named `name` in any case, or `unknownTeam` with the closest name.
    static func retroTeam(_ name: String, _ db: Database) throws -> RetroTeam {
        let name = NameKey.normalized(name.trimmingCharacters(in: .whitespacesAndNewlines))
        let teams = try Row.fetchAll(db, sql: "SELECT id, name, manager_id FROM team")
        guard let row = teams.first(where: { ($0["name"] as String).caseInsensitiveCompare(name) == .orderedSame }) else {
            throw StoreError.unknownTeam(name, suggestion: suggestion(for: name, among: teams.map { $0["name"] }))
        }
        return RetroTeam(id: row["id"], name: row["name"], managerID: row["manager_id"])
    }

    static func retroTeam(id: Int64, _ db: Database) throws -> RetroTeam? {
        try Row.fetchOne(db, sql: "SELECT id, name, manager_id FROM team WHERE id = ?", arguments: [id]).map {
            RetroTeam(id: $0["id"], name: $0["name"], managerID: $0["manager_id"])
        }
    }

    static func retroFacts(_ id: Int64, _ db: Database) throws -> RetroFacts {
        guard let row = try Row.fetchOne(db, sql: "SELECT team_id, stage, votes_per_person FROM retro WHERE id = ?", arguments: [id]),
              let team = try retroTeam(id: row["team_id"], db) else { throw StoreError.unknownRetro(id) }
        return RetroFacts(team: team, stage: RetroStage(rawValue: row["stage"]) ?? .closed, votesPerPerson: row["votes_per_person"])
    }

    static let retroSQL = """
        SELECT r.id, t.name AS team, m.name AS manager, r.opened_at, r.closed_at, r.stage, r.votes_per_person
        FROM retro r JOIN team t ON t.id = r.team_id LEFT JOIN person m ON m.id = r.manager_id
        """

    static func retroSummary(_ row: Row) -> RetroSummary {
        RetroSummary(id: row["id"], team: row["team"], manager: row["manager"], openedAt: row["opened_at"], closedAt: row["closed_at"],
                     stage: RetroStage(rawValue: row["stage"]) ?? .closed, votesPerPerson: row["votes_per_person"])
    }

    static func retroSummary(id: Int64, _ db: Database) throws -> RetroSummary {
        guard let row = try Row.fetchOne(db, sql: retroSQL + " WHERE r.id = ?", arguments: [id]) else { throw StoreError.unknownRetro(id) }
        return retroSummary(row)
    }
}
