import Yams

extension SurveyParser {
    static let scoreKeys = ["id", "label", "items", "method", "reverse", "multiply", "add", "min_answered",
                            "range", "higher_is", "change", "bands", "alert_if_any", "support_at"]
    /// Names a test may expect besides score ids; they cannot be score ids.
    static let reservedScoreIDs = ["alert", "points", "max_points", "percent", "passed"]

    func parseScores(_ node: Node) -> [ScoreDefinition]? {
        guard let items = list(node, what: "'scores'") else { return nil }
        var scores: [ScoreDefinition] = []
        for (index, item) in items.enumerated() {
            let peekID = idNode(of: item).flatMap { $0.scalar?.string }
            let what = peekID.map { "score '\($0)'" } ?? "score \(index + 1)"
            guard let f = fields(item, what: what, allowed: SurveyParser.scoreKeys, required: ["id", "items"]),
                  let idNode = f["id"], let id = text(idNode, what: "the id of \(what)"),
                  checkID(id, allowing: "_", what: "score id", at: idNode) else { continue }
            if SurveyParser.reservedScoreIDs.contains(id) {
                report("score id '\(id)' is reserved for quiz and alert results", at: idNode)
                continue
            }
            if scores.contains(where: { $0.id == id }) {
                report("duplicate score id '\(id)'", at: idNode)
                continue
            }
            if let score = parseScore(f, id: id, what: what) { scores.append(score) }
        }
        return scores
    }

    private func parseScore(_ f: Fields, id: String, what: String) -> ScoreDefinition? {
        let label = text(f["label"], what: "'label' of \(what)") ?? id
        let method = choice(f["method"], what: "'method' of \(what)", as: ScoreMethod.self) ?? .sum
        let higherIs = choice(f["higher_is"], what: "'higher_is' of \(what)", as: HigherIs.self) ?? .better

        let items = numericItems(f["items"], what: what, list: "'items' of \(what)")
        let itemIDs = items.map(\.id)
        var reverse: [String] = []
        for (name, node) in textList(f["reverse"], what: "'reverse' of \(what)") ?? [] {
            if itemIDs.contains(name) { reverse.append(name) } else {
                report("reverse item '\(name)' of \(what) is not one of its items" + didYouMean(name, among: itemIDs),
                       at: node)
            }
        }
        let multiply = number(f["multiply"], what: "'multiply' of \(what)") ?? 1
        if multiply == 0 { report("'multiply' of \(what) must not be 0", at: f["multiply"]) }
        let add = number(f["add"], what: "'add' of \(what)") ?? 0
        var minAnswered = itemIDs.count
        if let value = integer(f["min_answered"], what: "'min_answered' of \(what)") {
            if value >= 1, value <= max(1, itemIDs.count) { minAnswered = value } else {
                report("'min_answered' of \(what) must be between 1 and its \(itemIDs.count) items, not \(value)",
                       at: f["min_answered"])
            }
        }
        var change: Double?
        if let value = number(f["change"], what: "'change' of \(what)") {
            if value > 0 { change = value } else {
                report("'change' of \(what) must be more than 0, not \(formatNumber(value))", at: f["change"])
            }
        }

        let ranges = items.compactMap(\.range)
        var computed: ClosedRange<Double>?
        if !items.isEmpty, ranges.count == items.count {
            computed = ScoreDefinition.possibleRange(itemRanges: ranges, method: method, minAnswered: minAnswered,
                                                     multiply: multiply, add: add)
        }
        let declared = parseRange(f["range"], what: what)
        if let declared, let computed, !sameRange(declared, computed) {
            report("range \(show(declared)) of \(what) does not match what its items can produce: \(show(computed))",
                   at: f["range"])
        }
        // After a mismatch, what the items give is the better guide for checking the bands.
        let range = computed ?? declared ?? 0...0
        let bands = parseBands(f["bands"], range: range, what: what)
        let alert = parseAlert(f["alert_if_any"], what: what)
        var definition = ScoreDefinition(id: id, label: label, items: itemIDs, method: method, reverse: reverse,
                                         multiply: multiply, add: add, minAnswered: minAnswered, range: range,
                                         higherIs: higherIs, change: change, bands: bands, alertIfAny: alert)
        definition.supportAt = choice(f["support_at"], what: "'support_at' of \(what)", as: BandLevel.self)
        return definition
    }

    /// Known, numeric, distinct question ids with their answer ranges.
    private func numericItems(_ node: Node?, what: String, list: String) -> [(id: String, range: ClosedRange<Double>?)] {
        let ids = questions.map(\.id)
        var result: [(id: String, range: ClosedRange<Double>?)] = []
        for (name, node) in textList(node, what: list) ?? [] {
            guard let question = questions.first(where: { $0.id == name }) else {
                report("unknown question '\(name)' in \(what)" + didYouMean(name, among: ids), at: node)
                continue
            }
            if result.contains(where: { $0.id == name }) {
                report("item '\(name)' appears twice in \(list)", at: node)
                continue
            }
            switch question.type {
            case .choice where question.choices.allSatisfy({ $0.value.number != nil }), .scale:
                result.append((name, question.numericRange))
            case .number:
                if question.numericRange == nil {
                    report("item '\(name)' of \(what) is a number question without both 'min' and 'max', so its range is unknown",
                           at: node)
                }
                result.append((name, question.numericRange))
            default:
                let detail = question.type == .choice ? "a choice question with text values" : "a \(question.type.rawValue) question"
                report("item '\(name)' of \(what) is \(detail); score items must be choice (number values), scale or number questions",
                       at: node)
            }
        }
        return result
    }

