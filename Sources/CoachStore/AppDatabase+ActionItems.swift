import CoachCore
import Foundation
import GRDB

/// An action item as lists show it.
public struct ActionItemView: Sendable, Equatable, Codable {
    public var id: Int64
    /// The rep the item is about.
    public var subject: String
    public var owner: String
    public var text: String
    public var due: String?
    /// `open`, `done` or `dropped`.
    public var status: String
    public var created: String
    public var carried: Int
    /// The day it was closed (done or dropped), `YYYY-MM-DD`; nil while open. Not in `actions
    /// --json` (`review` counts with it).
    public var closed: String?

    public init(id: Int64, subject: String, owner: String, text: String, due: String?, status: String, created: String,
                carried: Int, closed: String? = nil) {
        self.id = id
        self.subject = subject
        self.owner = owner
        self.text = text
        self.due = due
        self.status = status
        self.created = created
        self.carried = carried
        self.closed = closed
    }
}

extension ActionItemView {
    /// `due` is written as null when there is none, never left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(subject, forKey: .subject)
        try container.encode(owner, forKey: .owner)
        try container.encode(text, forKey: .text)
        try container.encode(due, forKey: .due)
        try container.encode(status, forKey: .status)
        try container.encode(created, forKey: .created)
        try container.encode(carried, forKey: .carried)
    }
}

/// Action items and agenda items. Action items are one-on-one content: the rep they are about,
/// their owner and the rep's manager see them; nobody else (not HR).
extension AppDatabase {
    /// The action items `viewerName` may see, about `subjectName` if given, newest first.
    public func actionItems(viewer viewerName: String, subject subjectName: String?, openOnly: Bool) throws -> [ActionItemView] {
        try read { db in
            let viewer = try Self.existingPerson(viewerName, db)
            // Three indexed lookups, where an OR across two tables scanned every item.
            var conditions = ["""
                a.id IN (SELECT id FROM action_item WHERE subject_id = :viewer
                         UNION SELECT id FROM action_item WHERE owner_id = :viewer
                         UNION SELECT i.id FROM action_item i JOIN person r ON r.id = i.subject_id WHERE r.manager_id = :viewer)
                """]
            var arguments: [String: (any DatabaseValueConvertible)?] = ["viewer": viewer.id]
            if let subjectName {
                let subject = try Self.existingPerson(subjectName, db)
                guard subject.id == viewer.id || subject.managerID == viewer.id else {
                    throw StoreError.notAllowed("action items are seen by the rep they are about and their manager")
                }
                conditions.append("a.subject_id = :subject")
                arguments["subject"] = subject.id
            }
            if openOnly { conditions.append("a.status = 'open'") }
            return try Row.fetchAll(db, sql: Self.actionItemSQL + "\n" + """
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY a.status = 'open' DESC, a.due IS NULL, a.due, a.id
                """, arguments: StatementArguments(arguments)).map(Self.actionItemView)
        }
    }

