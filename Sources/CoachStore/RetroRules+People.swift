import CoachCore
import Foundation

/// A team as the rules of its retros need it: who runs it.
public struct RetroTeam: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// `team.manager_id`: the one who runs its retros; nil when it has no manager.
    public var managerID: Int64?

    public init(id: Int64, name: String, managerID: Int64?) {
        self.id = id
        self.name = name
        self.managerID = managerID
    }

    /// Whether `person` is the team's manager.
    public func isRun(by person: Person) -> Bool { managerID != nil && person.id == managerID }

    /// Whether `person` takes part in its retros: a member (not HR) or its manager.
    public func takesPart(_ person: Person) -> Bool {
        isRun(by: person) || (person.teamID == id && person.role != .hr)
    }
}

/// Who may do what in a team's retro, written once for every engine.
extension RetroRules {
    /// Members and the manager see a team's retros; anyone else is refused. With `retro` (a retro
    /// asked for by number), an outsider is told there is no such retro.
    public static func checkViewer(_ viewer: Person, team: RetroTeam, retro: Int64? = nil) throws {
        guard team.takesPart(viewer) else {
            if let retro { throw StoreError.unknownRetro(retro) }
            throw StoreError.notAllowed("the retros of \(team.name) are for its members and its manager")
        }
    }

    /// Only the team's manager runs its retro (`what` says the part of it).
    public static func checkManager(_ actor: Person, team: RetroTeam, retro: Int64? = nil, what: String = "runs its retro") throws {
        guard team.isRun(by: actor) else {
            if let retro, !team.takesPart(actor) { throw StoreError.unknownRetro(retro) }
            throw StoreError.notAllowed("only \(team.name)'s manager \(what)")
        }
    }

    /// A member adds items to their own team, the manager to the team they run; anonymously only
    /// the manager (typing at the meeting) or when the organisation allows it.
    public static func checkAdder(_ adder: Person, team: RetroTeam, anonymous: Bool, anonymousAllowed: Bool) throws {
        guard team.takesPart(adder) else {
            throw StoreError.notAllowed("a retro item is added by a member of the team or its manager, and "
                + "\(adder.name) is not in \(team.name)")
        }
        if anonymous && !team.isRun(by: adder) && !anonymousAllowed {
            throw StoreError.notAllowed("anonymous retro items are off in this organisation; "
                + "HR turns them on with 'org set retro-anonymous on' (or add the item under your name)")
        }
    }

    /// A voter is a member or the manager; each casts their own votes, the manager may enter anyone's.
    public static func checkVoter(_ voter: Person, actor: Person, team: RetroTeam) throws {
        guard voter.id == actor.id || team.isRun(by: actor) else {
            throw StoreError.notAllowed("each person casts their own votes; only \(team.name)'s manager enters another's")
        }
        guard team.takesPart(voter) else {
            throw StoreError.notAllowed("\(voter.name) is not in \(team.name); the team and its manager vote")
        }
    }

    /// An action of the retro is owned by a member or the manager.
    public static func checkOwner(_ owner: Person, team: RetroTeam) throws {
        guard team.takesPart(owner) else {
            throw StoreError.notAllowed("an action of \(team.name)'s retro is owned by a member of the team "
                + "or its manager; \(owner.name) is neither")
        }
    }

    /// Refuses what needs the retro at `needed` when it is at `stage`.
    public static func checkStage(_ stage: RetroStage, is needed: RetroStage, retro: Int64, for what: String) throws {
        guard stage == needed else {
            throw StoreError.retroStage("\(what) while the retro is \(needed.rawValue); retro #\(retro) is \(stage.rawValue)")
        }
    }

    /// Refuses a move that is not forward.
    public static func checkMove(from stage: RetroStage, to next: RetroStage, retro: Int64) throws {
        guard next > stage else {
            throw StoreError.retroStage("retro #\(retro) is already at \(stage.rawValue); it moves only forward, "
                + "to a stage after \(stage.rawValue)")
        }
    }

    /// Refuses more than 20 votes per person, or fewer than 1.
    public static func checkVotesPerPerson(_ votes: Int) throws {
        guard (1...20).contains(votes) else {
            throw StoreError.invalidText("votes per person must be 1 to 20, not \(votes)")
        }
    }

    /// A retro item's list (a question id of the team-retro survey), trimmed; nil when empty.
    public static func validatedList(_ list: String?) throws -> String? {
        guard let list = list?.trimmingCharacters(in: .whitespacesAndNewlines), !list.isEmpty else { return nil }
        guard list.count <= 60, PlainText.problem(in: list) == nil, !list.contains(where: \.isWhitespace) else {
            throw StoreError.invalidText("a retro list is a question id of the team-retro survey (e.g. went_well), not '\(list)'")
        }
        return list
    }

    /// A random id for a retro item, which says nothing about who added it when.
    public static func randomItemID() -> Int64 { Int64.random(in: 1...(1 << 52)) }
}
