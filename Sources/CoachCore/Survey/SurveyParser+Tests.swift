import Yams

extension SurveyParser {
    func parseTests(_ node: Node, scores: [ScoreDefinition]) -> [SurveyTestVector]? {
        guard let items = list(node, what: "'tests'") else { return nil }
        var expectable = scores.flatMap { [$0.id, "\($0.id).band"] } + ["alert"]
        if kind == .quiz { expectable += ["points", "max_points", "percent", "passed"] }
        var tests: [SurveyTestVector] = []
        for (index, item) in items.enumerated() {
            guard let f = fields(item, what: "test \(index + 1)", allowed: ["name", "answers", "expect"],
                                 required: ["name", "answers", "expect"]),
                  let name = text(f["name"], what: "the name of test \(index + 1)") else { continue }
            let what = "test '\(name)'"
            var answers: [String: AnswerValue] = [:]
            for (id, keyNode, value) in f["answers"].flatMap({ namedEntries($0, what: "'answers' of \(what)") }) ?? [] {
                guard let question = questions.first(where: { $0.id == id }) else {
                    report("\(what) answers unknown question '\(id)'" + didYouMean(id, among: questions.map(\.id)),
                           at: keyNode)
                    continue
                }
                if let answer = answerValue(value, for: question, what: what) { answers[id] = answer }
            }
            var expect: [String: ExpectedValue] = [:]
            for (key, keyNode, value) in f["expect"].flatMap({ namedEntries($0, what: "'expect' of \(what)") }) ?? [] {
                guard expectable.contains(key) else {
                    report("\(what) expects unknown score '\(key)'" + didYouMean(key, among: expectable), at: keyNode)
                    continue
                }
                guard let expected = expectedValue(value, what: "'\(key)' in \(what)") else { continue }
                if key.hasSuffix(".band"), case .string(let band) = expected,
                   let score = scores.first(where: { "\($0.id).band" == key }), !score.bands.contains(where: { $0.id == band }) {
                    report("\(what) expects band '\(band)', which score '\(score.id)' does not have"
                           + didYouMean(band, among: score.bands.map(\.id)), at: value)
                    continue
                }
                expect[key] = expected
            }
            tests.append(SurveyTestVector(name: name, answers: answers, expect: expect, line: item.mark?.line ?? 1))
        }
        return tests
    }

    /// A test's answer in the form the question's type stores.
    private func answerValue(_ node: Node, for question: Question, what: String) -> AnswerValue? {
        let about = "the answer to '\(question.id)' in \(what)"
        switch question.type {
        case .choice:
            guard let value = choiceValue(node, what: about) else { return nil }
            return isChoice(value, of: question, at: node, about: about) ? .choice(value) : nil
        case .multi:
            guard let items = list(node, what: about) else { return nil }
            var values: [ChoiceValue] = []
            for item in items {
                guard let value = choiceValue(item, what: about), isChoice(value, of: question, at: item, about: about)
                else { return nil }
                values.append(value)
            }
            return .choices(values)
        case .scale, .number:
            guard let value = number(node, what: about) else { return nil }
            if let low = question.min, value < low || (question.max.map { value > $0 } ?? false) {
                report("\(about) is outside \(formatNumber(low))..\(question.max.map(formatNumber) ?? "")", at: node)
                return nil
            }
            return .number(value)
        case .yesno:
            return bool(node, what: about).map(AnswerValue.bool)
        case .text:
            return text(node, what: about).map(AnswerValue.text)
        case .date:
            return text(node, what: about).map(AnswerValue.date)
        case .actions, .reviewActions, .agenda, .kpi:
            return .structured(jsonValue(node))
        }
    }

    private func isChoice(_ value: ChoiceValue, of question: Question, at node: Node, about: String) -> Bool {
        if question.choices.contains(where: { $0.value == value }) { return true }
        report("\(about) is \(value), not one of its choices (\(question.choices.map(\.value.description).joined(separator: ", ")))",
               at: node)
        return false
    }

    private func expectedValue(_ node: Node, what: String) -> ExpectedValue? {
        guard case .scalar(let scalar) = node else {
            report("\(what) must be a number, text, true/false or null, not \(describe(node))", at: node)
            return nil
        }
        if tagName(node) == .null { return .null }
        if tagName(node) == .bool, let value = node.bool { return .bool(value) }
        if let number = numberValue(node) { return .number(number) }
        return .string(scalar.string)
    }

    /// A YAML node as JSON, for structured answers; depth- and size-limited (aliases can make
    /// a small file describe a huge tree).
    func jsonValue(_ node: Node) -> JSONValue {
        var budget = 10_000
        return jsonValue(node, depth: 0, budget: &budget)
    }

    private func jsonValue(_ node: Node, depth: Int, budget: inout Int) -> JSONValue {
        budget -= 1
        guard depth < 32, budget > 0 else { return .null }
        switch node {
        case .scalar(let scalar):
            let tag = tagName(node)
            if tag == .null { return .null }
            if tag == .bool, let b = node.bool { return .bool(b) }
            if let n = numberValue(node) { return .number(n) }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence {
                guard budget > 0 else { break }
                items.append(jsonValue(item, depth: depth + 1, budget: &budget))
            }
            return .array(items)
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard budget > 0 else { break }
                object[key.scalar?.string ?? ""] = jsonValue(value, depth: depth + 1, budget: &budget)
            }
            return .object(object)
        case .alias:
            return .null
        }
    }
}
