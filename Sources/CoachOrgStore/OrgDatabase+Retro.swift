import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// The team retrospective on the organisation store. The policies of `OrgSchema.v7Retro`
/// decide what the login reads and writes (items only through `coach.visible_retro_item`);
/// coach asks first (`RetroRules`) only to say why in the local store's words.
extension OrgDatabase: RetroStore {
    public func openRetro(team: String, viewer: String) throws -> RetroSummary? {
        let team = try retroTeam(team)
        try RetroRules.checkViewer(try me(), team: team)
        return try connection.query("\(unescaped: Self.retroColumns) WHERE r.team_id = \(team.id) AND r.closed_at IS NULL")
            .first.map(Self.retroSummary)
    }

    public func retros(team: String, viewer: String) throws -> [RetroSummary] {
        let team = try retroTeam(team)
        try RetroRules.checkViewer(try me(), team: team)
        return try connection.query("""
            \(unescaped: Self.retroColumns) WHERE r.team_id = \(team.id) ORDER BY r.opened_at DESC, r.id DESC
            """).map(Self.retroSummary)
    }

    public func startRetro(team: String, by manager: String, surveyHash: String?, votesPerPerson: Int, at now: Date) throws
        -> RetroSummary {
        try RetroRules.checkVotesPerPerson(votesPerPerson)
        let team = try retroTeam(team), me = try me()
        try RetroRules.checkManager(me, team: team)
        return try connection.transaction {
            if let open = try connection.query("SELECT id FROM coach.retro WHERE team_id = \(team.id) AND closed_at IS NULL")
                .first?.decode(Int64.self) {
                throw StoreError.retroAlreadyOpen(team: team.name, id: open)
            }
            let rows = try refusalsAsStoreErrors {
                try connection.query("""
                    INSERT INTO coach.retro (team_id, manager_id, survey_hash, opened_at, stage, votes_per_person)
                    VALUES (\(team.id), coach.me(), \(surveyHash), \(now), 'gathering', \(votesPerPerson))
                    RETURNING id
                    """)
            }
            guard let id = try rows.first?.decode(Int64.self) else {
                throw StoreError.notAllowed("the organisation store did not keep the retro")
            }
            return try retroSummary(id: id)
        }
    }

    @discardableResult
    public func addRetroItem(team: String?, list: String?, text: String, anonymous: Bool, customerFeedback: CustomerFeedbackKind?,
                             by person: String, at now: Date) throws -> RetroItem {
        let text = try RetroRules.validatedText(text)
        let list = try RetroRules.validatedList(list)
        let adder = try me()
        let target: RetroTeam
        if let team {
            target = try retroTeam(team)
        } else if let own = adder.teamID, let found = try retroTeam(id: own) {
            target = found
        } else {
            throw StoreError.notAllowed("\(adder.name) is in no team; a retro item is added to a team with --team TEAM")
        }
        try RetroRules.checkAdder(adder, team: target, anonymous: anonymous, anonymousAllowed: try orgSettings().retroAnonymous)
        let day = DateAnswer.iso(now)
        return try connection.transaction {
            var id = RetroRules.randomItemID()
            // The item's id is random; the rare clash with another's is tried again, not reported.
            for attempt in 1...5 {
                do {
                    try connection.query("SAVEPOINT retro_item")
                    try refusalsAsStoreErrors {
                        try connection.query("""
                            INSERT INTO coach.retro_item (id, team_id, list, text, author_id, added_on)
                            VALUES (\(id), \(target.id), \(list), \(text), \(anonymous ? nil : adder.id), \(day)::date)
                            """)
                    }
                    try connection.query("RELEASE SAVEPOINT retro_item")
                    break
                } catch let OrgStoreError.server(_, code) where code == "23505" && attempt < 5 {
                    try connection.query("ROLLBACK TO SAVEPOINT retro_item")
                    id = RetroRules.randomItemID()
                }
            }
            if let customerFeedback {
                try refusalsAsStoreErrors {
                    try connection.query("""
                        INSERT INTO coach.customer_feedback (source, retro_item_id, team_id, person_id, kind, text, heard_on)
                        VALUES ('retro', \(id), \(target.id), NULL, \(customerFeedback.rawValue), \(text), \(day)::date)
                        """)
                }
            }
            return RetroItem(id: id, list: list, text: text, author: anonymous ? nil : adder.name, addedOn: day, topic: nil)
        }
    }

