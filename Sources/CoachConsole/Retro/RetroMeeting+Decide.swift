import CoachCore
import CoachStore
import Foundation

/// The deciding half of the meeting: grouping, votes, action items, and the summary.
extension RetroMeeting {
    // MARK: Grouping

    /// The manager groups the items into topics (`2 5 7 Slow quotes`); an item left out becomes
    /// a topic of its own when grouping ends.
    func group(_ retro: RetroSummary) throws {
        var items = try orderedItems(retro)
        say("")
        guard !items.isEmpty else {
            say("No items were raised, so there is nothing to group or vote on.")
            return
        }
        say(bold("Grouping") + ": the item numbers, then the topic's title (e.g. \"2 5 7 Slow quotes\"). An item in no group")
        say("becomes a topic of its own. :list shows the items again; an empty line ends grouping.")
        showItems(items)
        while true {
            guard case let .text(line) = try read("group> ") else { throw Paused() }
            if line.isEmpty { break }
            if line.lowercased() == ":list" {
                items = try orderedItems(retro)
                showItems(items)
                continue
            }
            guard let (numbers, title) = Self.numbersThenText(line), !numbers.isEmpty else {
                say("  Start with item numbers, then the title: e.g. \"2 5 7 Slow quotes\".")
                continue
            }
            if let wrong = numbers.first(where: { !(1...items.count).contains($0) }) {
                say("  There is no item \(wrong); the items are numbered 1 to \(items.count).")
                continue
            }
            let chosen = numbers.map { items[$0 - 1] }
            let name = title.isEmpty ? chosen[0].text : title
            do {
                let topic = try store.groupRetroItems(retro: retro.id, items: chosen.map(\.id), title: name, by: manager.name)
                say(SafeText.escaped("  Topic \(topic.number): \(topic.title) (\(chosen.count) item\(chosen.count == 1 ? "" : "s"))",
                                     keepingNewlines: false))
                items = try orderedItems(retro)
            } catch let error as StoreError {
                say("  \(error.description)")
            }
        }
        for item in items where item.topic == nil {
            try store.groupRetroItems(retro: retro.id, items: [item.id], title: item.text, by: manager.name)
        }
    }

    /// The retro's items in the survey's order of lists (items added before the meeting without
    /// a list first), each list's items in the store's order (by text, never by who or when).
    private func orderedItems(_ retro: RetroSummary) throws -> [RetroItem] {
        let lists = survey.questions.map(\.id)
        let position = { (item: RetroItem) in item.list.flatMap { lists.firstIndex(of: $0) }.map { $0 + 1 } ?? 0 }
        return try store.retroBoard(id: retro.id, viewer: manager.name).items.enumerated()
            .sorted { (position($0.element), $0.offset) < (position($1.element), $1.offset) }.map(\.element)
    }

