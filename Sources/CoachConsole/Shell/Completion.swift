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
        if word.hasPrefix("-") { return filter(CommandTable.flags(of: type), word) }
        if let flag = rest.last, flag.hasPrefix("--") { return filter(values(forFlag: flag), word) }
        let kinds = (type as? any CoachCommand.Type)?.argumentKinds ?? []
        let position = rest.filter { !$0.hasPrefix("-") }.count
        if type == HelpCommand.self { return filter(helpWords(after: Array(rest)), word) }
        guard position < kinds.count else { return [] }
        return filter(values(for: kinds[position]), word)
    }

    private func filter(_ candidates: [String], _ word: String) -> [String] {
        let matches = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return Array(Set(matches)).sorted()
    }

    private func helpWords(after words: [String]) -> [String] {
        CommandTable.words(after: words)
    }

    private func values(forFlag flag: String) -> [String] {
        switch flag {
        case "--role": return Role.allCases.map(\.rawValue)
        case "--manager": return people(role: .manager)
        case "--for": return people(role: nil)
        case "--team": return teams()
        default: return []
        }
    }

    private func values(for kind: ArgumentKind) -> [String] {
        switch kind {
        case .person: return people(role: nil)
        case .team: return teams()
        case .command: return CommandTable.words(after: [])
        case .survey: return Array(context.catalog().surveys.keys)
        case .kpi: return KPIs.known(in: context)
        case .none: return []
        }
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
