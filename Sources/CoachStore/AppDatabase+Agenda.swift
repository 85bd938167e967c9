import CoachCore
import Foundation
import GRDB

/// An agenda topic as `agenda list` shows it.
public struct AgendaItemView: Sendable, Equatable, Codable {
    public var id: Int64
    /// The rep whose one-on-one it is for.
    public var person: String
    public var text: String
    /// The day it was added, `YYYY-MM-DD`.
    public var added: String
    /// `manual` (`agenda add`), `checkin` (the self-assessment) or `training` (a quiz follow-up).
    public var source: String
    /// A training follow-up appears on the agenda from this day on; nil for the others.
    public var notBefore: String?
    /// `open`, `discussed` or `removed`.
    public var status: String

    public init(id: Int64, person: String, text: String, added: String, source: String, notBefore: String?, status: String) {
        self.id = id
        self.person = person
        self.text = text
        self.added = added
        self.source = source
        self.notBefore = notBefore
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, person, text, added, source, status
        case notBefore = "not_before"
    }

    /// `not_before` is written as null when there is none, never left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(person, forKey: .person)
        try container.encode(text, forKey: .text)
        try container.encode(added, forKey: .added)
        try container.encode(source, forKey: .source)
        try container.encode(notBefore, forKey: .notBefore)
        try container.encode(status, forKey: .status)
    }
}

/// Agenda topics between one-on-ones: the rep they belong to and the rep's manager see and
/// remove them; nobody else (not HR). A removed topic keeps its row, with the status `removed`.
extension AppDatabase {
    /// `personName`'s open agenda topics (the viewer's own when nil), oldest first.
    public func agendaItems(viewer viewerName: String, person personName: String?) throws -> [AgendaItemView] {
        try read { db in
            let viewer = try Self.existingPerson(viewerName, db)
            let subject = try personName.map { try Self.existingPerson($0, db) } ?? viewer
            try ItemRules.checkAgendaReader(viewer, subject: subject)
            return try Row.fetchAll(db, sql: Self.agendaSQL + " WHERE g.person_id = ? AND g.status = 'open' ORDER BY g.created_at, g.id",
                                    arguments: [subject.id]).map(Self.agendaItemView)
        }
    }

    /// Marks an open agenda topic removed; the rep it belongs to or their manager may.
    @discardableResult
    public func removeAgendaItem(id: Int64, by actorName: String) throws -> AgendaItemView {
        try write { db in
            let actor = try Self.existingPerson(actorName, db)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT g.status, g.person_id, p.manager_id FROM agenda_item g JOIN person p ON p.id = g.person_id WHERE g.id = ?
                """, arguments: [id]) else { throw StoreError.unknownAgendaItem(id) }
            try ItemRules.checkRemoval(id: id, status: row["status"], personID: row["person_id"], managerID: row["manager_id"],
                                       actorID: actor.id)
            try db.execute(sql: "UPDATE agenda_item SET status = 'removed' WHERE id = ? AND status = 'open'", arguments: [id])
            guard let item = try Row.fetchOne(db, sql: Self.agendaSQL + " WHERE g.id = ?", arguments: [id]) else {
                throw StoreError.unknownAgendaItem(id)
            }
            return Self.agendaItemView(item)
        }
    }

    private static let agendaSQL = """
        SELECT g.id, p.name, g.text, g.created_at, g.source, g.not_before, g.status
        FROM agenda_item g JOIN person p ON p.id = g.person_id
        """

    private static func agendaItemView(_ row: Row) -> AgendaItemView {
        let created: Date = row["created_at"]
        return AgendaItemView(id: row["id"], person: row["name"], text: row["text"], added: DateAnswer.iso(created),
                              source: row["source"], notBefore: row["not_before"], status: row["status"])
    }
}
