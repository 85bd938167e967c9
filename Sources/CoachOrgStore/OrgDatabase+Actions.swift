import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// Action items and agenda topics on the organisation store. The policies on `action_item` and
/// `agenda_item` decide what the login reads and changes; coach asks first only to say why in
/// the local store's words.
extension OrgDatabase {
    public func actionItems(viewer viewerName: String, subject subjectName: String?, openOnly: Bool) throws -> [ActionItemView] {
        var query: PostgresQuery = "\(unescaped: Self.actionColumns) WHERE true"
        if let subjectName {
            let subject = try existingPerson(subjectName), me = try me()
            guard subject.id == me.id || subject.managerID == me.id else {
                throw StoreError.notAllowed("action items are seen by the rep they are about and their manager")
            }
            query = "\(unescaped: Self.actionColumns) WHERE a.subject_id = \(subject.id ?? -1)"
        }
        query.sql += openOnly ? " AND a.status = 'open'" : ""
        query.sql += " ORDER BY a.status = 'open' DESC, a.due IS NULL, a.due, a.id"
        return try connection.query(query).map(Self.actionItem)
    }

    public func closeActionItem(id: Int64, by actorName: String, at now: Date) throws -> ActionItemView {
        // An item the login may not see is, to them, no item at all.
        guard let item = try connection.query("\(unescaped: Self.actionColumns) WHERE a.id = \(id)").first.map(Self.actionItem)
        else { throw StoreError.unknownActionItem(id) }
        guard item.status == "open" else { throw StoreError.actionItemClosed(id, status: item.status) }
        try refusalsAsStoreErrors {
            try connection.query("UPDATE coach.action_item SET status = 'done', closed_at = \(now) WHERE id = \(id)")
        }
        guard let closed = try connection.query("\(unescaped: Self.actionColumns) WHERE a.id = \(id)").first.map(Self.actionItem)
        else { throw StoreError.unknownActionItem(id) }
        return closed
    }

    public func addAgendaItem(text: String, for personName: String, source: String, notBefore: String?, at now: Date) throws {
        let text = try AppDatabase.validatedAgendaText(text)
        let person = try existingPerson(personName), me = try me()
        guard person.id == me.id || person.managerID == me.id else {
            throw StoreError.notAllowed("an agenda topic is added by the rep or their manager")
        }
        try refusalsAsStoreErrors {
            try connection.query("""
                INSERT INTO coach.agenda_item (person_id, text, source, created_at, not_before, status)
                VALUES (\(person.id ?? -1), \(text), \(source), \(now), \(notBefore), 'open')
                """)
        }
    }

    private static let actionColumns = """
        SELECT a.id, s.name, o.name, a.text, a.due, a.status, a.created_at, a.carried_count
        FROM coach.action_item a JOIN coach.person s ON s.id = a.subject_id JOIN coach.person o ON o.id = a.owner_id
        """

    private static func actionItem(_ row: PostgresRow) throws -> ActionItemView {
        let (id, subject, owner, text, due, status, created, carried) =
            try row.decode((Int64, String, String, String, String?, String, Date, Int).self)
        return ActionItemView(id: id, subject: subject, owner: owner, text: text, due: due, status: status,
                              created: DateAnswer.iso(created), carried: carried)
    }
}
