import Yams

extension SurveyParser {
    static let questionKeys = ["id", "text", "type", "choices", "required", "when", "constraint",
                               "constraint_message", "help", "private", "multiline", "min", "max",
                               "labels", "unit", "kpis", "answer", "tolerance", "points", "explain", "category",
                               "feeds_agenda", "customer_feedback"]
    static let commonQuestionKeys = ["id", "text", "type", "required", "when", "constraint",
                                     "constraint_message", "help", "private"]
    static let quizQuestionKeys = ["answer", "points", "explain", "category"]

    /// The keys a question of `type` may have beyond the common ones.
    static func specificKeys(for type: QuestionType) -> [String] {
        switch type {
        case .choice, .multi: return ["choices"] + quizQuestionKeys
        case .scale: return ["min", "max", "labels"]
        case .number: return ["min", "max", "unit", "tolerance"] + quizQuestionKeys
        case .yesno: return quizQuestionKeys
        case .text: return ["multiline", "feeds_agenda", "customer_feedback"] + quizQuestionKeys
        case .kpi: return ["kpis"]
        case .date, .actions, .reviewActions, .agenda: return []
        }
    }

    /// One question mapping; nil when it has no usable id or type.
    func parseQuestion(_ node: Node, number: Int, indexInList: Int, section: String?) -> Question? {
        let peekID = idNode(of: node).flatMap { $0.scalar?.string }
        let what = peekID.map { "question '\($0)'" } ?? "question \(number)"
        guard let f = fields(node, what: what, allowed: SurveyParser.questionKeys,
                             required: ["id", "text", "type"]) else { return nil }
        var id: String?
        if let idNode = f["id"], let value = text(idNode, what: "the id of \(what)"),
           checkID(value, allowing: "_", what: "question id", at: idNode) { id = value }
        let questionText = text(f["text"], what: "the text of \(what)")
        let type = choice(f["type"], what: "the type of \(what)", as: QuestionType.self)

        var question = Question(id: id ?? "", text: questionText ?? "", type: type ?? .text)
        question.section = section
        question.required = bool(f["required"], what: "'required' of \(what)") ?? true
        question.when = parseExpression(f["when"], what: "'when' of \(what)")
        question.constraint = parseExpression(f["constraint"], what: "'constraint' of \(what)")
        question.constraintMessage = text(f["constraint_message"], what: "'constraint_message' of \(what)")
        question.help = text(f["help"], what: "'help' of \(what)")
        question.isPrivate = bool(f["private"], what: "'private' of \(what)") ?? false
        question.feedsAgenda = bool(f["feeds_agenda"], what: "'feeds_agenda' of \(what)") ?? false
        question.customerFeedback = choice(f["customer_feedback"], what: "'customer_feedback' of \(what)",
                                           as: CustomerFeedbackKind.self)
        if question.customerFeedback != nil, question.isPrivate {
            report("\(what) is private, so it cannot be customer feedback (feedback is read by the rep and the team)",
                   at: f["customer_feedback"])
        }

        guard let type else { return nil }
        let allowed = SurveyParser.commonQuestionKeys + SurveyParser.specificKeys(for: type)
        for entry in f.entries where !allowed.contains(entry.key) {
            report("'\(entry.key)' does not apply to a \(type.rawValue) question (\(what))", at: entry.keyNode)
        }
        parseTypeSpecific(&question, f, type: type, what: what)
        parseQuizKeys(&question, f, type: type, what: what)
        return id == nil ? nil : question
    }

    private func parseTypeSpecific(_ question: inout Question, _ f: Fields, type: QuestionType, what: String) {
        switch type {
        case .choice, .multi:
            guard let node = f["choices"] else {
                report("\(what) of type \(type.rawValue) needs 'choices'", at: f.node)
                return
            }
            if case .scalar(let scalar) = node {
                let name = scalar.string
                if let list = choiceLists[name] {
                    question.choices = list
                    question.choiceList = name
                } else {
                    report("unknown choice list '\(name)' in \(what)" + didYouMean(name, among: choiceLists.keys.sorted()),
                           at: node)
                }
            } else {
                question.choices = parseChoiceList(node, what: "the choices of \(what)")
            }
        case .scale:
            if !f.has("min") { report("missing key 'min' in \(what) (a scale needs 'min' and 'max')", at: f.node) }
            if !f.has("max") { report("missing key 'max' in \(what) (a scale needs 'min' and 'max')", at: f.node) }
            let low = integer(f["min"], what: "'min' of \(what)")
            let high = integer(f["max"], what: "'max' of \(what)")
            question.min = low.map(Double.init)
            question.max = high.map(Double.init)
            if let low, let high, low >= high {
                report("'min' (\(low)) must be less than 'max' (\(high)) in \(what)", at: f["min"])
            }
            if let node = f["labels"], let entries = namedEntries(node, what: "'labels' of \(what)") {
                for (key, keyNode, value) in entries {
                    guard let number = Int(key) else {
                        report("label key '\(key)' of \(what) must be a whole number", at: keyNode)
                        continue
                    }
                    if let low, let high, low < high, !(low...high).contains(number) {
                        report("label \(number) of \(what) is outside \(low)..\(high)", at: keyNode)
                    }
                    if let label = text(value, what: "label \(number) of \(what)") { question.labels[number] = label }
                }
            }
        case .number:
            question.min = number(f["min"], what: "'min' of \(what)")
            question.max = number(f["max"], what: "'max' of \(what)")
            if let low = question.min, let high = question.max, low >= high {
                report("'min' (\(formatNumber(low))) must be less than 'max' (\(formatNumber(high))) in \(what)", at: f["min"])
            }
            question.unit = text(f["unit"], what: "'unit' of \(what)")
        case .text:
            question.multiline = bool(f["multiline"], what: "'multiline' of \(what)") ?? false
        case .kpi:
            guard let node = f["kpis"] else {
                report("\(what) of type kpi needs 'kpis'", at: f.node)
                return
            }
            question.kpis = parseKPIs(node, what: what)
        case .yesno, .date, .actions, .reviewActions, .agenda:
            break
        }
    }

