import CoachCore
import CoachStore
import Foundation

/// The team retrospective as the manager runs it at the team meeting (`retro --team T`): the
/// last retro's action items, the lists of the `team-retro` survey, grouping, votes, and the
/// top topics turned into action items. Every line is stored the moment it is typed, so Ctrl-C
/// or `:pause` loses nothing: `retro --team T` again continues at the same stage.
struct RetroMeeting {
    let context: CommandContext
    let store: any RetroStore
    let survey: Survey
    let manager: Person
    let team: String

    /// Why the meeting stopped early.
    struct Paused: Error {}

    /// One line from the manager: text, or a request to pause.
    enum Input: Equatable {
        case text(String)
        case pause
    }

    /// Opens or continues the team's retro and walks it to the end; returns false when paused.
    @discardableResult
    func run(votesPerPerson: Int?) throws -> Bool {
        var retro: RetroSummary
        if let open = try store.openRetro(team: team, viewer: manager.name) {
            retro = open
            if let votesPerPerson, votesPerPerson != open.votesPerPerson {
                say("This retro was opened with \(open.votesPerPerson) votes per person; --votes applies to a new one.")
            }
            say(bold("Continuing the retrospective of \(open.team)") + " (opened \(DateAnswer.iso(open.openedAt)), at \(open.stage.rawValue)).")
        } else {
            let reviews = try store.retroActionsToReview(team: team, viewer: manager.name)
            retro = try store.startRetro(team: team, by: manager.name, surveyHash: survey.contentHash,
                                         votesPerPerson: votesPerPerson ?? RetroRules.defaultVotesPerPerson, at: now())
            say(bold("\(survey.title) of \(retro.team)") + ", \(DateAnswer.iso(retro.openedAt)). Each person has "
                + "\(retro.votesPerPerson) vote\(retro.votesPerPerson == 1 ? "" : "s").")
            if let intro = survey.intro { say(intro) }
            say("Ctrl-C or :pause stops; everything typed is kept and 'retro --team \(ShellWords.quoted(retro.team))' continues.")
            do {
                try reviewEarlierActions(reviews)
            } catch is Paused {
                return paused(retro)
            }
        }
        do {
            while retro.stage != .closed {
                switch retro.stage {
                case .gathering: try gather(retro)
                case .grouping: try group(retro)
                case .voting: try closeVoting(retro)
                case .actions: try agreeActions(retro)
                case .closed: break
                }
                let next = RetroStage.allCases[RetroStage.allCases.firstIndex(of: retro.stage)! + 1]
                try store.setRetroStage(id: retro.id, to: next, by: manager.name, at: now())
                retro.stage = next
            }
        } catch is Paused {
            return paused(retro)
        }
        try summarise(retro)
        return true
    }

    private func paused(_ retro: RetroSummary) -> Bool {
        say("")
        say("Paused the retrospective of \(retro.team) at \(retro.stage.rawValue): everything typed so far is kept. "
            + "'retro --team \(ShellWords.quoted(retro.team))' continues.")
        return false
    }

    // MARK: The last retro's action items

    /// Done, carry or drop for each open action item of the team's earlier retros.
    private func reviewEarlierActions(_ items: [ActionItemView]) throws {
        guard !items.isEmpty else { return }
        say("")
        say(bold("Action items from earlier retros") + " — done, carry or drop (d, c, x); Enter carries.")
        for item in items {
            var line = "  #\(item.id) \(item.text) — \(item.owner)"
            if let due = item.due { line += ", due \(due)" }
            say(SafeText.escaped(line, keepingNewlines: false))
            while true {
                guard case let .text(answer) = try read("  [c]: ") else { throw Paused() }
                let decision: RetroActionDecision? = switch answer.lowercased() {
                case "", "c", "carry": .carry
                case "d", "done": .done
                case "x", "drop": .drop
                default: nil
                }
                guard let decision else {
                    say("  Type d (done), c (carry) or x (drop).")
                    continue
                }
                try store.reviewRetroAction(id: item.id, decision: decision, by: manager.name, at: now())
                break
            }
        }
    }

    // MARK: Gathering

    /// The survey's lists, one item per line, each stored as it is typed.
    private func gather(_ retro: RetroSummary) throws {
        let waiting = try store.retroBoard(id: retro.id, viewer: manager.name).items
        if !waiting.isEmpty {
            say("")
            say(bold("Added before the meeting") + " (\(waiting.count)):")
            for item in waiting { say(SafeText.escaped("  - \(item.text)", keepingNewlines: false)) }
        }
        var index = 0
        var section: String?
        while index < survey.questions.count {
            let question = survey.questions[index]
            if let title = question.section, title != section {
                section = title
                say("")
                say(bold(title))
            }
            say("")
            say(SafeText.escaped(question.text, keepingNewlines: false) + " " + dim("(one per line; an empty line ends the list)"))
            switch try readList(question, retro: retro) {
            case .next: index += 1
            case .back:
                if index > 0 { index -= 1 }
                section = nil
            }
        }
    }

    private enum ListEnd { case next, back }

    private func readList(_ question: Question, retro: RetroSummary) throws -> ListEnd {
        while true {
            guard case let .text(line) = try read("+ ") else { throw Paused() }
            switch line.lowercased() {
            case "", ".": return .next
            case ":back": return .back
            case ":help":
                say(question.help.map { SafeText.escaped($0, keepingNewlines: false) } ?? "Type one item per line.")
                say(":back returns to the previous list, :pause stops; an empty line ends this list.")
                continue
            case ":skip": return .next
            default: break
            }
            do {
                try store.addRetroItem(team: retro.team, list: question.id, text: line, anonymous: true,
                                       customerFeedback: question.customerFeedback, by: manager.name, at: now())
            } catch let error as StoreError {
                say("  \(error.localizedDescription); type it again.")
            }
        }
    }

    // MARK: Reading

    /// One line from the manager; `:pause`, Ctrl-C and the end of input pause. Lines that
    /// cannot be stored (control characters, invalid UTF-8) are refused and asked again.
    func read(_ prompt: String) throws -> Input {
        let reader = context.reader ?? PlainLineReader(fileDescriptor: STDIN_FILENO)
        while true {
            switch reader.readLine(prompt: prompt) {
            case .interrupted, .endOfInput: return .pause
            case let .line(raw):
                let text = raw.trimmingCharacters(in: .whitespaces)
                if let problem = AnswerInput.problem(with: text) {
                    say("  \(problem)")
                    continue
                }
                return text.lowercased() == ":pause" ? .pause : .text(text)
            }
        }
    }

    func say(_ text: String) { context.console.line(text) }
    func bold(_ text: String) -> String { context.console.styled(SafeText.escaped(text, keepingNewlines: false), .bold) }
    func dim(_ text: String) -> String { context.console.styled(text, .dim) }
    func now() -> Date { context.clock.now() }
}
