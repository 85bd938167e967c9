import Yams

/// A mapping's entries keyed by their text, with each key's node for positions.
struct Fields {
    let node: Node
    let entries: [(key: String, keyNode: Node, value: Node)]

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    func has(_ key: String) -> Bool { entries.contains { $0.key == key } }
}

/// Collects problems while reading YAML nodes; one instance per file.
class ProblemCollector {
    let file: String
    private(set) var problems: [SurveyProblem] = []

    init(file: String) { self.file = file }

    func replaceProblems(with problems: [SurveyProblem]) { self.problems = problems }

    func report(_ message: String, line: Int, column: Int) {
        problems.append(SurveyProblem(file: file, line: max(1, line), column: max(1, column), message: message))
    }

    func report(_ message: String, at node: Node?) {
        let mark = node?.mark
        report(message, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// How a node reads in "not ..." messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if tagName(node) == .null { return "empty" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The entries of a mapping; reports a wrong type, unknown keys and missing required keys.
    func fields(_ node: Node, what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard let named = namedEntries(node, what: what) else { return nil }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for entry in named {
            if !allowed.contains(entry.key) {
                let hint = suggestion(for: entry.key, among: allowed).map { " (did you mean '\($0)'?)" }
                    ?? " (expected one of: \(allowed.joined(separator: ", ")))"
                report("unknown key '\(entry.key)' in \(what)" + hint, at: entry.keyNode)
                continue
            }
            entries.append(entry)
        }
        let fields = Fields(node: node, entries: entries)
        for key in required where !fields.has(key) {
            report("missing key '\(key)' in \(what)", at: node)
        }
        return fields
    }

    /// The entries of a mapping whose keys are names (choice lists, test answers), unchecked.
    func namedEntries(_ node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report("\(what) must be a mapping, not \(describe(node))", at: node)
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                report("keys of \(what) must be text, not \(describe(keyNode))", at: keyNode)
                continue
            }
            entries.append((scalar.string, keyNode, value))
        }
        return entries
    }

