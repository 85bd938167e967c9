import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// Customer feedback on the organisation store. The policies on `coach.customer_feedback` decide
/// what the login reads and changes, and those on `action_item` what it may create; coach asks
/// first (`FeedbackRules`) only to say why in the local store's words.
extension OrgDatabase: FeedbackStore {
    public func customerFeedback(viewer viewerName: String, filter: FeedbackFilter) throws -> [CustomerFeedback] {
        let teamID = try filter.team.flatMap(feedbackTeamID)
        let kind = filter.kind?.rawValue
        return try connection.query("""
            \(unescaped: Self.feedbackColumns)
            WHERE (\(teamID)::bigint IS NULL OR t.id = \(teamID)::bigint)
              AND (\(filter.since)::text IS NULL OR f.heard_on >= \(filter.since)::text)
              AND (\(filter.heardBefore)::text IS NULL OR f.heard_on < \(filter.heardBefore)::text)
              AND (NOT \(filter.openOnly) OR f.status = 'open')
              AND (\(kind)::text IS NULL OR f.kind = \(kind)::text)
            ORDER BY f.heard_on DESC, f.id DESC
            """).map { try Self.feedback($0).feedback }
    }

    public func actOnFeedback(id: Int64, text: String?, owner ownerName: String?, due: String?, by actorName: String,
                              at now: Date) throws -> FeedbackAction {
        try connection.transaction {
            let (feedback, personID) = try lockedFeedback(id)
            try FeedbackRules.checkOpen(feedback)
            let actor = try me()
            let rep = try personID.flatMap(person(id:))
            let repManager = try rep?.managerID.flatMap(person(id:))
            let owner = try ownerName.map(existingPerson)
            let people = try FeedbackRules.people(for: feedback, rep: rep, repManager: repManager, owner: owner, actor: actor)
            let text = try FeedbackRules.actionText(text, feedback: feedback)
            let due = try FeedbackRules.actionDue(due, now: now)
            let itemID = try refusalsAsStoreErrors {
                try connection.query("""
                    INSERT INTO coach.action_item (subject_id, owner_id, text, due, status, created_at)
                    VALUES (\(people.subject.id ?? -1), \(people.owner.id ?? -1), \(text), \(due), 'open', \(now))
                    RETURNING id
                    """).first?.decode(Int64.self)
            }
            guard let itemID else { throw StoreError.notAllowed("the organisation store did not keep the action item") }
            try refusalsAsStoreErrors {
                try connection.query("""
                    UPDATE coach.customer_feedback SET status = 'acted', action_item_id = \(itemID) WHERE id = \(id)
                    """)
            }
            return FeedbackAction(acted: feedback, itemID: itemID, subject: people.subject.name, owner: people.owner.name,
                                  text: text, due: due, at: now)
        }
    }

    @discardableResult
    public func closeFeedback(id: Int64, by actorName: String, at now: Date) throws -> CustomerFeedback {
        try connection.transaction {
            var (feedback, _) = try lockedFeedback(id)
            try FeedbackRules.checkOpen(feedback)
            try refusalsAsStoreErrors {
                try connection.query("UPDATE coach.customer_feedback SET status = 'closed', closed_at = \(now) WHERE id = \(id)")
            }
            feedback.status = .closed
            return feedback
        }
    }

    /// Feedback `id` as the login may read it (`feedback_read`), locked, with the rep it came from.
    private func lockedFeedback(_ id: Int64) throws -> (CustomerFeedback, Int64?) {
        guard let row = try connection.query("\(unescaped: Self.feedbackColumns) WHERE f.id = \(id) FOR UPDATE OF f").first
        else { throw FeedbackRules.unknown(id) }
        return try Self.feedback(row)
    }

    /// The id of the team named `name` (any case), nil for `all`; an unknown name throws with a suggestion.
    private func feedbackTeamID(_ name: String) throws -> Int64? {
        if name.lowercased() == "all" { return nil }
        let teams = try connection.query("SELECT id, name FROM coach.team ORDER BY name").map { try $0.decode((Int64, String).self) }
        if let match = teams.first(where: { $0.1.lowercased() == name.lowercased() }) { return match.0 }
        throw StoreError.unknownTeam(name, suggestion: suggestion(for: name, among: teams.map(\.1)))
    }

    private static let feedbackColumns = """
        SELECT f.id, f.source, f.kind, f.text, f.heard_on, f.status, f.action_item_id, f.person_id, p.name, t.name
        FROM coach.customer_feedback f
        LEFT JOIN coach.person p ON p.id = f.person_id
        LEFT JOIN coach.team t ON t.id = coalesce(f.team_id, p.team_id)
        """

    private static func feedback(_ row: PostgresRow) throws -> (feedback: CustomerFeedback, personID: Int64?) {
        let (id, source, kind, text, heardOn, status, actionItem, personID, person, team) =
            try row.decode((Int64, String, String, String, String, String, Int64?, Int64?, String?, String?).self)
        let feedback = CustomerFeedback(id: id, source: source, from: person ?? team.map { "team \($0)" } ?? "a team", team: team,
                                        kind: CustomerFeedbackKind(rawValue: kind) ?? .other, text: text, heardOn: heardOn,
                                        status: FeedbackStatus(rawValue: status) ?? .open, actionItem: actionItem)
        return (feedback, personID)
    }
}
