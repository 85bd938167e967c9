import Yams

/// Reads one survey file's node tree, collecting every problem; used once per load.
final class SurveyParser: ProblemCollector {
    static let topKeys = ["format", "id", "title", "kind", "audience", "cadence", "intro", "choices",
                          "sections", "questions", "scores", "tests",
                          "pass", "shuffle", "draw", "attempts", "grading", "feedback"]
    static let quizKeys = ["pass", "shuffle", "draw", "attempts", "grading", "feedback"]

    var kind: SurveyKind?
    var choiceLists: [String: [Choice]] = [:]
    var questions: [Question] = []
    /// The mapping node of each question id's first definition.
    var questionNodes: [String: Node] = [:]
    /// Expressions whose question references are checked once every question is known.
    var expressions: [(parsed: ParsedExpression, node: Node, what: String)] = []

    func parseSurvey(_ root: Node, source: String, hash: String) -> Survey? {
        guard let top = fields(root, what: "the survey", allowed: SurveyParser.topKeys,
                               required: ["format", "id", "title", "kind", "audience"]) else { return nil }
        let format = integer(top["format"], what: "'format'")
        if let format, format > SurveyLoader.supportedFormat {
            // A newer file may use keys this coach does not know: report only this.
            let mine = SurveyLoader.supportedFormat
            let node = top["format"]
            let message = "this file needs a newer coach: format \(format), this coach reads format \(mine)"
            return resetAndReport(message, at: node)
        }
        if let format, format < 1 { report("'format' must be \(SurveyLoader.supportedFormat), not \(format)", at: top["format"]) }

        var id = ""
        if let node = top["id"], let value = text(node, what: "the survey id"),
           checkID(value, allowing: "-", what: "survey id", at: node) { id = value }
        let title = text(top["title"], what: "'title'") ?? ""
        kind = choice(top["kind"], what: "'kind'", as: SurveyKind.self)
        let audience = parseAudience(top["audience"])
        let cadence = choice(top["cadence"], what: "'cadence'", as: Cadence.self)
        let intro = text(top["intro"], what: "'intro'")

        if let node = top["choices"], let lists = namedEntries(node, what: "'choices'") {
            for (name, _, value) in lists {
                choiceLists[name] = parseChoiceList(value, what: "choice list '\(name)'")
            }
        }
        let sections = parseQuestionsAndSections(top)
        checkExpressionReferences()
        let quiz = parseQuizSettings(top)
        let scores = top["scores"].flatMap { parseScores($0) } ?? []
        let tests = top["tests"].flatMap { parseTests($0, scores: scores) } ?? []
        checkRetro(top, audience: audience)

        guard let kind, let audience else { return nil }
        return Survey(format: format ?? SurveyLoader.supportedFormat, id: id, title: title, kind: kind,
                      audience: audience, cadence: cadence, intro: intro, sections: sections,
                      questions: questions, scores: scores, tests: tests, quiz: quiz,
                      contentHash: hash, source: source)
    }

    private func resetAndReport(_ message: String, at node: Node?) -> Survey? {
        let collector = ProblemCollector(file: file)
        collector.report(message, at: node)
        replaceProblems(with: collector.problems)
        return nil
    }

    private func parseAudience(_ node: Node?) -> Role? {
        guard let node, let raw = text(node, what: "'audience'") else { return nil }
        if let role = Role(rawValue: raw) { return role }
        let names = Role.allCases.map(\.rawValue)
        report("'audience' must be one of \(names.joined(separator: ", ")), not '\(raw)'" + didYouMean(raw, among: names),
               at: node)
        return nil
    }

