import CoachCore
import Foundation

/// One piece of customer feedback heard in a one-on-one, a self-assessment or a team retro
/// (`feedback`): a line of an answer to a question with `customer_feedback:`, or a retro item.
/// Who reads it is who reads its source: the rep and their manager for a session's, the team
/// and its manager for a retro's. HR reads none of it, and a private answer is never feedback.
public struct CustomerFeedback: Sendable, Equatable, Codable {
    public var id: Int64
    /// `one-on-one`, `self-assessment` or `retro`.
    public var source: String
    /// The rep it came from (a session's), or the team (a retro's, which names nobody).
    public var from: String
    /// The rep's team for a session's feedback, the retro's team for a retro's; nil for a rep
    /// with no team.
    public var team: String?
    public var kind: CustomerFeedbackKind
    public var text: String
    /// The day it was heard, `YYYY-MM-DD`.
    public var heardOn: String
    public var status: FeedbackStatus
    /// The action item it became (`feedback act`); nil until then.
    public var actionItem: Int64?

    public init(id: Int64, source: String, from: String, team: String?, kind: CustomerFeedbackKind, text: String,
                heardOn: String, status: FeedbackStatus, actionItem: Int64?) {
        self.id = id
        self.source = source
        self.from = from
        self.team = team
        self.kind = kind
        self.text = text
        self.heardOn = heardOn
        self.status = status
        self.actionItem = actionItem
    }

    enum CodingKeys: String, CodingKey {
        case id, source, from, team, kind, text, status
        case heardOn = "heard_on"
        case actionItem = "action_item"
    }

    /// `team` and `action_item` are written as null when there is none, never left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(source, forKey: .source)
        try container.encode(from, forKey: .from)
        try container.encode(team, forKey: .team)
        try container.encode(kind, forKey: .kind)
        try container.encode(text, forKey: .text)
        try container.encode(heardOn, forKey: .heardOn)
        try container.encode(status, forKey: .status)
        try container.encode(actionItem, forKey: .actionItem)
    }

    /// Whether it came from a session (a rep's feedback) rather than a retro (a team's).
    public var isFromSession: Bool { source != "retro" }

    /// Whole days from the day it was heard to `today` (both `YYYY-MM-DD`); 0 when unreadable.
    public func daysOpen(today: String, calendar: Calendar = .current) -> Int {
        guard let heard = DateAnswer.isoDate(heardOn, calendar: calendar), let now = DateAnswer.isoDate(today, calendar: calendar)
        else { return 0 }
        return calendar.dateComponents([.day], from: heard, to: now).day ?? 0
    }
}

/// Where a piece of customer feedback is: waiting, turned into an action item, or closed as
/// needing none.
public enum FeedbackStatus: String, Sendable, Codable, CaseIterable {
    case open, acted, closed
}

/// Which feedback a listing wants, besides the viewer's rules.
public struct FeedbackFilter: Sendable, Equatable {
    /// A team's name (any case); nil for everything the viewer may see.
    public var team: String?
    /// Heard on or after this day (`YYYY-MM-DD`); nil for no limit.
    public var since: String?
    /// Heard before this day (`YYYY-MM-DD`, exclusive); nil for no limit.
    public var heardBefore: String?
    public var openOnly: Bool
    public var kind: CustomerFeedbackKind?

    public init(team: String? = nil, since: String? = nil, heardBefore: String? = nil, openOnly: Bool = false,
                kind: CustomerFeedbackKind? = nil) {
        self.team = team
        self.since = since
        self.heardBefore = heardBefore
        self.openOnly = openOnly
        self.kind = kind
    }
}

/// Feedback turned into an action item (`feedback act`): both as they are now.
public struct FeedbackAction: Sendable, Equatable, Codable {
    public var feedback: CustomerFeedback
    public var actionItem: ActionItemView

    public init(feedback: CustomerFeedback, actionItem: ActionItemView) {
        self.feedback = feedback
        self.actionItem = actionItem
    }

    /// `feedback` marked acted by the new open action item `itemID` (about `subject`, owned by
    /// `owner`), as both engines return it once stored.
    public init(acted feedback: CustomerFeedback, itemID: Int64, subject: String, owner: String, text: String, due: String?,
                at now: Date) {
        var acted = feedback
        acted.status = .acted
        acted.actionItem = itemID
        self.init(feedback: acted, actionItem: ActionItemView(id: itemID, subject: subject, owner: owner, text: text, due: due,
                                                              status: "open", created: DateAnswer.iso(now), carried: 0))
    }

    enum CodingKeys: String, CodingKey {
        case feedback
        case actionItem = "action_item"
    }
}