    public func retroBoard(id: Int64, viewer: String) throws -> RetroBoard {
        let retro = try retroSummary(id: id)
        let items = try connection.query("""
            SELECT id, list, text, author, added_on::text, topic FROM coach.visible_retro_item WHERE retro_id = \(id)
            ORDER BY list COLLATE "C" NULLS FIRST, lower(text) COLLATE "C", text COLLATE "C", id
            """).map { row in
            let (id, list, text, author, addedOn, topic) = try row.decode((Int64, String?, String, String?, String, Int?).self)
            return RetroItem(id: id, list: list, text: text, author: author, addedOn: addedOn, topic: topic)
        }
        let topics = try connection.query("""
            SELECT number, title, votes FROM coach.retro_topic WHERE retro_id = \(id) ORDER BY number
            """).map { row in
            let (number, title, votes) = try row.decode((Int, String, Int?).self)
            return RetroTopic(number: number, title: title, votes: votes)
        }
        let actions = try connection.query("""
            \(unescaped: Self.actionColumns) WHERE a.retro_id = \(id) ORDER BY a.created_at, a.id
            """).map(Self.actionItem)
        return RetroBoard(retro: retro, items: items, topics: topics, actions: actions)
    }

    public func setRetroStage(id: Int64, to stage: RetroStage, by manager: String, at now: Date) throws {
        try connection.transaction {
            let retro = try retroFacts(id, lock: true)
            try RetroRules.checkManager(try me(), team: retro.team, retro: id)
            try RetroRules.checkMove(from: retro.stage, to: stage, retro: id)
            try refusalsAsStoreErrors {
                if retro.stage < .actions && stage >= .actions {
                    try connection.query("""
                        UPDATE coach.retro_topic t SET votes = (SELECT coalesce(sum(v.votes), 0)::int FROM coach.retro_vote v
                                                                WHERE v.retro_id = t.retro_id AND v.topic = t.number)
                        WHERE t.retro_id = \(id)
                        """)
                }
                try connection.query("""
                    UPDATE coach.retro SET stage = \(stage.rawValue), closed_at = \(stage == .closed ? now : nil)
                    WHERE id = \(id)
                    """)
            }
        }
    }

    @discardableResult
    public func groupRetroItems(retro id: Int64, items: [Int64], title: String, by manager: String) throws -> RetroTopic {
        let title = try RetroRules.validatedText(title, what: "a topic title")
        return try connection.transaction {
            let retro = try retroFacts(id, lock: true)
            try RetroRules.checkManager(try me(), team: retro.team, retro: id)
            try RetroRules.checkStage(retro.stage, is: .grouping, retro: id, for: "items are grouped")
            guard !items.isEmpty else { throw StoreError.invalidText("a topic needs at least one item") }
            let known = Set(try connection.query("SELECT id FROM coach.visible_retro_item WHERE retro_id = \(id)")
                .map { try $0.decode(Int64.self) })
            if let stranger = items.first(where: { !known.contains($0) }) {
                throw StoreError.invalidText("item \(stranger) is not an item of retro #\(id)")
            }
            let number = (try connection.query("SELECT max(number) FROM coach.retro_topic WHERE retro_id = \(id)")
                .first?.decode(Int?.self) ?? 0) + 1
            try refusalsAsStoreErrors {
                try connection.query("INSERT INTO coach.retro_topic (retro_id, number, title) VALUES (\(id), \(number), \(title))")
                try connection.query("SELECT coach.group_retro_items(\(id), \(Array(Set(items)))::bigint[], \(number)::integer)")
            }
            return RetroTopic(number: number, title: title, votes: nil)
        }
    }