    /// `questions:` or `sections:` (exactly one), flattened into `questions`.
    private func parseQuestionsAndSections(_ top: Fields) -> [SurveySection] {
        var sections: [SurveySection] = []
        if top.has("sections") && top.has("questions") {
            let keyNode = top.entries.first { $0.key == "sections" }?.keyNode
            report("use either 'sections' or 'questions' at the top level, not both", at: keyNode)
        }
        if let node = top["sections"], let items = list(node, what: "'sections'") {
            for (index, item) in items.enumerated() {
                let what = "section \(index + 1)"
                guard let section = fields(item, what: what, allowed: ["title", "intro", "questions"],
                                           required: ["title", "questions"]) else { continue }
                let title = text(section["title"], what: "the title of \(what)") ?? ""
                let intro = text(section["intro"], what: "the intro of \(what)")
                let before = questions.count
                if let questionsNode = section["questions"] { parseQuestionList(questionsNode, section: title) }
                let ids = questions.dropFirst(before).map(\.id)
                sections.append(SurveySection(title: title, intro: intro, questionIDs: Array(ids)))
            }
        } else if let node = top["questions"] {
            parseQuestionList(node, section: nil)
        } else if !top.has("sections") {
            report("missing key 'questions' in the survey", at: top.node)
        }
        if questions.isEmpty, problems.isEmpty {
            report("the survey has no questions", at: top["questions"] ?? top["sections"] ?? top.node)
        }
        return sections
    }

    private func parseQuestionList(_ node: Node, section: String?) {
        guard let items = list(node, what: "'questions'") else { return }
        for (index, item) in items.enumerated() {
            guard let question = parseQuestion(item, number: questions.count + 1, indexInList: index, section: section)
            else { continue }
            if let first = questionNodes[question.id] {
                report("duplicate question id '\(question.id)' (first defined at line \(first.mark?.line ?? 1))",
                       at: idNode(of: item) ?? item)
                continue
            }
            questionNodes[question.id] = item
            questions.append(question)
        }
    }

    func idNode(of node: Node) -> Node? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping["id"]
    }

    /// Every question id an expression names must exist.
    private func checkExpressionReferences() {
        let ids = questions.map(\.id)
        for (parsed, node, what) in expressions {
            for (id, offset) in parsed.references where questionNodes[id] == nil {
                let (line, column) = position(in: node, offset: offset)
                report("unknown question '\(id)' in \(what)" + didYouMean(id, among: ids), line: line, column: column)
            }
        }
    }

    /// The file position of `offset` (Unicode scalars) inside a scalar node's text.
    func position(in node: Node, offset: Int) -> (Int, Int) {
        let mark = node.mark
        let line = mark?.line ?? 1, column = mark?.column ?? 1
        guard case .scalar(let scalar) = node else { return (line, column) }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return (line, column + 1 + offset)
        case .literal, .folded: return (line, column)
        default: return (line, column + offset)
        }
    }

    /// Parses a `when`/`constraint` text, reporting a parse error at its position in the file.
    func parseExpression(_ node: Node?, what: String) -> ParsedExpression? {
        guard let node, let source = text(node, what: what) else { return nil }
        switch ExpressionParser.parse(source) {
        case .success(let parsed):
            expressions.append((parsed, node, what))
            return parsed
        case .failure(let error):
            let (line, column) = position(in: node, offset: error.offset)
            report("cannot parse \(what): \(error.message)", line: line, column: column)
            return nil
        }
    }

    private func parseQuizSettings(_ top: Fields) -> QuizSettings? {
        guard let kind else { return nil }  // 'kind' is already reported; don't pile on.
        guard kind == .quiz else {
            for entry in top.entries where SurveyParser.quizKeys.contains(entry.key) {
                report("'\(entry.key)' applies only to quizzes (kind: quiz)", at: entry.keyNode)
            }
            return nil
        }
        var settings = QuizSettings()
        if let pass = number(top["pass"], what: "'pass'") {
            if (0...100).contains(pass) { settings.pass = pass } else {
                report("'pass' must be between 0 and 100, not \(formatNumber(pass))", at: top["pass"])
            }
        }
        settings.shuffle = choice(top["shuffle"], what: "'shuffle'", as: QuizSettings.Shuffle.self) ?? .none
        settings.grading = choice(top["grading"], what: "'grading'", as: QuizSettings.Grading.self) ?? .highest
        settings.feedback = choice(top["feedback"], what: "'feedback'", as: QuizSettings.Feedback.self) ?? .end
        if let draw = integer(top["draw"], what: "'draw'") {
            if draw < 1 || draw > questions.count {
                report("'draw' must be between 1 and the number of questions (\(questions.count)), not \(draw)",
                       at: top["draw"])
            } else { settings.draw = draw }
        }
        if let attempts = integer(top["attempts"], what: "'attempts'") {
            if attempts < 1 { report("'attempts' must be at least 1, not \(attempts)", at: top["attempts"]) }
            else { settings.attempts = attempts }
        }
        return settings
    }
}
