/// Recursive-descent parser for the expression language.
///
/// Precedence, loosest first: `or`, `and`, `not`, comparison (not chainable), `+ -`, `* /`,
/// unary `-`, primaries. Nesting deeper than `maxDepth` is an error, so evaluation stays shallow.
public struct ExpressionParser {
    /// The deepest tree the parser builds.
    public static let maxDepth = 64

    private let tokens: [Token]
    private var position = 0
    private var references: [(id: String, offset: Int)] = []

    private init(tokens: [Token]) { self.tokens = tokens }

    /// Parses `text`, returning the tree and the position of every question id in it.
    public static func parse(_ text: String) -> Result<ParsedExpression, ExpressionError> {
        switch Tokenizer.tokenize(text) {
        case .failure(let error): return .failure(error)
        case .success(let tokens):
            var parser = ExpressionParser(tokens: tokens)
            do {
                let (expression, _) = try parser.parseOr(depth: 0)
                let next = parser.peek
                guard next.kind == .end else {
                    throw ExpressionError(offset: next.offset, message: "unexpected \(next.display)")
                }
                return .success(ParsedExpression(source: text, expression: expression, references: parser.references))
            } catch let error as ExpressionError {
                return .failure(error)
            } catch {
                return .failure(ExpressionError(offset: 0, message: "\(error)"))
            }
        }
    }

    private typealias Parsed = (Expression, Int)

    private var peek: Token { position < tokens.count ? tokens[position] : Token(kind: .end, offset: 0) }

    private mutating func advance() -> Token {
        let token = peek
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func checkDepth(_ depth: Int, at token: Token) throws {
        if depth > ExpressionParser.maxDepth {
            throw ExpressionError(offset: token.offset,
                                  message: "expression nested too deeply (more than \(ExpressionParser.maxDepth) levels)")
        }
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .identifier(let name) = peek.kind { return name == word }
        return false
    }

    private mutating func parseOr(depth: Int) throws -> Parsed {
        var (left, height) = try parseAnd(depth: depth)
        while isKeyword("or") {
            let token = advance()
            let (right, h) = try parseAnd(depth: depth)
            height = max(height, h) + 1
            try checkDepth(height, at: token)
            left = .or(left, right)
        }
        return (left, height)
    }

    private mutating func parseAnd(depth: Int) throws -> Parsed {
        var (left, height) = try parseNot(depth: depth)
        while isKeyword("and") {
            let token = advance()
            let (right, h) = try parseNot(depth: depth)
            height = max(height, h) + 1
            try checkDepth(height, at: token)
            left = .and(left, right)
        }
        return (left, height)
    }

    private mutating func parseNot(depth: Int) throws -> Parsed {
        if isKeyword("not") {
            let token = advance()
            try checkDepth(depth + 1, at: token)
            let (operand, h) = try parseNot(depth: depth + 1)
            try checkDepth(h + 1, at: token)
            return (.not(operand), h + 1)
        }
        return try parseComparison(depth: depth)
    }

    private mutating func parseComparison(depth: Int) throws -> Parsed {
        let (left, lh) = try parseAdditive(depth: depth)
        guard let op = comparisonOperator(peek.kind) else { return (left, lh) }
        let token = advance()
        let (right, rh) = try parseAdditive(depth: depth)
        if comparisonOperator(peek.kind) != nil {
            throw ExpressionError(offset: peek.offset,
                                  message: "comparisons cannot be chained; combine them with 'and'")
        }
        let height = max(lh, rh) + 1
        try checkDepth(height, at: token)
        return (.comparison(op, left, right), height)
    }

    private func comparisonOperator(_ kind: Token.Kind) -> Expression.ComparisonOperator? {
        switch kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }

    private mutating func parseAdditive(depth: Int) throws -> Parsed {
        var (left, height) = try parseMultiplicative(depth: depth)
        while peek.kind == .plus || peek.kind == .minus {
            let token = advance()
            let (right, h) = try parseMultiplicative(depth: depth)
            height = max(height, h) + 1
            try checkDepth(height, at: token)
            left = .arithmetic(token.kind == .plus ? .add : .subtract, left, right)
        }
        return (left, height)
    }

    private mutating func parseMultiplicative(depth: Int) throws -> Parsed {
        var (left, height) = try parseUnary(depth: depth)
        while peek.kind == .star || peek.kind == .slash {
            let token = advance()
            let (right, h) = try parseUnary(depth: depth)
            height = max(height, h) + 1
            try checkDepth(height, at: token)
            left = .arithmetic(token.kind == .star ? .multiply : .divide, left, right)
        }
        return (left, height)
    }

    private mutating func parseUnary(depth: Int) throws -> Parsed {
        if peek.kind == .minus {
            let token = advance()
            try checkDepth(depth + 1, at: token)
            let (operand, h) = try parseUnary(depth: depth + 1)
            try checkDepth(h + 1, at: token)
            return (.negate(operand), h + 1)
        }
        return try parsePrimary(depth: depth)
    }

    private mutating func parsePrimary(depth: Int) throws -> Parsed {
        let token = advance()
        switch token.kind {
        case .number(let n): return (.number(n), 1)
        case .string(let s): return (.string(s), 1)
        case .dot: return (.answer(.current), 1)
        case .leftParen:
            try checkDepth(depth + 1, at: token)
            let inner = try parseOr(depth: depth + 1)
            try expect(.rightParen)
            return inner
        case .identifier(let name):
            switch name {
            case "true": return (.bool(true), 1)
            case "false": return (.bool(false), 1)
            case "null": return (.null, 1)
            case "and", "or", "not":
                throw ExpressionError(offset: token.offset, message: "expected a value before '\(name)'")
            default: break
            }
            if peek.kind == .leftParen {
                return try parseCall(name, at: token, depth: depth)
            }
            references.append((name, token.offset))
            return (.answer(.question(name)), 1)
        case .end:
            throw ExpressionError(offset: token.offset, message: "expected a value, found end of expression")
        default:
            throw ExpressionError(offset: token.offset, message: "expected a value, found \(token.display)")
        }
    }

    private static let functions = ["selected", "answered", "count"]

    private mutating func parseCall(_ name: String, at token: Token, depth: Int) throws -> Parsed {
        guard ExpressionParser.functions.contains(name) else {
            throw ExpressionError(offset: token.offset,
                                  message: "unknown function '\(name)'" + didYouMean(name, among: ExpressionParser.functions))
        }
        _ = advance()  // (
        let reference = try parseReference(function: name)
        if name == "selected" {
            try expect(.comma)
            try checkDepth(depth + 1, at: token)
            let (value, h) = try parseOr(depth: depth + 1)
            try expect(.rightParen)
            return (.selected(reference, value), h + 1)
        }
        if peek.kind == .comma {
            throw ExpressionError(offset: peek.offset, message: "\(name)() takes one argument, a question id")
        }
        try expect(.rightParen)
        return (name == "answered" ? .answered(reference) : .count(reference), 1)
    }

    private mutating func parseReference(function: String) throws -> AnswerReference {
        let token = advance()
        switch token.kind {
        case .dot: return .current
        case .identifier(let id) where !["true", "false", "null", "and", "or", "not"].contains(id):
            references.append((id, token.offset))
            return .question(id)
        default:
            throw ExpressionError(offset: token.offset,
                                  message: "expected a question id as the first argument of \(function)(), found \(token.display)")
        }
    }

    private mutating func expect(_ kind: Token.Kind) throws {
        let token = peek
        guard token.kind == kind else {
            throw ExpressionError(offset: token.offset, message: "expected \(Token(kind: kind, offset: 0).display)")
        }
        _ = advance()
    }
}
