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

    public func editActionItem(id: Int64, text: String?, owner: String?, due: String?, by actorName: String) throws
        -> ActionItemView {
        let text = try text.map(ItemRules.validatedActionText)
        let due = try due.map(ItemRules.validatedDue)
        return try connection.transaction {
            // An item the login may not see is, to them, no item at all.
            guard let row = try connection.query("""
                SELECT a.status, a.owner_id, a.subject_id, s.name, s.manager_id, m.name
                FROM coach.action_item a JOIN coach.person s ON s.id = a.subject_id
                LEFT JOIN coach.person m ON m.id = s.manager_id
                WHERE a.id = \(id) FOR UPDATE OF a
                """).first else { throw StoreError.unknownActionItem(id) }
            let (status, ownerID, subjectID, subjectName, managerID, managerName) =
                try row.decode((String, Int64, Int64, String, Int64?, String?).self)
            let facts = ItemRules.ActionItemFacts(id: id, status: status, ownerID: ownerID, subjectID: subjectID,
                                                  subjectName: subjectName, managerID: managerID, managerName: managerName)
            let me = try me()
            try ItemRules.checkEdit(facts, actorID: me.id, newOwner: nil)
            let newOwner = try owner.map(existingPerson)
            try ItemRules.checkEdit(facts, actorID: me.id, newOwner: newOwner)
            try refusalsAsStoreErrors {
                try connection.query("""
                    UPDATE coach.action_item SET text = coalesce(\(text), text), owner_id = coalesce(\(newOwner?.id), owner_id),
                      due = coalesce(\(due), due)
                    WHERE id = \(id)
                    """)
            }
            guard let edited = try connection.query("\(unescaped: Self.actionColumns) WHERE a.id = \(id)").first.map(Self.actionItem)
            else { throw StoreError.unknownActionItem(id) }
            return edited
        }
    }

    public func agendaItems(viewer viewerName: String, person personName: String?) throws -> [AgendaItemView] {
        let me = try me()
        let subject = try personName.map(existingPerson) ?? me
        try ItemRules.checkAgendaReader(me, subject: subject)
        return try connection.query("""
            \(unescaped: Self.agendaColumns) WHERE g.person_id = \(subject.id ?? -1) AND g.status = 'open'
            ORDER BY g.created_at, g.id
            """).map(Self.agendaItem)
    }

    public func removeAgendaItem(id: Int64, by actorName: String) throws -> AgendaItemView {
        try connection.transaction {
            // A topic the login may not read (`agenda_read`) is, to them, no topic at all.
            guard let row = try connection.query("""
                SELECT g.status, g.person_id, p.manager_id FROM coach.agenda_item g JOIN coach.person p ON p.id = g.person_id
                WHERE g.id = \(id) FOR UPDATE OF g
                """).first else { throw StoreError.unknownAgendaItem(id) }
            let (status, personID, managerID) = try row.decode((String, Int64, Int64?).self)
            try ItemRules.checkRemoval(id: id, status: status, personID: personID, managerID: managerID, actorID: try me().id)
            try refusalsAsStoreErrors {
                try connection.query("UPDATE coach.agenda_item SET status = 'removed' WHERE id = \(id) AND status = 'open'")
            }
            guard let removed = try connection.query("\(unescaped: Self.agendaColumns) WHERE g.id = \(id)").first
                .map(Self.agendaItem) else { throw StoreError.unknownAgendaItem(id) }
            return removed
        }
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

    static let actionColumns = """
        SELECT a.id, s.name, o.name, a.text, a.due, a.status, a.created_at, a.carried_count, a.closed_at
        FROM coach.action_item a JOIN coach.person s ON s.id = a.subject_id JOIN coach.person o ON o.id = a.owner_id
        """

    private static let agendaColumns = """
        SELECT g.id, p.name, g.text, g.created_at, g.source, g.not_before, g.status
        FROM coach.agenda_item g JOIN coach.person p ON p.id = g.person_id
        """

    private static func agendaItem(_ row: PostgresRow) throws -> AgendaItemView {
        let (id, person, text, created, source, notBefore, status) =
            try row.decode((Int64, String, String, Date, String, String?, String).self)
        return AgendaItemView(id: id, person: person, text: text, added: DateAnswer.iso(created), source: source,
                              notBefore: notBefore, status: status)
    }

    static func actionItem(_ row: PostgresRow) throws -> ActionItemView {
        let (id, subject, owner, text, due, status, created, carried, closed) =
            try row.decode((Int64, String, String, String, String?, String, Date, Int, Date?).self)
        return ActionItemView(id: id, subject: subject, owner: owner, text: text, due: due, status: status,
                              created: DateAnswer.iso(created), carried: carried, closed: closed.map { DateAnswer.iso($0) })
    }
}
