/// The keys shown beside a question's choices: the values where all values are numbers
/// (WHO-5 shows 5 … 0), else letters a, b, c … in the order shown.
public struct ChoiceKeys: Sendable {
    public let choices: [Choice]
    public let keys: [String]

    public init(_ choices: [Choice]) {
        self.choices = choices
        if !choices.isEmpty, choices.allSatisfy({ $0.value.number != nil }) {
            keys = choices.map(\.value.description)
        } else {
            keys = choices.indices.map(ChoiceKeys.letter)
        }
    }

    /// a … z, then aa, ab … zz, aaa … for long lists.
    static func letter(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var rest = index + 1, key = ""
        while rest > 0 {
            rest -= 1
            key = String(letters[rest % 26]) + key
            rest /= 26
        }
        return key
    }

    /// Reads one choice: its key, its label, or a unique prefix of a label (case-insensitive).
    public func choice(for text: String) -> Result<Choice, AnswerProblem> {
        let typed = text.lowercased()
        if let index = keys.firstIndex(where: { $0.lowercased() == typed }) { return .success(choices[index]) }
        if let exact = choices.first(where: { $0.label.lowercased() == typed }) { return .success(exact) }
        let matches = choices.filter { $0.label.lowercased().hasPrefix(typed) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.count > 1 {
            let labels = matches.map { "'\($0.label)'" }.joined(separator: ", ")
            return .failure(AnswerProblem("\(AnswerProblem.quoted(text)) matches more than one choice (\(labels)); type more of it or its key."))
        }
        return .failure(AnswerProblem("\(AnswerProblem.quoted(text)) is not one of the choices; type a key (\(keyRange)) or the start of a label."))
    }

    /// Reads several choices by key, separated by commas or spaces.
    public func choices(for text: String) -> Result<[Choice], AnswerProblem> {
        let words = text.lowercased().split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
        var picked: [Int] = []
        for word in words {
            guard let index = keys.firstIndex(where: { $0.lowercased() == word }) else {
                return .failure(AnswerProblem("\(AnswerProblem.quoted(word)) is not one of the keys (\(keyRange)); separate keys with commas or spaces, e.g. a,c."))
            }
            if !picked.contains(index) { picked.append(index) }
        }
        guard !picked.isEmpty else { return .failure(AnswerProblem("Pick at least one key, e.g. a,c.")) }
        return .success(picked.sorted().map { choices[$0] })
    }

    /// `a–d`, or `5–0` for numeric keys.
    var keyRange: String {
        guard let first = keys.first, let last = keys.last else { return "none" }
        return keys.count == 1 ? first : "\(first)–\(last)"
    }
}

/// Why a typed answer was not accepted, worded for the person who typed it.
public struct AnswerProblem: Error, Equatable, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }

    /// What the person typed, quoted for a message: a long line (a paste) is shown by its start
    /// and its length, not echoed back whole.
    public static func quoted(_ typed: String) -> String {
        typed.count > 40 ? "'\(typed.prefix(40))…' (\(typed.count) characters)" : "'\(typed)'"
    }
}
