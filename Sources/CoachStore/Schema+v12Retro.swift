import GRDB

extension Schema {
    /// v12, part one: retrospectives.
    ///
    /// - `retro`: one meeting of a team, run by its manager; at most one open per team. `stage`
    ///   moves gathering → grouping → voting → actions → closed.
    /// - `retro_item`: what was said. An item added before the meeting (`retro add`) waits with
    ///   no `retro_id` until the team's next retro opens. `author_id` is set only for an item
    ///   added under its author's name; an anonymous item, and one typed at the meeting, has
    ///   none, and nothing else in the store links it to a person: its `id` is random (no order
    ///   of insertion) and it keeps only the day it was added (`added_on`), not the moment.
    /// - `retro_topic`: the manager's groups of items (`retro_item.topic` is its number), with
    ///   the votes counted when voting closed.
    /// - `retro_vote`: a person's votes on the topics of a retro.
    /// - `action_item.retro_id`: an action agreed at a retro, reviewed at the team's next one.
    static func v12Retro(_ db: Database) throws {
        try db.create(table: "retro") { t in
            t.primaryKey("id", .integer)
            t.column("team_id", .integer).notNull().references("team", onDelete: .cascade)
            t.column("manager_id", .integer).references("person", onDelete: .setNull)
            t.column("survey_hash", .text)
            t.column("opened_at", .datetime).notNull()
            t.column("closed_at", .datetime)
            t.column("stage", .text).notNull().defaults(to: "gathering")
                .check(sql: "stage IN ('gathering','grouping','voting','actions','closed')")
            t.column("votes_per_person", .integer).notNull().defaults(to: 3)
                .check(sql: "votes_per_person BETWEEN 1 AND 20")
        }
        try db.execute(sql: "CREATE UNIQUE INDEX retro_one_open_per_team ON retro (team_id) WHERE closed_at IS NULL")
        try db.create(index: "retro_on_team_opened", on: "retro", columns: ["team_id", "opened_at"])

        try db.create(table: "retro_topic") { t in
            t.column("retro_id", .integer).notNull().references("retro", onDelete: .cascade)
            t.column("number", .integer).notNull().check(sql: "number >= 1")
            t.column("title", .text).notNull()
            t.column("votes", .integer)  // counted when voting closed; NULL before
            t.primaryKey(["retro_id", "number"])
        }

        try db.create(table: "retro_item") { t in
            t.primaryKey("id", .integer)  // random, not in order of insertion
            t.column("team_id", .integer).notNull().references("team", onDelete: .cascade)
            t.column("retro_id", .integer).references("retro", onDelete: .cascade)
            t.column("list", .text)  // the team-retro question it answers; NULL: added before, unsorted
            t.column("text", .text).notNull()
            t.column("author_id", .integer).references("person", onDelete: .setNull)
            t.column("added_on", .text).notNull()  // YYYY-MM-DD only
            t.column("topic", .integer)
        }
        try db.create(index: "retro_item_on_team_retro", on: "retro_item", columns: ["team_id", "retro_id"])
        try db.create(index: "retro_item_on_retro_id", on: "retro_item", columns: ["retro_id"])

        try db.create(table: "retro_vote") { t in
            t.column("retro_id", .integer).notNull().references("retro", onDelete: .cascade)
            t.column("voter_id", .integer).notNull().references("person", onDelete: .cascade)
            t.column("topic", .integer).notNull()
            t.column("votes", .integer).notNull().check(sql: "votes >= 1")
            t.primaryKey(["retro_id", "voter_id", "topic"])
        }

        try db.alter(table: "action_item") { t in
            t.add(column: "retro_id", .integer).references("retro", onDelete: .setNull)
        }
        try db.create(index: "action_item_on_retro_id", on: "action_item", columns: ["retro_id"])
    }
}
