/// Splits a shell line into words the way a POSIX shell would for simple cases:
/// whitespace separates, '…' and "…" quote, a backslash escapes the next character. Free text
/// is typed without quotes, so an apostrophe is one: a `'` quotes only at the start of a word
/// and when the line closes it (`agenda add Let's review 'the ACME deal'`).
enum ShellWords {
    /// The words of `line`; throws `CoachError.unbalancedQuote` for an unclosed quote.
    static func split(_ line: String) throws(CoachError) -> [String] {
        let (words, open) = scan(line)
        if open != nil { throw .unbalancedQuote }
        return words
    }

    /// The quote `line` leaves open (`"` in `trends "Sofia H`), if any: the last word is typed
    /// inside it.
    static func openQuote(_ line: String) -> Character? { scan(line).openQuote }

    /// `word` as it must be typed inside double quotes: `"` and `\` escaped.
    static func insideDoubleQuotes(_ word: String) -> String {
        word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// `word` as it must be typed to come back as one word: in double quotes (with `"` and `\`
    /// escaped) when it holds whitespace, a quote or a backslash, else as it is.
    static func quoted(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "\\" }) else {
            return word
        }
        return "\"" + insideDoubleQuotes(word) + "\""
    }

    /// The words of a partial line, an unclosed quote taken as closed (for completion).
    static func splitLeniently(_ line: String) -> [String] { scan(line).words }

    private static func scan(_ line: String) -> (words: [String], openQuote: Character?) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        let characters = Array(line)
        for (index, character) in characters.enumerated() {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\\":
                escaped = true
                inWord = true
            case "'" where inWord || !closed(characters, after: index):
                current.append(character)  // an apostrophe
                inWord = true
            case "'", "\"":
                quote = character
                inWord = true
            case _ where character.isWhitespace:
                if inWord { words.append(current) }
                current = ""
                inWord = false
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return (words, quote)
    }

    /// Whether a `'` after `index` ends a word (is followed by whitespace or the line's end),
    /// so the one at `index` opens a quote that this line closes.
    private static func closed(_ characters: [Character], after index: Int) -> Bool {
        characters.indices.contains { later in
            later > index && characters[later] == "'"
                && (later + 1 == characters.count || characters[later + 1].isWhitespace)
        }
    }
}
