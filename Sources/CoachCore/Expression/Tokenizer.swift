/// One lexical token of an expression, with its 0-based offset in Unicode scalars.
struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        case string(String)
        case identifier(String)
        case dot
        case plus, minus, star, slash
        case equal, notEqual, less, lessEqual, greater, greaterEqual
        case leftParen, rightParen, comma
        case end
    }

    let kind: Kind
    let offset: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .number(let n): return formatNumber(n)
        case .string: return "string"
        case .identifier(let name): return "'\(name)'"
        case .dot: return "'.'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .equal: return "'='"
        case .notEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .end: return "end of expression"
        }
    }
}

/// Splits expression text into tokens.
enum Tokenizer {
    static func tokenize(_ text: String) -> Result<[Token], ExpressionError> {
        let s = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func at(_ j: Int) -> Unicode.Scalar? { j < s.count ? s[j] : nil }
        while i < s.count {
            let c = s[i]
            let start = i
            switch c {
            case " ", "\t", "\n", "\r":
                i += 1
                continue
            case "+": tokens.append(Token(kind: .plus, offset: start)); i += 1
            case "-": tokens.append(Token(kind: .minus, offset: start)); i += 1
            case "*": tokens.append(Token(kind: .star, offset: start)); i += 1
            case "/": tokens.append(Token(kind: .slash, offset: start)); i += 1
            case "(": tokens.append(Token(kind: .leftParen, offset: start)); i += 1
            case ")": tokens.append(Token(kind: .rightParen, offset: start)); i += 1
            case ",": tokens.append(Token(kind: .comma, offset: start)); i += 1
            case "=":
                i += at(i + 1) == "=" ? 2 : 1
                tokens.append(Token(kind: .equal, offset: start))
            case "!":
                guard at(i + 1) == "=" else {
                    return .failure(ExpressionError(offset: start, message: "unexpected '!' (use 'not', or '!=')"))
                }
                tokens.append(Token(kind: .notEqual, offset: start)); i += 2
            case "<":
                if at(i + 1) == "=" {
                    tokens.append(Token(kind: .lessEqual, offset: start)); i += 2
                } else if at(i + 1) == ">" {
                    tokens.append(Token(kind: .notEqual, offset: start)); i += 2
                } else {
                    tokens.append(Token(kind: .less, offset: start)); i += 1
                }
            case ">":
                if at(i + 1) == "=" {
                    tokens.append(Token(kind: .greaterEqual, offset: start)); i += 2
                } else {
                    tokens.append(Token(kind: .greater, offset: start)); i += 1
                }
            case "'", "\"":
                var j = i + 1
                var value = String.UnicodeScalarView()
                while j < s.count, s[j] != c {
                    value.append(s[j])
                    j += 1
                }
                guard j < s.count else {
                    return .failure(ExpressionError(offset: start, message: "unterminated string (missing closing \(c))"))
                }
                tokens.append(Token(kind: .string(String(value)), offset: start))
                i = j + 1
            case ".":
                if let next = at(i + 1), isDigit(next) {
                    switch scanNumber(s, from: i) {
                    case .success(let (value, end)):
                        tokens.append(Token(kind: .number(value), offset: start)); i = end
                    case .failure(let error): return .failure(error)
                    }
                } else {
                    tokens.append(Token(kind: .dot, offset: start)); i += 1
                }
            default:
                if isDigit(c) {
                    var j = i
                    while let d = at(j), isWordCharacter(d) { j += 1 }
                    let word = String(String.UnicodeScalarView(s[i..<j]))
                    if word.unicodeScalars.contains(where: { !isDigit($0) }) && !isExponentWord(word) {
                        tokens.append(Token(kind: .identifier(word), offset: start)); i = j
                    } else {
                        switch scanNumber(s, from: i) {
                        case .success(let (value, end)):
                            tokens.append(Token(kind: .number(value), offset: start)); i = end
                        case .failure(let error): return .failure(error)
                        }
                    }
                } else if isWordCharacter(c) {
                    var j = i
                    while let d = at(j), isWordCharacter(d) { j += 1 }
                    tokens.append(Token(kind: .identifier(String(String.UnicodeScalarView(s[i..<j]))), offset: start))
                    i = j
                } else {
                    return .failure(ExpressionError(offset: start, message: "unexpected character '\(c)'"))
                }
            }
        }
        tokens.append(Token(kind: .end, offset: s.count))
        return .success(tokens)
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "_"
    }

    /// `1e5`, `2E10`: digits, one e, digits.
    private static func isExponentWord(_ word: String) -> Bool {
        let parts = word.lowercased().split(separator: "e", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// digits [. digits] [e [+-] digits], from `start`; returns the value and the end offset.
    private static func scanNumber(_ s: [Unicode.Scalar], from start: Int) -> Result<(Double, Int), ExpressionError> {
        var j = start
        func digits() { while j < s.count, isDigit(s[j]) { j += 1 } }
        digits()
        if j < s.count, s[j] == ".", j + 1 < s.count, isDigit(s[j + 1]) {
            j += 1
            digits()
        }
        if j < s.count, s[j] == "e" || s[j] == "E" {
            var k = j + 1
            if k < s.count, s[k] == "+" || s[k] == "-" { k += 1 }
            if k < s.count, isDigit(s[k]) {
                j = k
                digits()
            }
        }
        let text = String(String.UnicodeScalarView(s[start..<j]))
        guard let value = Double(text), value.isFinite else {
            return .failure(ExpressionError(offset: start, message: "number '\(text)' is too large"))
        }
        return .success((value, j))
    }
}