    /// The items of a list.
    func list(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report("\(what) must be a list, not \(describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    /// Text: any non-empty scalar, without control or bidirectional control characters (YAML
    /// escapes such as `"\e[31m"` or `"\u202E"` would reach other people's terminals).
    func text(_ node: Node?, what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, tagName(node) != .null else {
            report("\(what) must be text, not \(describe(node))", at: node)
            return nil
        }
        if let problem = PlainText.problem(in: scalar.string, allowTab: true, allowNewlines: true) {
            report("\(what) contains \(problem)", at: node)
            return nil
        }
        return scalar.string
    }

    /// A finite number (a YAML int or float).
    func number(_ node: Node?, what: String) -> Double? {
        guard let node else { return nil }
        guard let value = numberValue(node) else {
            report("\(what) must be a number, not \(describe(node))", at: node)
            return nil
        }
        return value
    }

    /// A whole number.
    func integer(_ node: Node?, what: String) -> Int? {
        guard let node else { return nil }
        guard let value = numberValue(node), let whole = Int(exactly: value) else {
            report("\(what) must be a whole number, not \(describe(node))", at: node)
            return nil
        }
        return whole
    }

    func bool(_ node: Node?, what: String) -> Bool? {
        guard let node else { return nil }
        guard tagName(node) == .bool, let value = node.bool else {
            report("\(what) must be true or false, not \(describe(node))", at: node)
            return nil
        }
        return value
    }

    /// One of an enum's raw values, with a "did you mean" hint.
    func choice<E: RawRepresentable & CaseIterable>(_ node: Node?, what: String, as type: E.Type) -> E?
    where E.RawValue == String {
        guard let node, let raw = text(node, what: what) else { return nil }
        if let value = E(rawValue: raw) { return value }
        let names = E.allCases.map(\.rawValue)
        report("\(what) must be one of \(names.joined(separator: ", ")), not '\(raw)'" + didYouMean(raw, among: names),
               at: node)
        return nil
    }

    /// A list of texts (ids), each with its node.
    func textList(_ node: Node?, what: String) -> [(String, Node)]? {
        guard let node, let items = list(node, what: what) else { return nil }
        var result: [(String, Node)] = []
        for item in items {
            if let value = text(item, what: "each item of \(what)") { result.append((value, item)) }
        }
        return result
    }

    /// A scalar's number when it is a YAML int or float and finite.
    func numberValue(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node, tagName(node) == .int || tagName(node) == .float,
              let value = Double.construct(from: scalar), value.isFinite else { return nil }
        return value
    }

    /// A choice value: a number for YAML numbers, else the scalar's text.
    func choiceValue(_ node: Node, what: String) -> ChoiceValue? {
        if let number = numberValue(node) { return .number(number) }
        guard case .scalar(let scalar) = node, tagName(node) != .null, tagName(node) != .float else {
            report("\(what) must be a number or text, not \(describe(node))", at: node)
            return nil
        }
        return .string(scalar.string)
    }

    /// Checks `value` against a pattern of allowed characters (`[a-z0-9_]+` style).
    func checkID(_ value: String, allowing extra: Character, what: String, at node: Node) -> Bool {
        let ok = !value.isEmpty && value.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == extra }
        if !ok { report("\(what) '\(value)' must match [a-z0-9\(extra)]+", at: node) }
        return ok
    }
}

/// The resolved YAML tag of a node (`tag:yaml.org,2002:int`, ...), exactly as Yams' default
/// resolver gives it, for nodes composed with `Resolver.basic` (see `SurveyLoader`).
///
/// Yams' default resolver tries up to seven regular expressions on every plain scalar, which
/// made parsing a survey cost milliseconds. Here only text that could be a number, a timestamp
/// or a YAML special (it starts with a digit, a sign, `.`, `~`, `<` or `=`) goes to those
/// expressions; a word is looked up among the bool and null spellings, anything else is text.
/// Never read `node.tag` of such a node: with the basic resolver it says "str" for everything.
func tagName(_ node: Node) -> Tag.Name {
    guard case .scalar(let scalar) = node else { return Tag.Name(rawValue: node.tag.rawValue) }
    let given = scalar.tag.description  // does not resolve: "" while implicit
    guard given.isEmpty, scalar.style == .plain || scalar.style == .any else { return Tag.Name(rawValue: given) }
    let text = scalar.string
    guard let first = text.unicodeScalars.first else { return .null }
    if let word = plainWords[text] { return word }
    guard numericStarts.contains(first) else { return .str }
    if let decimal = plainDecimalTag(text) { return decimal }
    return Resolver.default.resolveTag(of: Node(text))
}

/// `int` for `[-+]?(0|[1-9][0-9]*)` and `float` for the same followed by `.` and digits: the
/// numbers surveys are written with, which the default resolver reads the same way. Nil for
/// anything else (`012`, `1e3`, `1_000`, ...), which goes to the resolver.
private func plainDecimalTag(_ text: String) -> Tag.Name? {
    var digits = Substring(text).utf8[...]
    if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { digits = digits.dropFirst() }
    let whole = digits.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    guard let lead = whole.first, lead != UInt8(ascii: "0") || whole.count == 1 else { return nil }
    let rest = digits.dropFirst(whole.count)
    if rest.isEmpty { return .int }
    guard rest.first == UInt8(ascii: "."), rest.count > 1,
          rest.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
    return .float
}

/// The plain words Yams' default resolver reads as bool or null (YAML 1.1 core schema).
private let plainWords: [String: Tag.Name] = {
    var words: [String: Tag.Name] = [:]
    for word in ["yes", "no", "true", "false", "on", "off"] {
        for spelling in [word, word.prefix(1).uppercased() + word.dropFirst(), word.uppercased()] { words[spelling] = .bool }
    }
    for spelling in ["null", "Null", "NULL"] { words[spelling] = .null }
    return words
}()

/// First characters of every int, float, timestamp, merge, null (`~`) and value plain scalar.
private let numericStarts = Set("0123456789+-.~<=".unicodeScalars)