    private func parseKPIs(_ node: Node, what: String) -> [KPIDefinition] {
        guard let items = list(node, what: "'kpis' of \(what)") else { return [] }
        var kpis: [KPIDefinition] = []
        for item in items {
            guard let f = fields(item, what: "a KPI of \(what)", allowed: ["id", "label", "unit", "kind", "min", "max", "higher_is"],
                                 required: ["id", "label"]),
                  let idNode = f["id"], let id = text(idNode, what: "a KPI id"),
                  checkID(id, allowing: "_", what: "KPI id", at: idNode),
                  let label = text(f["label"], what: "the label of KPI '\(id)'") else { continue }
            if kpis.contains(where: { $0.id == id }) {
                report("duplicate KPI id '\(id)' in \(what)", at: idNode)
                continue
            }
            let kpi = KPIDefinition(id: id, label: label, unit: text(f["unit"], what: "the unit of KPI '\(id)'"),
                                    kind: choice(f["kind"], what: "'kind' of KPI '\(id)'", as: KPIKind.self),
                                    min: number(f["min"], what: "'min' of KPI '\(id)'"),
                                    max: number(f["max"], what: "'max' of KPI '\(id)'"),
                                    higherIs: choice(f["higher_is"], what: "'higher_is' of KPI '\(id)'", as: HigherIs.self) ?? .better)
            if let low = kpi.min, let high = kpi.max, low >= high {
                report("'min' (\(formatNumber(low))) must be less than 'max' (\(formatNumber(high))) in KPI '\(id)'", at: f["min"])
            }
            kpis.append(kpi)
        }
        if kpis.isEmpty, items.isEmpty { report("'kpis' of \(what) is empty", at: node) }
        return kpis
    }

    /// A choice list: `[{value, label}, ...]`, values unique and all numbers or all text.
    func parseChoiceList(_ node: Node, what: String) -> [Choice] {
        guard let items = list(node, what: what) else { return [] }
        var choices: [Choice] = []
        for item in items {
            guard let f = fields(item, what: "a choice in \(what)", allowed: ["value", "label"],
                                 required: ["value", "label"]),
                  let valueNode = f["value"], let value = choiceValue(valueNode, what: "a choice value in \(what)"),
                  let label = text(f["label"], what: "a choice label in \(what)") else { continue }
            if choices.contains(where: { $0.value == value }) {
                report("duplicate choice value \(value) in \(what)", at: valueNode)
                continue
            }
            choices.append(Choice(value: value, label: label))
        }
        if items.isEmpty { report("\(what) has no choices", at: node) }
        let numbers = choices.filter { $0.value.number != nil }.count
        if numbers != 0, numbers != choices.count {
            report("choice values in \(what) must be all numbers or all text", at: node)
        }
        return choices
    }

    private func parseQuizKeys(_ question: inout Question, _ f: Fields, type: QuestionType, what: String) {
        if let points = number(f["points"], what: "'points' of \(what)") {
            if points > 0 { question.points = points } else {
                report("'points' of \(what) must be more than 0, not \(formatNumber(points))", at: f["points"])
            }
        }
        question.explain = text(f["explain"], what: "'explain' of \(what)")
        question.category = text(f["category"], what: "'category' of \(what)")
        if let tolerance = number(f["tolerance"], what: "'tolerance' of \(what)") {
            if tolerance >= 0 { question.tolerance = tolerance } else {
                report("'tolerance' of \(what) must be 0 or more, not \(formatNumber(tolerance))", at: f["tolerance"])
            }
        }
        guard let node = f["answer"] else { return }
        switch type {
        case .choice:
            if let value = choiceValue(node, what: "'answer' of \(what)"), checkAnswer(value, of: question, at: node, what: what) {
                question.answer = .choice(value)
            }
        case .multi:
            let nodes: [Node]
            if case .sequence(let sequence) = node { nodes = Array(sequence) } else { nodes = [node] }
            var values: [ChoiceValue] = []
            for item in nodes {
                if let value = choiceValue(item, what: "'answer' of \(what)"),
                   checkAnswer(value, of: question, at: item, what: what) { values.append(value) }
            }
            if values.count == nodes.count, !values.isEmpty { question.answer = .choices(values) }
            if nodes.isEmpty { report("'answer' of \(what) is empty", at: node) }
        case .number:
            if let value = number(node, what: "'answer' of \(what)") { question.answer = .number(value) }
        case .yesno:
            if let value = bool(node, what: "'answer' of \(what)") { question.answer = .bool(value) }
        case .text:
            if case .sequence = node {
                if let texts = textList(node, what: "'answer' of \(what)"), !texts.isEmpty {
                    question.answer = .texts(texts.map(\.0))
                }
            } else if let value = text(node, what: "'answer' of \(what)") {
                question.answer = .texts([value])
            }
        default:
            break
        }
    }

    private func checkAnswer(_ value: ChoiceValue, of question: Question, at node: Node, what: String) -> Bool {
        guard !question.choices.isEmpty else { return false }
        if question.choices.contains(where: { $0.value == value }) { return true }
        let known = question.choices.map(\.value.description)
        report("answer '\(value)' of \(what) is not one of its choices (\(known.joined(separator: ", ")))", at: node)
        return false
    }
}