    public func castVotes(retro id: Int64, voter: String, topics: [Int], by actor: String) throws {
        try connection.transaction {
            let retro = try retroFacts(id, lock: false)
            let me = try me()
            try RetroRules.checkViewer(me, team: retro.team, retro: id)
            let voter = try existingPerson(voter)
            try RetroRules.checkVoter(voter, actor: me, team: retro.team)
            try RetroRules.checkStage(retro.stage, is: .voting, retro: id, for: "votes are cast")
            let numbers = Set(try connection.query("SELECT number FROM coach.retro_topic WHERE retro_id = \(id)")
                .map { try $0.decode(Int.self) })
            try RetroRules.checkVotes(topics, allowed: retro.votesPerPerson, topicNumbers: numbers)
            try refusalsAsStoreErrors {
                try connection.query("DELETE FROM coach.retro_vote WHERE retro_id = \(id) AND voter_id = \(voter.id ?? -1)")
                for (topic, count) in Dictionary(topics.map { ($0, 1) }, uniquingKeysWith: +).sorted(by: { $0.key < $1.key }) {
                    try connection.query("""
                        INSERT INTO coach.retro_vote (retro_id, voter_id, topic, votes)
                        VALUES (\(id), \(voter.id ?? -1), \(topic), \(count))
                        """)
                }
            }
        }
    }

    public func voteTally(retro id: Int64, viewer: String) throws -> [Int: Int] {
        let retro = try retroFacts(id, lock: false)
        try RetroRules.checkManager(try me(), team: retro.team, retro: id, what: "sees the votes so far")
        var tally: [Int: Int] = [:]
        for row in try connection.query("""
            SELECT topic, sum(votes)::int FROM coach.retro_vote WHERE retro_id = \(id) GROUP BY topic
            """) {
            let (topic, votes) = try row.decode((Int, Int).self)
            tally[topic] = votes
        }
        return tally
    }

    public func voters(retro id: Int64, viewer: String) throws -> [String] {
        let retro = try retroFacts(id, lock: false)
        try RetroRules.checkManager(try me(), team: retro.team, retro: id, what: "sees who voted")
        return try connection.query("""
            SELECT DISTINCT p.name, lower(p.name) FROM coach.retro_vote v JOIN coach.person p ON p.id = v.voter_id
            WHERE v.retro_id = \(id) ORDER BY lower(p.name)
            """).map { try $0.decode((String, String).self).0 }
    }

    @discardableResult
    public func addRetroAction(retro id: Int64, text: String, owner: String, due: String?, by manager: String, at now: Date) throws
        -> ActionItemView {
        let text = try ItemRules.validatedActionText(text)
        let due = try due.map(ItemRules.validatedDue)
        let retro = try retroFacts(id, lock: false)
        try RetroRules.checkManager(try me(), team: retro.team, retro: id)
        guard retro.stage != .closed else {
            throw StoreError.retroStage("retro #\(id) is closed; its actions were agreed while it was open")
        }
        let owner = try existingPerson(owner)
        try RetroRules.checkOwner(owner, team: retro.team)
        let rows = try refusalsAsStoreErrors {
            try connection.query("""
                INSERT INTO coach.action_item (subject_id, owner_id, text, due, status, created_at, retro_id)
                VALUES (\(owner.id ?? -1), \(owner.id ?? -1), \(text), \(due), 'open', \(now), \(id))
                RETURNING id
                """)
        }
        guard let actionID = try rows.first?.decode(Int64.self),
              let item = try connection.query("\(unescaped: Self.actionColumns) WHERE a.id = \(actionID)").first
        else { throw StoreError.notAllowed("the organisation store did not keep the action item") }
        return try Self.actionItem(item)
    }

    public func retroActionsToReview(team: String, viewer: String) throws -> [ActionItemView] {
        let team = try retroTeam(team)
        try RetroRules.checkViewer(try me(), team: team)
        return try connection.query("""
            \(unescaped: Self.actionColumns)
            WHERE a.status = 'open'
              AND a.retro_id IN (SELECT id FROM coach.retro WHERE team_id = \(team.id) AND closed_at IS NOT NULL)
            ORDER BY a.created_at, a.id
            """).map(Self.actionItem)
    }

