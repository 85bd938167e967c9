import ArgumentParser
import CoachCore
import CoachStore

/// Tab completion for the shell: command words, then a command's flags, flag values and the
/// people, teams, KPIs and surveys its arguments name. Derived from the command table.
struct Completion {
    let context: CommandContext

    /// Candidates for `word`, the word being typed, given the whole line before it. After an
    /// unclosed `"` (`trends "Sofia H`) the word is the text inside the quote and candidates come
    /// unquoted, for readline closes the quote; elsewhere a name with a space comes quoted
    /// (`trends Sofia` → `"Sofia Hansen"`).
    func candidates(line: String, word: String) -> [String] {
        let quote = ShellWords.openQuote(line)
        let before = ShellWords.splitLeniently(line)
        let typingWord = quote != nil || (!word.isEmpty && line.last?.isWhitespace != true)
        let typed = typingWord ? Array(before.dropLast()) : before
        var path: [String] = []
        var rest = typed[...]
        while let next = rest.first, let name = CommandTable.commandName(next, after: path) {
            path.append(name)
            rest = rest.dropFirst()
        }
        let commandWords = CommandTable.words(after: path)
        if !commandWords.isEmpty, rest.isEmpty {
            return filter(commandWords + (path.isEmpty ? ["exit"] : []), word, quote: quote)
        }
        guard let type = CommandTable.entries.first(where: { $0.path == path })?.type else { return [] }
        let facts = CommandFacts(type)
        if word.hasPrefix("-") { return filter(facts.flags, word, quote: quote) }
        if let flag = rest.last, flag.hasPrefix("--") {
            guard let option = facts.option(flag) else { return [] }
            return filter(option.valueKind.map(words(for:)) ?? option.listedValues, word, quote: quote)
        }
        if type == HelpCommand.self { return filter(helpWords(after: Array(rest)), word, quote: quote) }
        let kinds = facts.positionalKinds
        let position = positionalCount(rest, facts: facts)
        guard position < kinds.count, let kind = kinds[position] else { return [] }
        return filter(words(for: kind), word, quote: quote)
    }

    /// How many positional arguments `words` holds: options' values are not.
    private func positionalCount(_ words: ArraySlice<String>, facts: CommandFacts) -> Int {
        var count = 0
        var expectingValue = false
        for word in words {
            if expectingValue { expectingValue = false; continue }
            if word.hasPrefix("-") {
                expectingValue = facts.option(word) != nil && !word.contains("=")
                continue
            }
            count += 1
        }
        return count
    }

    /// The words `coach complete KIND` prints, one per line: each once, sorted, quoted where
    /// they hold a space.
    func values(for kind: ArgumentKind) -> [String] {
        Array(Set(words(for: kind).map(ShellWords.quoted))).sorted()
    }

    /// What an argument of `kind` may name, as it is (unquoted).
    private func words(for kind: ArgumentKind) -> [String] {
        switch kind {
        case .person, .manager, .rep, .managed, .visible, .related: people(kind)
        case .team: teams()
        case .command: CommandTable.words(after: [])
        case .survey: Array(context.catalog().surveys.keys)
        case .kpi: KPIs.known(in: context)
        case .value: (try? context.database().orgSettings().values) ?? []
        case .retroList: context.catalog().surveys[RetroCommand.survey]?.questions.map(\.id) ?? []
        }
    }

    /// The candidates that begin with `word` (any case), each once, sorted: inside an open `"`
    /// as they are typed there, elsewhere quoted where they must be.
    private func filter(_ candidates: [String], _ word: String, quote: Character?) -> [String] {
        let matches = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        let typed = matches.map { quote == "\"" ? ShellWords.insideDoubleQuotes($0) : quote == nil ? ShellWords.quoted($0) : $0 }
        return Array(Set(typed)).sorted()
    }

    private func helpWords(after words: [String]) -> [String] {
        CommandTable.words(after: words)
    }

    /// The people a person argument of `kind` offers to the person at the keyboard: the rules
    /// of who may act on whom, for completion, in one place. Your reps are the people you
    /// manage; HR may name anyone where HR sees everyone's data (quizzes) or sets goals. With
    /// nobody known at the keyboard, everyone.
    private func people(_ kind: ArgumentKind) -> [String] {
        let all = (try? context.database().people()) ?? []
        if kind == .manager { return all.filter { $0.role == .manager }.map(\.name) }
        guard kind != .person, let user = try? context.currentUser() else { return all.map(\.name) }
        let reps = all.filter { $0.manager == user.name }
        let me = all.filter { $0.name == user.name }
        let isHR = user.role == .hr
        let offered: [PersonSummary] = switch kind {
        case .rep: reps
        case .managed: isHR ? all : reps
        case .visible: isHR ? all : me + reps
        case .related: me + reps
        default: all
        }
        return offered.map(\.name)
    }

    private func teams() -> [String] {
        let all = (try? context.database().people()) ?? []
        return all.compactMap(\.team)
    }
}
