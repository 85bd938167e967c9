/// Splits a script of SQL statements written by coach at the `;` that end them, keeping those
/// inside quotes, dollar-quoted bodies and comments: the extended protocol postgres-nio speaks
/// runs one statement at a time.
public enum SQLScript {
    public static func statements(in script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var index = script.startIndex
        var dollarTag: String?
        var inQuote = false
        var inComment = false
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { statements.append(trimmed) }
            current = ""
        }
        while index < script.endIndex {
            let character = script[index]
            let rest = script[index...]
            if inComment {
                if character == "\n" { inComment = false }
            } else if let tag = dollarTag {
                if rest.hasPrefix(tag) {
                    current += tag
                    index = script.index(index, offsetBy: tag.count)
                    dollarTag = nil
                    continue
                }
            } else if inQuote {
                if character == "'" { inQuote = false }
            } else if character == "'" {
                inQuote = true
            } else if rest.hasPrefix("--") {
                inComment = true
                index = script.index(after: index)
                continue
            } else if character == "$", let tag = Self.dollarTag(at: rest) {
                dollarTag = tag
                current += tag
                index = script.index(index, offsetBy: tag.count)
                continue
            } else if character == ";" {
                flush()
                index = script.index(after: index)
                continue
            }
            if !inComment { current.append(character) }
            index = script.index(after: index)
        }
        flush()
        return statements
    }

    /// `$$` or `$tag$` at the start of `text`, if one is there.
    private static func dollarTag(at text: Substring) -> String? {
        let body = text.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let after = text.dropFirst(1 + body.count)
        guard after.first == "$", body.first.map({ !$0.isNumber }) ?? true else { return nil }
        return "$\(body)$"
    }
}