    private func showItems(_ items: [RetroItem]) {
        var table = Table("#", "LIST", "ITEM", "TOPIC")
        table.mayShrink("ITEM")
        for (index, item) in items.enumerated() {
            table.add(["\(index + 1)", item.list.map(listName) ?? "before", item.text, item.topic.map(String.init) ?? "-"])
        }
        say(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
    }

    /// The short name of a list (its question's id, spaced).
    func listName(_ id: String) -> String { id.replacingOccurrences(of: "_", with: " ") }

    /// `2 5, 7 Slow quotes` → ([2, 5, 7], "Slow quotes"): the leading whole numbers and the rest.
    static func numbersThenText(_ line: String) -> ([Int], String)? {
        var numbers: [Int] = []
        var rest = Substring(line)
        while true {
            rest = rest.drop { $0 == " " || $0 == "," || $0 == "\t" }
            let word = rest.prefix { !($0 == " " || $0 == "," || $0 == "\t" || $0 == ":") }
            guard !word.isEmpty, word.allSatisfy(\.isASCII), let number = Int(word) else { break }
            numbers.append(number)
            rest = rest.dropFirst(word.count)
        }
        let title = rest.trimmingCharacters(in: CharacterSet(charactersIn: " ,:\t-"))
        return (numbers, title)
    }

    // MARK: Voting

    /// Votes typed at the keyboard (`Ana 1 1 3`) beside those reps cast with `retro vote`; an
    /// empty line counts them, after asking when someone in the team has not voted.
    func closeVoting(_ retro: RetroSummary) throws {
        let board = try store.retroBoard(id: retro.id, viewer: manager.name)
        guard !board.topics.isEmpty else { return }
        say("")
        say(bold("Voting") + ": each person has \(retro.votesPerPerson) vote\(retro.votesPerPerson == 1 ? "" : "s") to spread over the "
            + "topics (one topic may get several).")
        showTopics(board.topics, tally: nil)
        say("Reps can vote on their own machine now with 'retro vote'. Here, type a name and their topic numbers")
        say("(\"Ana 1 1 3\"; a name alone clears their votes). An empty line counts the votes.")
        let members = try teamMembers()
        while true {
            guard case let .text(line) = try read("vote> ") else { throw Paused() }
            if line.isEmpty {
                let voted = Set(try store.voters(retro: retro.id, viewer: manager.name).map { $0.lowercased() })
                let missing = members.filter { !voted.contains($0.lowercased()) }
                say("  Voted: \(voted.count) of \(members.count)." + (missing.isEmpty ? "" : " Not yet: \(missing.joined(separator: ", "))."))
                if missing.isEmpty { return }
                guard case let .text(answer) = try read("  Close voting anyway? [y/N] ") else { throw Paused() }
                if ["y", "yes"].contains(answer.lowercased()) { return }
                continue
            }
            guard let (voter, topics) = Self.nameThenNumbers(line) else {
                say("  Type a name and their topic numbers, e.g. \"Ana 1 1 3\".")
                continue
            }
            do {
                try store.castVotes(retro: retro.id, voter: voter, topics: topics, by: manager.name)
                say(SafeText.escaped("  \(voter): " + (topics.isEmpty ? "no votes." : topics.map(String.init).joined(separator: ", ") + "."),
                                     keepingNewlines: false))
            } catch let error as StoreError {
                say("  \(error.description)")
            }
        }
    }

    /// `Lara Nakamura 1 1 3` → ("Lara Nakamura", [1, 1, 3]): the name and the trailing numbers.
    static func nameThenNumbers(_ line: String) -> (String, [Int])? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        var numbers: [Int] = []
        while let last = words.last, last.allSatisfy(\.isASCII), let number = Int(last) {
            numbers.insert(number, at: 0)
            words.removeLast()
        }
        let name = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " :"))
        return name.isEmpty ? nil : (name, numbers)
    }

    /// The names of the team's members, as the store spells them.
    private func teamMembers() throws -> [String] {
        try context.database().people().filter { $0.team?.lowercased() == team.lowercased() && $0.role != .hr }
            .map(\.name).filter { $0 != manager.name }.sorted()
    }

    func showTopics(_ topics: [RetroTopic], tally: [Int: Int]?) {
        var table = Table("#", "TOPIC", "VOTES")
        table.mayShrink("TOPIC")
        for topic in topics {
            table.add(["\(topic.number)", topic.title, (topic.votes ?? tally?[topic.number]).map(String.init) ?? "-"])
        }
        say(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
    }

    // MARK: Actions

    /// The topics with most votes first: for each, the action (an empty line skips it, `:done`
    /// ends), its owner (Enter: the manager) and due date (Enter: +7d).
    func agreeActions(_ retro: RetroSummary) throws {
        let board = try store.retroBoard(id: retro.id, viewer: manager.name)
        guard !board.topics.isEmpty else { return }
        let voted = board.topics.filter { ($0.votes ?? 0) > 0 }
        let ranked = (voted.isEmpty ? board.topics : voted).sorted { ($0.votes ?? 0, -$0.number) > ($1.votes ?? 0, -$1.number) }
        say("")
        say(bold("Action items") + ": for each top topic, the action (an empty line skips the topic, :done ends), its owner")
        say("(Enter: you) and its due date (Enter: +7d). They are reviewed at the team's next retro.")
        for action in board.actions {
            say(SafeText.escaped("  agreed: #\(action.id) \(action.text) — \(action.owner)" + (action.due.map { ", due \($0)" } ?? ""),
                                 keepingNewlines: false))
        }
        let owners = try teamMembers() + [manager.name]
        for topic in ranked {
            say("")
            say(SafeText.escaped("Topic \(topic.number): \(topic.title) (\(topic.votes ?? 0) vote\(topic.votes == 1 ? "" : "s"))",
                                 keepingNewlines: false))
            guard try agreeAction(retro, owners: owners) else { return }
        }
    }

    /// One action for the topic, owned by one of `owners`; false when the manager typed `:done`.
    /// A wrong owner or due date is asked again on its own, the action's text kept.
    private func agreeAction(_ retro: RetroSummary, owners members: [String]) throws -> Bool {
        while true {
            guard case let .text(text) = try read("  action: ") else { throw Paused() }
            if text.isEmpty { return true }
            if text.lowercased() == ":done" { return false }
            var owner: String?
            while owner == nil {
                guard case let .text(typed) = try read("  owner [\(manager.name)]: ") else { throw Paused() }
                if typed.isEmpty {
                    owner = manager.name
                } else if let match = members.first(where: { $0.lowercased() == typed.lowercased() }) {
                    owner = match
                } else {
                    let hint = suggestion(for: typed, among: members).map { " (did you mean \($0)?)" } ?? ""
                    say(SafeText.escaped("  \(typed) is not in \(team)\(hint): the owner is one of \(members.joined(separator: ", ")).",
                                         keepingNewlines: false))
                }
            }
            var due: String?
            while due == nil {
                guard case let .text(dueText) = try read("  due [+7d]: ") else { throw Paused() }
                switch DateAnswer.parseDue(dueText.isEmpty ? "+7d" : dueText, today: now()) {
                case let .success(day): due = day
                case let .failure(problem): say("  \(problem.reason)")
                }
            }
            do {
                let item = try store.addRetroAction(retro: retro.id, text: text, owner: owner ?? manager.name, due: due,
                                                    by: manager.name, at: now())
                say(SafeText.escaped("  → #\(item.id) \(item.text) — \(item.owner), due \(item.due ?? "-")", keepingNewlines: false))
                return true
            } catch let error as StoreError {
                say("  \(error.description); type the action again.")
            }
        }
    }

    // MARK: Summary

    func summarise(_ retro: RetroSummary) throws {
        let board = try store.retroBoard(id: retro.id, viewer: manager.name)
        say("")
        say(bold("Retrospective of \(retro.team) closed") + ": \(board.items.count) item\(board.items.count == 1 ? "" : "s"), "
            + "\(board.topics.count) topic\(board.topics.count == 1 ? "" : "s"), \(board.actions.count) action item\(board.actions.count == 1 ? "" : "s").")
        if !board.topics.isEmpty { showTopics(board.topics.sorted { ($0.votes ?? 0, -$0.number) > ($1.votes ?? 0, -$1.number) }, tally: nil) }
        for action in board.actions {
            say(SafeText.escaped("  #\(action.id) \(action.text) — \(action.owner)" + (action.due.map { ", due \($0)" } ?? ""),
                                 keepingNewlines: false))
        }
        if !board.actions.isEmpty { say("The open ones come back at the team's next retro ('retro --team \(ShellWords.quoted(retro.team))').") }
    }
}