/// Customer feedback (`feedback`, `feedback act`, `feedback close`, `due`), which every engine
/// offers by the rules of `FeedbackRules`.
public protocol FeedbackStore {
    /// The feedback `viewerName` may see that `filter` keeps, newest first.
    func customerFeedback(viewer viewerName: String, filter: FeedbackFilter) throws -> [CustomerFeedback]
    /// Turns open feedback into an action item: about the rep (a session's feedback) or its owner
    /// (a retro's); `text` defaults to the feedback's, `owner` to the rep (a session's) or the
    /// actor (a retro's), `due` (`YYYY-MM-DD`) to a week after `now`. Marks it `acted`.
    func actOnFeedback(id: Int64, text: String?, owner: String?, due: String?, by actorName: String, at now: Date) throws
        -> FeedbackAction
    /// Closes open feedback that needs no action.
    @discardableResult
    func closeFeedback(id: Int64, by actorName: String, at now: Date) throws -> CustomerFeedback
}

extension FeedbackStore {
    /// The open complaints `viewerName` may see that were heard more than `responseTime` days
    /// before `today` (`YYYY-MM-DD`), oldest first: what `due` lists.
    public func overdueComplaints(viewer viewerName: String, today: String, responseTime: Int,
                                  calendar: Calendar = .current) throws -> [CustomerFeedback] {
        guard let day = DateAnswer.isoDate(today, calendar: calendar),
              let cutoff = calendar.date(byAdding: .day, value: -responseTime, to: day) else { return [] }
        let filter = FeedbackFilter(heardBefore: DateAnswer.iso(cutoff, calendar: calendar), openOnly: true, kind: .complaint)
        return try customerFeedback(viewer: viewerName, filter: filter).reversed()
    }
}

/// The rules of customer feedback, written once for every engine so each refuses in the same
/// words. The engines find the feedback as the actor may see it (feedback they may not see is
/// none at all) and pass what these rules read.
public enum FeedbackRules {
    /// The pieces of feedback in an answer: one per non-empty line, trimmed.
    public static func pieces(of answer: String) -> [String] {
        answer.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The `source` a session of `kind` gives its feedback; nil for a kind that gives none.
    public static func source(ofSessionKind kind: String) -> String? {
        ["one-on-one", "self-assessment"].contains(kind) ? kind : nil
    }

    /// The refusal for an id the actor may not see or that does not exist.
    public static func unknown(_ id: Int64) -> StoreError {
        .notAllowed("no customer feedback #\(id) that you can see; 'feedback' lists yours")
    }

    /// Refuses acting on or closing feedback that is no longer open.
    public static func checkOpen(_ feedback: CustomerFeedback) throws {
        switch feedback.status {
        case .open: return
        case .acted:
            throw StoreError.notAllowed("customer feedback #\(feedback.id) is already action item #\(feedback.actionItem ?? 0)"
                                        + "; 'actions' lists it")
        case .closed: throw StoreError.notAllowed("customer feedback #\(feedback.id) is already closed")
        }
    }

    /// The action item's text: the one given, else the feedback's (cut to an item's 2000 characters).
    public static func actionText(_ text: String?, feedback: CustomerFeedback) throws -> String {
        try ItemRules.validatedActionText(text ?? String(feedback.text.prefix(2_000)))
    }

    /// The action item's due day: the one given, else a week after `now`.
    public static func actionDue(_ due: String?, now: Date, calendar: Calendar = .current) throws -> String {
        if let due { return try ItemRules.validatedDue(due) }
        return DateAnswer.iso(calendar.date(byAdding: .day, value: 7, to: now) ?? now, calendar: calendar)
    }

    /// Who the action item is about and who owns it. A session's feedback: made by the rep or
    /// their manager, about the rep, owned by the rep (default) or their manager. A retro's: about
    /// its owner, who is the actor (default) or one of the actor's reps.
    public static func people(for feedback: CustomerFeedback, rep: Person?, repManager: Person?, owner: Person?,
                              actor: Person) throws -> (subject: Person, owner: Person) {
        if feedback.isFromSession {
            guard let rep else { throw unknown(feedback.id) }
            // Who may make an action item about the rep (a one-on-one's earlier author reads, no more).
            guard actor.id == rep.id || (rep.managerID != nil && actor.id == rep.managerID) else {
                throw StoreError.notAllowed("an action item on \(rep.name)'s customer feedback is made by \(rep.name) or their manager")
            }
            let owner = owner ?? rep
            guard owner.id == rep.id || (rep.managerID != nil && owner.id == rep.managerID) else {
                let allowed = repManager.map { "\(rep.name) or their manager \($0.name)" } ?? rep.name
                throw StoreError.notAllowed("an action item on \(rep.name)'s customer feedback is owned by \(allowed), not \(owner.name)")
            }
            return (rep, owner)
        }
        let owner = owner ?? actor
        guard owner.id == actor.id || (owner.managerID != nil && owner.managerID == actor.id) else {
            throw StoreError.notAllowed("an action item on a retro's customer feedback is owned by you or one of your reps, "
                                        + "not \(owner.name)")
        }
        return (owner, owner)
    }
}