    public func reviewRetroAction(id: Int64, decision: RetroActionDecision, by manager: String, at now: Date) throws {
        try connection.transaction {
            guard let row = try connection.query("""
                SELECT a.status, r.team_id FROM coach.action_item a JOIN coach.retro r ON r.id = a.retro_id
                WHERE a.id = \(id) FOR UPDATE OF a
                """).first else { throw StoreError.unknownActionItem(id) }
            let (status, teamID) = try row.decode((String, Int64).self)
            guard let team = try retroTeam(id: teamID) else { throw StoreError.unknownActionItem(id) }
            try RetroRules.checkManager(try me(), team: team, what: "reviews its retro's actions")
            guard status == "open" else { throw StoreError.actionItemClosed(id, status: status) }
            try refusalsAsStoreErrors {
                switch decision {
                case .done:
                    try connection.query("UPDATE coach.action_item SET status = 'done', closed_at = \(now) WHERE id = \(id)")
                case .drop:
                    try connection.query("UPDATE coach.action_item SET status = 'dropped', closed_at = \(now) WHERE id = \(id)")
                case .carry:
                    try connection.query("UPDATE coach.action_item SET carried_count = carried_count + 1 WHERE id = \(id)")
                }
            }
        }
    }
}

extension OrgDatabase {
    /// The team named `name` in any case, or `unknownTeam` with the closest name.
    func retroTeam(_ name: String) throws -> RetroTeam {
        let name = NameKey.normalized(name.trimmingCharacters(in: .whitespacesAndNewlines))
        let teams = try connection.query("SELECT id, name, manager_id FROM coach.team").map {
            try $0.decode((Int64, String, Int64?).self)
        }
        guard let found = teams.first(where: { $0.1.caseInsensitiveCompare(name) == .orderedSame }) else {
            throw StoreError.unknownTeam(name, suggestion: suggestion(for: name, among: teams.map(\.1)))
        }
        return RetroTeam(id: found.0, name: found.1, managerID: found.2)
    }

    func retroTeam(id: Int64) throws -> RetroTeam? {
        try connection.query("SELECT id, name, manager_id FROM coach.team WHERE id = \(id)").first.map {
            let (id, name, manager) = try $0.decode((Int64, String, Int64?).self)
            return RetroTeam(id: id, name: name, managerID: manager)
        }
    }

    /// Retro `id`'s team, stage and votes per person; `unknownRetro` when the login may not see it.
    private func retroFacts(_ id: Int64, lock: Bool) throws -> (team: RetroTeam, stage: RetroStage, votesPerPerson: Int) {
        guard let row = try connection.query("""
            SELECT team_id, stage, votes_per_person FROM coach.retro WHERE id = \(id)\(unescaped: lock ? " FOR UPDATE" : "")
            """).first else { throw StoreError.unknownRetro(id) }
        let (teamID, stage, votes) = try row.decode((Int64, String, Int).self)
        guard let team = try retroTeam(id: teamID) else { throw StoreError.unknownRetro(id) }
        return (team, RetroStage(rawValue: stage) ?? .closed, votes)
    }

    private func retroSummary(id: Int64) throws -> RetroSummary {
        guard let row = try connection.query("\(unescaped: Self.retroColumns) WHERE r.id = \(id)").first else {
            throw StoreError.unknownRetro(id)
        }
        return try Self.retroSummary(row)
    }

    private static let retroColumns = """
        SELECT r.id, t.name, m.name, r.opened_at, r.closed_at, r.stage, r.votes_per_person
        FROM coach.retro r JOIN coach.team t ON t.id = r.team_id LEFT JOIN coach.person m ON m.id = r.manager_id
        """

    private static func retroSummary(_ row: PostgresRow) throws -> RetroSummary {
        let (id, team, manager, opened, closed, stage, votes) =
            try row.decode((Int64, String, String?, Date, Date?, String, Int).self)
        return RetroSummary(id: id, team: team, manager: manager, openedAt: opened, closedAt: closed,
                            stage: RetroStage(rawValue: stage) ?? .closed, votesPerPerson: votes)
    }
}
