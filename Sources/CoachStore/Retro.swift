import CoachCore
import Foundation

/// Where a team retrospective is: the manager moves it forward, one stage at a time.
public enum RetroStage: String, Sendable, Codable, CaseIterable, Comparable {
    /// Items are being said and typed (and reps' `retro add` items join it).
    case gathering
    /// The manager groups the items into topics.
    case grouping
    /// The team votes on the topics (`retro vote` works only now).
    case voting
    /// The top topics become action items.
    case actions
    case closed

    public static func < (lhs: RetroStage, rhs: RetroStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One retrospective of a team.
public struct RetroSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var team: String
    /// The manager who ran it; nil once they left the store.
    public var manager: String?
    public var openedAt: Date
    public var closedAt: Date?
    public var stage: RetroStage
    public var votesPerPerson: Int

    public init(id: Int64, team: String, manager: String?, openedAt: Date, closedAt: Date?, stage: RetroStage,
                votesPerPerson: Int) {
        self.id = id
        self.team = team
        self.manager = manager
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.stage = stage
        self.votesPerPerson = votesPerPerson
    }
}

/// One thing said at (or before) a retrospective.
public struct RetroItem: Sendable, Equatable, Codable {
    /// Random, so that ids say nothing about who added what when.
    public var id: Int64
    /// The `team-retro` question it answers (`went_well` …); nil for an item added before the
    /// meeting without one.
    public var list: String?
    public var text: String
    /// Who added it under their name (`retro add` without `--anonymous`); nil for an anonymous
    /// item and for one typed at the meeting.
    public var author: String?
    /// The day it was added, `YYYY-MM-DD` (never the time).
    public var addedOn: String
    /// The topic it was grouped into; nil before grouping.
    public var topic: Int?

    public init(id: Int64, list: String?, text: String, author: String?, addedOn: String, topic: Int?) {
        self.id = id
        self.list = list
        self.text = text
        self.author = author
        self.addedOn = addedOn
        self.topic = topic
    }
}

/// A group of items the team votes on.
public struct RetroTopic: Sendable, Equatable, Codable {
    /// 1, 2, 3 … within its retro.
    public var number: Int
    public var title: String
    /// The votes it received, counted when voting closed; nil before.
    public var votes: Int?

    public init(number: Int, title: String, votes: Int?) {
        self.number = number
        self.title = title
        self.votes = votes
    }
}

/// Everything a viewer may see of one retrospective.
public struct RetroBoard: Sendable, Equatable {
    public var retro: RetroSummary
    /// Ordered by list, then text (never by when they were added).
    public var items: [RetroItem]
    public var topics: [RetroTopic]
    /// The action items agreed at it.
    public var actions: [ActionItemView]

