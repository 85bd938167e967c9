import ArgumentParser
import CoachCore
import CoachStore

/// Tab completion for the shell: command words, then a command's flags, flag values and the
/// people, teams, KPIs and surveys its arguments name. Derived from the command table.
struct Completion {
    let context: CommandContext

    /// Candidates for `word`, the word being typed, given the whole line before it.
    func candidates(line: String, word: String) -> [String] {
        let before = ShellWords.splitLeniently(line)
        let typed = word.isEmpty || line.last?.isWhitespace == true ? before : Array(before.dropLast())
        var path: [String] = []
        var rest = typed[...]
        while let next = rest.first, CommandTable.words(after: path).contains(next) {
            path.append(next)
            rest = rest.dropFirst()
        }
        let commandWords = CommandTable.words(after: path)
        if !commandWords.isEmpty, rest.isEmpty {
            return filter(commandWords + (path.isEmpty ? ["exit"] : []), word)
        }
        guard let type = CommandTable.entries.first(where: { $0.path == path })?.type else { return [] }
        let facts = CommandFacts(type)
        if word.hasPrefix("-") { return filter(facts.flags, word) }
        if let flag = rest.last, flag.hasPrefix("--") {
            guard let option = facts.option(flag) else { return [] }
            return filter(option.valueKind.map(values(for:)) ?? option.listedValues, word)
        }
        if type == HelpCommand.self { return filter(helpWords(after: Array(rest)), word) }
        let kinds = facts.positionalKinds
        let position = positionalCount(rest, facts: facts)
        guard position < kinds.count, let kind = kinds[position] else { return [] }
        return filter(values(for: kind), word)
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

    /// The words `coach complete KIND` prints, one per line: each once, sorted.
    func values(for kind: ArgumentKind) -> [String] {
        let words: [String]
        switch kind {
        case .person: words = people(role: nil)
        case .manager: words = people(role: .manager)
        case .team: words = teams()
        case .command: words = CommandTable.words(after: [])
        case .survey: words = Array(context.catalog().surveys.keys)
        case .kpi: words = KPIs.known(in: context)
        }
        return Array(Set(words)).sorted()
    }

    private func filter(_ candidates: [String], _ word: String) -> [String] {
        let matches = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return Array(Set(matches)).sorted()
    }

    private func helpWords(after words: [String]) -> [String] {
        CommandTable.words(after: words)
    }

    private func people(role: Role?) -> [String] {
        let all = (try? context.database().people()) ?? []
        return all.filter { role == nil || $0.role == role }.map(\.name).map(quotedIfNeeded)
    }

    private func teams() -> [String] {
        let all = (try? context.database().people()) ?? []
        return all.compactMap(\.team).map(quotedIfNeeded)
    }

    private func quotedIfNeeded(_ name: String) -> String {
        name.contains(" ") ? "\"\(name)\"" : name
    }
}