    private func parseRange(_ node: Node?, what: String) -> ClosedRange<Double>? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node, sequence.count == 2,
              let low = numberValue(sequence[0]), let high = numberValue(sequence[1]) else {
            report("'range' of \(what) must be [min, max], two numbers", at: node)
            return nil
        }
        guard low < high else {
            report("'range' of \(what) must have min below max, not \(show(low...max(low, high)))", at: node)
            return nil
        }
        return low...high
    }

    private func parseBands(_ node: Node?, range: ClosedRange<Double>, what: String) -> [ScoreBand] {
        guard let node, let items = list(node, what: "'bands' of \(what)") else { return [] }
        var bands: [ScoreBand] = []
        for item in items {
            guard let f = fields(item, what: "a band of \(what)", allowed: ["max", "id", "label", "level"],
                                 required: ["max", "id", "label", "level"]),
                  let maxValue = number(f["max"], what: "'max' of a band of \(what)"),
                  let idNode = f["id"], let id = text(idNode, what: "the id of a band of \(what)"),
                  let label = text(f["label"], what: "the label of band '\(id)'"),
                  let level = choice(f["level"], what: "'level' of band '\(id)'", as: BandLevel.self) else { continue }
            if bands.contains(where: { $0.id == id }) {
                report("duplicate band id '\(id)' in \(what)", at: idNode)
                continue
            }
            if let previous = bands.last, maxValue <= previous.max {
                report("bands of \(what) must ascend by 'max': \(formatNumber(maxValue)) comes after \(formatNumber(previous.max))",
                       at: f["max"])
                continue
            }
            if bands.isEmpty, maxValue < range.lowerBound {
                report("band '\(id)' of \(what) ends at \(formatNumber(maxValue)), below its range \(show(range))", at: f["max"])
            }
            bands.append(ScoreBand(max: maxValue, id: id, label: label, level: level))
        }
        if let last = bands.last, last.max != range.upperBound {
            report("the last band of \(what) ends at \(formatNumber(last.max)), but its range ends at \(formatNumber(range.upperBound))",
                   at: node)
        }
        return bands
    }

    private func parseAlert(_ node: Node?, what: String) -> AlertRule? {
        guard let node, let f = fields(node, what: "'alert_if_any' of \(what)", allowed: ["items", "at_most"],
                                        required: ["items", "at_most"]) else { return nil }
        let items = numericItems(f["items"], what: "'alert_if_any' of \(what)", list: "'alert_if_any' of \(what)")
        guard let atMost = number(f["at_most"], what: "'at_most' of \(what)") else { return nil }
        return AlertRule(items: items.map(\.id), atMost: atMost)
    }

    private func sameRange(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>) -> Bool {
        func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(1, abs(x), abs(y)) }
        return close(a.lowerBound, b.lowerBound) && close(a.upperBound, b.upperBound)
    }

    private func show(_ range: ClosedRange<Double>) -> String {
        "[\(formatNumber(range.lowerBound)), \(formatNumber(range.upperBound))]"
    }
}

extension ScoreDefinition {
    /// The lowest and highest score the items can give: sum or mean of the item ranges
    /// (reversal keeps an item's range), then `value * multiply + add`.
    ///
    /// A sum assumes every item answered; a mean with `minAnswered` below the item count spans
    /// from the lowest item minimum to the highest item maximum.
    public static func possibleRange(itemRanges: [ClosedRange<Double>], method: ScoreMethod, minAnswered: Int,
                                     multiply: Double, add: Double) -> ClosedRange<Double> {
        guard !itemRanges.isEmpty else { return add...add }
        var low: Double, high: Double
        switch method {
        case .sum:
            low = itemRanges.reduce(0) { $0 + $1.lowerBound }
            high = itemRanges.reduce(0) { $0 + $1.upperBound }
        case .mean:
            if minAnswered >= itemRanges.count {
                low = itemRanges.reduce(0) { $0 + $1.lowerBound } / Double(itemRanges.count)
                high = itemRanges.reduce(0) { $0 + $1.upperBound } / Double(itemRanges.count)
            } else {
                low = itemRanges.map(\.lowerBound).min() ?? 0
                high = itemRanges.map(\.upperBound).max() ?? 0
            }
        }
        let a = low * multiply + add, b = high * multiply + add
        let lower = min(a, b), upper = max(a, b)
        guard lower.isFinite, upper.isFinite else { return 0...0 }
        return lower...upper
    }
}