    public init(retro: RetroSummary, items: [RetroItem], topics: [RetroTopic], actions: [ActionItemView]) {
        self.retro = retro
        self.items = items
        self.topics = topics
        self.actions = actions
    }
}

/// What the manager decides for an action item of an earlier retro.
public enum RetroActionDecision: String, Sendable, CaseIterable {
    case done, carry, drop
}

/// The team's retrospective (`retro --team T`, `retro add`, `retro vote`), which every engine
/// offers. A team's members and its manager (`team.manager_id`) see its retros; HR does not.
/// Only the team's manager runs one. Items added anonymously keep no link to their author.
public protocol RetroStore {
    /// The team's open retro, if any; the viewer must be in the team or its manager.
    func openRetro(team: String, viewer: String) throws -> RetroSummary?
    /// The team's retros, newest first; the viewer must be in the team or its manager.
    func retros(team: String, viewer: String) throws -> [RetroSummary]
    /// Opens a retro of `team`, run by its manager `manager`; the items waiting for it (added
    /// before the meeting) join it. Refused while one is open.
    func startRetro(team: String, by manager: String, surveyHash: String?, votesPerPerson: Int, at now: Date) throws
        -> RetroSummary
    /// Adds an item: to the team's open retro while it is gathering, else waiting for the next one.
    /// `team` nil means the adder's own team. With `anonymous`, no author is kept (refused
    /// unless the organisation's `retro-anonymous` is on); an item typed by the manager at the
    /// meeting is stored with `anonymous` too (it belongs to the team). Customer feedback
    /// lists (`customerFeedback`) also become customer feedback rows of the team.
    @discardableResult
    func addRetroItem(team: String?, list: String?, text: String, anonymous: Bool, customerFeedback: CustomerFeedbackKind?,
                      by person: String, at now: Date) throws -> RetroItem
    /// Everything of retro `id` the viewer may see.
    func retroBoard(id: Int64, viewer: String) throws -> RetroBoard
    /// Moves the retro to `stage` (only forward); the team's manager only. Moving to `actions`
    /// counts each topic's votes into it; moving to `closed` stamps `closed_at`.
    func setRetroStage(id: Int64, to stage: RetroStage, by manager: String, at now: Date) throws
    /// Makes a topic of `items` (ids of the retro's items) titled `title`; returns it. Only while
    /// grouping, by the team's manager. An item already in a topic moves to the new one.
    @discardableResult
    func groupRetroItems(retro id: Int64, items: [Int64], title: String, by manager: String) throws -> RetroTopic
    /// Replaces `voter`'s votes in the retro with `topics` (a topic number once per vote; at most
    /// the retro's votes per person). Only while voting; by the voter (a team member) or the
    /// team's manager entering them at the keyboard.
    func castVotes(retro id: Int64, voter: String, topics: [Int], by actor: String) throws
    /// Votes per topic number so far; the team's manager only (others see counts once voting closed).
    func voteTally(retro id: Int64, viewer: String) throws -> [Int: Int]
    /// Who has voted so far (names); the team's manager only.
    func voters(retro id: Int64, viewer: String) throws -> [String]
    /// Adds an action item agreed at the retro, owned by a member of the team or its manager
    /// (`owner`), about its owner. The team's manager only, while the retro is open.
    @discardableResult
    func addRetroAction(retro id: Int64, text: String, owner: String, due: String?, by manager: String, at now: Date) throws
        -> ActionItemView
    /// The open action items of the team's earlier (closed) retros, oldest first.
    func retroActionsToReview(team: String, viewer: String) throws -> [ActionItemView]
    /// Applies the manager's decision on an action item of an earlier retro of the team
    /// (done, carry one more time, drop).
    func reviewRetroAction(id: Int64, decision: RetroActionDecision, by manager: String, at now: Date) throws
}

/// The rules of retros, written once for every engine so each refuses in the same words.
public enum RetroRules {
    /// The text trimmed, when it is 1 to 500 characters of plain text.
    public static func validatedText(_ text: String, what: String = "a retro item") throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 500 else {
            throw StoreError.invalidText("\(what) needs 1 to 500 characters of plain text")
        }
        if let problem = PlainText.problem(in: text) {
            throw StoreError.invalidText("\(what) cannot contain \(problem)")
        }
        return text
    }

    /// Refuses more votes than the retro gives each person, and topics it does not have.
    public static func checkVotes(_ topics: [Int], allowed: Int, topicNumbers: Set<Int>) throws {
        guard topics.count <= allowed else {
            throw StoreError.invalidText("each person has \(allowed) vote\(allowed == 1 ? "" : "s"); \(topics.count) were given")
        }
        if let unknown = topics.first(where: { !topicNumbers.contains($0) }) {
            let known = topicNumbers.sorted().map(String.init).joined(separator: ", ")
            throw StoreError.invalidText("there is no topic \(unknown) in this retro (topics: \(known.isEmpty ? "none yet" : known))")
        }
    }

    /// The votes each person gets when the manager does not say (`retro --votes N`).
    public static let defaultVotesPerPerson = 3
}