    /// Marks an open action item done; its owner, the rep it is about or their manager may.
    @discardableResult
    public func closeActionItem(id: Int64, by actorName: String, at now: Date = Date()) throws -> ActionItemView {
        try write { db in
            let actor = try Self.existingPerson(actorName, db)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.status, a.owner_id, a.subject_id, s.manager_id FROM action_item a
                JOIN person s ON s.id = a.subject_id WHERE a.id = ?
                """, arguments: [id]) else { throw StoreError.unknownActionItem(id) }
            let involved: [Int64?] = [row["owner_id"], row["subject_id"], row["manager_id"]]
            guard involved.contains(actor.id) else { throw StoreError.unknownActionItem(id) }
            guard (row["status"] as String) == "open" else { throw StoreError.actionItemClosed(id, status: row["status"]) }
            try db.execute(sql: "UPDATE action_item SET status = 'done', closed_at = ? WHERE id = ?", arguments: [now, id])
            guard let item = try Row.fetchOne(db, sql: Self.actionItemSQL + " WHERE a.id = ?", arguments: [id]) else {
                throw StoreError.unknownActionItem(id)
            }
            return Self.actionItemView(item)
        }
    }

    /// Changes an open action item's text, owner or due date (`YYYY-MM-DD`); nil leaves it as it
    /// is. Who may: those who may close it (`ItemRules.checkEdit`).
    @discardableResult
    public func editActionItem(id: Int64, text: String?, owner: String?, due: String?, by actorName: String) throws
        -> ActionItemView {
        let text = try text.map(ItemRules.validatedActionText)
        let due = try due.map(ItemRules.validatedDue)
        return try write { db in
            let actor = try Self.existingPerson(actorName, db)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT a.status, a.owner_id, a.subject_id, s.name AS subject, s.manager_id, m.name AS manager
                FROM action_item a JOIN person s ON s.id = a.subject_id LEFT JOIN person m ON m.id = s.manager_id
                WHERE a.id = ?
                """, arguments: [id]) else { throw StoreError.unknownActionItem(id) }
            let facts = ItemRules.ActionItemFacts(id: id, status: row["status"], ownerID: row["owner_id"],
                                                  subjectID: row["subject_id"], subjectName: row["subject"],
                                                  managerID: row["manager_id"], managerName: row["manager"])
            // Who the item is about and who may see it come first: an unknown owner name says
            // nothing about an item the actor may not see.
            try ItemRules.checkEdit(facts, actorID: actor.id, newOwner: nil)
            let newOwner = try owner.map { try Self.existingPerson($0, db) }
            try ItemRules.checkEdit(facts, actorID: actor.id, newOwner: newOwner)
            try db.execute(sql: """
                UPDATE action_item SET text = COALESCE(?, text), owner_id = COALESCE(?, owner_id), due = COALESCE(?, due)
                WHERE id = ?
                """, arguments: [text, newOwner?.id, due, id])
            guard let item = try Row.fetchOne(db, sql: Self.actionItemSQL + " WHERE a.id = ?", arguments: [id]) else {
                throw StoreError.unknownActionItem(id)
            }
            return Self.actionItemView(item)
        }
    }

    static let actionItemSQL = """
        SELECT a.id, s.name AS subject, o.name AS owner, a.text, a.due, a.status, a.created_at, a.carried_count, a.closed_at
        FROM action_item a JOIN person s ON s.id = a.subject_id JOIN person o ON o.id = a.owner_id
        """

    static func actionItemView(_ row: Row) -> ActionItemView {
        let created: Date = row["created_at"]
        let closed: Date? = row["closed_at"]
        return ActionItemView(id: row["id"], subject: row["subject"], owner: row["owner"], text: row["text"], due: row["due"],
                              status: row["status"], created: DateAnswer.iso(created), carried: row["carried_count"],
                              closed: closed.map { DateAnswer.iso($0) })
    }

    /// Adds a topic to `personName`'s next one-on-one; a training follow-up waits until `notBefore`.
    public func addAgendaItem(text: String, for personName: String, source: String = "manual", notBefore: String? = nil,
                              at now: Date = Date()) throws {
        let text = try Self.validatedAgendaText(text)
        try write { db in
            let person = try Self.existingPerson(personName, db)
            try db.execute(sql: """
                INSERT INTO agenda_item (person_id, text, source, created_at, not_before, status) VALUES (?, ?, ?, ?, ?, 'open')
                """, arguments: [person.id, text, source, now, notBefore])
        }
    }
}

extension AppDatabase {
    /// An agenda topic trimmed, when it is 1 to 2000 characters of plain text.
    public static func validatedAgendaText(_ text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2_000 else {
            throw StoreError.invalidText("an agenda item needs 1 to 2000 characters of plain text")
        }
        if let problem = PlainText.problem(in: text) {
            throw StoreError.invalidText("an agenda item cannot contain \(problem)")
        }
        return text
    }
}
