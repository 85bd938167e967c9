import CoachCore
import Foundation
import GRDB

/// Customer feedback on a local store: the rep and their manager (and the session's author) read
/// a session's; the team's people and its manager read a retro's; nobody else, not HR.
extension AppDatabase: FeedbackStore {
    public func customerFeedback(viewer viewerName: String, filter: FeedbackFilter) throws -> [CustomerFeedback] {
        try read { db in
            let viewer = try Self.actor(viewerName, db)
            let teamID = try filter.team.flatMap { try Self.feedbackTeamID($0, db) }
            return try Row.fetchAll(db, sql: Self.feedbackSQL + """
                WHERE \(Self.feedbackVisible)
                  AND (:team IS NULL OR t.id = :team)
                  AND (:since IS NULL OR f.heard_on >= :since)
                  AND (:before IS NULL OR f.heard_on < :before)
                  AND (:open = 0 OR f.status = 'open')
                  AND (:kind IS NULL OR f.kind = :kind)
                ORDER BY f.heard_on DESC, f.id DESC
                """, arguments: ["viewer": viewer.id, "viewerTeam": viewer.teamID, "team": teamID, "since": filter.since,
                                 "before": filter.heardBefore, "open": filter.openOnly, "kind": filter.kind?.rawValue])
                .map(Self.feedback)
        }
    }

    public func actOnFeedback(id: Int64, text: String?, owner ownerName: String?, due: String?, by actorName: String,
                              at now: Date) throws -> FeedbackAction {
        try write { db in
            let actor = try Self.actor(actorName, db)
            let (feedback, personID) = try Self.visibleFeedback(id, viewer: actor, db)
            try FeedbackRules.checkOpen(feedback)
            let rep = try personID.flatMap { try Person.fetchOne(db, key: $0) }
            let repManager = try rep?.managerID.flatMap { try Person.fetchOne(db, key: $0) }
            let owner = try ownerName.map { try Self.existingPerson($0, db) }
            let people = try FeedbackRules.people(for: feedback, rep: rep, repManager: repManager, owner: owner, actor: actor)
            let text = try FeedbackRules.actionText(text, feedback: feedback)
            let due = try FeedbackRules.actionDue(due, now: now)
            try db.execute(sql: """
                INSERT INTO action_item (subject_id, owner_id, text, due, status, created_at) VALUES (?, ?, ?, ?, 'open', ?)
                """, arguments: [people.subject.id, people.owner.id, text, due, now])
            let itemID = db.lastInsertedRowID
            try db.execute(sql: "UPDATE customer_feedback SET status = 'acted', action_item_id = ? WHERE id = ?",
                           arguments: [itemID, id])
            return FeedbackAction(acted: feedback, itemID: itemID, subject: people.subject.name, owner: people.owner.name,
                                  text: text, due: due, at: now)
        }
    }

    @discardableResult
    public func closeFeedback(id: Int64, by actorName: String, at now: Date) throws -> CustomerFeedback {
        try write { db in
            let actor = try Self.actor(actorName, db)
            var (feedback, _) = try Self.visibleFeedback(id, viewer: actor, db)
            try FeedbackRules.checkOpen(feedback)
            try db.execute(sql: "UPDATE customer_feedback SET status = 'closed', closed_at = ? WHERE id = ?", arguments: [now, id])
            feedback.status = .closed
            return feedback
        }
    }

    /// Feedback `id` as `viewer` may see it, with the rep it came from; refused as unknown otherwise.
    private static func visibleFeedback(_ id: Int64, viewer: Person, _ db: Database) throws -> (CustomerFeedback, Int64?) {
        guard let row = try Row.fetchOne(db, sql: feedbackSQL + " WHERE f.id = :id AND \(feedbackVisible)",
                                         arguments: ["id": id, "viewer": viewer.id, "viewerTeam": viewer.teamID]) else {
            throw FeedbackRules.unknown(id)
        }
        return (feedback(row), row["person_id"])
    }

    /// The id of the team named `name` (any case); an unknown name throws with a suggestion.
    private static func feedbackTeamID(_ name: String, _ db: Database) throws -> Int64? {
        if name.lowercased() == "all" { return nil }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM team WHERE name = ? COLLATE NOCASE", arguments: [name]) {
            return id
        }
        let teams = try String.fetchAll(db, sql: "SELECT name FROM team ORDER BY name")
        throw StoreError.unknownTeam(name, suggestion: suggestion(for: name, among: teams))
    }

    /// Who reads a row (`:viewer`, in team `:viewerTeam`): a session's rep, their manager and the
    /// session's author; a retro's team and its manager.
    private static let feedbackVisible = """
        ((f.session_id IS NOT NULL AND (f.person_id = :viewer OR p.manager_id = :viewer OR s.author_id = :viewer))
         OR (f.session_id IS NULL AND f.team_id IS NOT NULL AND (f.team_id = :viewerTeam OR t.manager_id = :viewer)))
        """

    private static let feedbackSQL = """
        SELECT f.id, f.source, f.kind, f.text, f.heard_on, f.status, f.action_item_id, f.person_id,
               p.name AS person, t.name AS team
        FROM customer_feedback f
        LEFT JOIN session s ON s.id = f.session_id
        LEFT JOIN person p ON p.id = f.person_id
        LEFT JOIN team t ON t.id = COALESCE(f.team_id, p.team_id)

        """

    private static func feedback(_ row: Row) -> CustomerFeedback {
        let person: String? = row["person"], team: String? = row["team"]
        return CustomerFeedback(id: row["id"], source: row["source"], from: person ?? team.map { "team \($0)" } ?? "a team",
                                team: team, kind: CustomerFeedbackKind(rawValue: row["kind"]) ?? .other, text: row["text"],
                                heardOn: row["heard_on"], status: FeedbackStatus(rawValue: row["status"]) ?? .open,
                                actionItem: row["action_item_id"])
    }

    /// Stores the feedback a completing session's answers gave (`SessionEffects.customerFeedback`),
    /// heard on the day it completes, about its subject.
    static func insertFeedback(_ effects: SessionEffects, session: Session, heardOn: String, _ db: Database) throws {
        guard let sessionID = session.id, let source = FeedbackRules.source(ofSessionKind: session.kind) else { return }
        for piece in effects.customerFeedback {
            try db.cachedStatement(sql: """
                INSERT INTO customer_feedback (source, session_id, person_id, kind, text, heard_on, status)
                VALUES (?, ?, ?, ?, ?, ?, 'open')
                """).execute(arguments: [source, sessionID, session.subjectID, piece.kind.rawValue, piece.text, heardOn])
        }
    }
}
