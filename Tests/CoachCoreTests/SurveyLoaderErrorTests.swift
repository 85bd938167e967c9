import Foundation
import Testing
@testable import CoachCore

/// One test per class of loader error: the exact message and its line:column.
@Suite("Survey loader errors")
struct SurveyLoaderErrorTests {
    static let header = """
    format: 1
    id: pulse
    title: Pulse
    kind: check-in
    audience: rep

    """

    /// Problems for `header + body` (body starts at line 6), as `line:column: message`.
    func problems(_ body: String, header: String = SurveyLoaderErrorTests.header) -> [String] {
        switch SurveyLoader.load(yaml: header + body, file: "t.yaml") {
        case .success: return []
        case .failure(let problems):
            return problems.problems.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    static let mood = """
    questions:
      - {id: mood, text: Mood?, type: scale, min: 1, max: 5}

    """

    @Test func descriptionHasFileLineColumn() {
        let problem = SurveyProblem(file: "surveys/who-5.yaml", line: 14, column: 5, message: "boom")
        #expect(problem.description == "surveys/who-5.yaml:14:5: boom")
    }

    @Test("survey text with an escape sequence or a bidirectional override is refused at its line and column")
    func controlAndBidiInText() {
        let escape = #"""
        questions:
          - {id: mood, text: "\e]0;owned\a\e[31mMood?", type: scale, min: 1, max: 5}
        """#
        #expect(problems(escape) == ["7:22: the text of question 'mood' contains control characters"])
        let bidi = #"""
        questions:
          - {id: mood, text: "Mood \u202Edoog", type: scale, min: 1, max: 5}
        """#
        #expect(problems(bidi).first?.hasPrefix("7:22: ") == true)
        #expect(problems(bidi).first?.contains("bidirectional control characters") == true)
        // Multi-line text keeps its line breaks.
        let multiline = """
        intro: |
          Two lines
          of intro.
        questions:
          - {id: mood, text: Mood?, type: scale, min: 1, max: 5}
        """
        #expect(problems(multiline) == [])
    }

    @Test func yamlSyntaxError() {
        #expect(problems("questions: [a, b\n") == ["7:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 6)"])
    }

    @Test func duplicateYAMLKey() {
        #expect(problems("title: Again\n" + Self.mood) == ["3:1: duplicate key 'title' in a mapping"])
    }

    @Test func emptyFile() {
        #expect(problems("", header: "") == ["1:1: the file is empty; expected a survey (format, id, title, ...)"])
    }

    @Test func topLevelNotAMapping() {
        #expect(problems("", header: "- a\n- b\n") == ["1:1: the survey must be a mapping, not a list"])
    }

    @Test func missingRequiredKeys() {
        let header = "format: 1\nid: pulse\nkind: check-in\n"
        #expect(problems(Self.mood, header: header) == [
            "1:1: missing key 'title' in the survey",
            "1:1: missing key 'audience' in the survey",
        ])
        #expect(problems("") == ["1:1: missing key 'questions' in the survey"])
        #expect(problems("questions:\n  - {id: mood, type: yesno}\n")
                == ["7:5: missing key 'text' in question 'mood'"])
    }

    @Test("customer_feedback: complaint or other, on a text question that is not private")
    func customerFeedbackKey() {
        let question = "questions:\n  - {id: heard, text: Heard?, type: text, customer_feedback: "
        #expect(problems(question + "complaint}\n").isEmpty)
        #expect(problems(question + "praise}\n").first?.contains("'customer_feedback' of question 'heard' must be one of") == true,
                "\(problems(question + "praise}\n"))")
        #expect(problems(question + "complaint, private: true}\n").first?.contains("is private, so it cannot be customer feedback") == true)
        #expect(problems("questions:\n  - {id: heard, text: Heard?, type: yesno, customer_feedback: other}\n").first?
            .contains("'customer_feedback' does not apply to a yesno question") == true)
    }

    @Test func unknownKeys() {
        #expect(problems("cadense: weekly\n" + Self.mood)
                == ["6:1: unknown key 'cadense' in the survey (did you mean 'cadence'?)"])
        #expect(problems("questions:\n  - {id: mood, text: Mood?, type: yesno, requird: false}\n")
                == ["7:42: unknown key 'requird' in question 'mood' (did you mean 'required'?)"])
        #expect(problems("questions:\n  - {id: mood, text: Mood?, type: yesno, zzzzzz: 1}\n")
                == ["7:42: unknown key 'zzzzzz' in question 'mood' (expected one of: id, text, type, choices, required, when, constraint, constraint_message, help, private, multiline, min, max, labels, unit, kpis, answer, tolerance, points, explain, category, feeds_agenda, customer_feedback)"])
        #expect(problems(Self.mood + "scores:\n  - {id: s, items: [mood], methd: sum}\n")
                == ["9:28: unknown key 'methd' in score 's' (did you mean 'method'?)"])
        #expect(problems("questions:\n  - {id: mood, text: Mood?, type: yesno, min: 1}\n")
                == ["7:42: 'min' does not apply to a yesno question (question 'mood')"])
    }

    @Test func wrongTypes() {
        let header = "format: one\nid: pulse\ntitle: [a]\nkind: check-in\naudience: rep\n"
        #expect(problems(Self.mood, header: header) == [
            "1:9: 'format' must be a whole number, not 'one'",
            "3:8: 'title' must be text, not a list",
        ])
        #expect(problems("questions: {a: 1}\n") == ["6:12: 'questions' must be a list, not a mapping"])
        #expect(problems("questions:\n  - {id: mood, text: Mood?, type: yesno, required: maybe}\n")
                == ["7:52: 'required' of question 'mood' must be true or false, not 'maybe'"])
        #expect(problems("cadence: dayly\n" + Self.mood)
                == ["6:10: 'cadence' must be one of weekly, fortnightly, monthly, once, not 'dayly'"])
        #expect(problems("questions:\n  - {id: mood, text: Mood?, type: scael, min: 1, max: 5}\n")
                == ["7:35: the type of question 'mood' must be one of choice, multi, scale, number, yesno, text, date, actions, review-actions, agenda, kpi, not 'scael' (did you mean 'scale'?)"])
        #expect(problems(Self.mood, header: Self.header.replacingOccurrences(of: "audience: rep", with: "audience: reps"))
                == ["5:11: 'audience' must be one of rep, manager, hr, not 'reps' (did you mean 'rep'?)"])
    }

    @Test func badIDs() {
        let header = Self.header.replacingOccurrences(of: "id: pulse", with: "id: Pulse_1")
        #expect(problems(Self.mood, header: header) == ["2:5: survey id 'Pulse_1' must match [a-z0-9-]+"])
        #expect(problems("questions:\n  - {id: my-mood, text: Mood?, type: yesno}\n")
                == ["7:10: question id 'my-mood' must match [a-z0-9_]+"])
    }

    @Test func duplicateQuestionIDs() {
        #expect(problems("questions:\n  - {id: mood, text: A, type: yesno}\n  - {id: mood, text: B, type: yesno}\n")
                == ["8:10: duplicate question id 'mood' (first defined at line 7)"])
    }

    @Test func duplicateChoiceValues() {
        let body = """
        choices:
          yn:
            - {value: 1, label: Yes}
            - {value: 1, label: No}
        questions:
          - {id: q, text: Q?, type: choice, choices: yn}

        """
        #expect(problems(body) == ["9:15: duplicate choice value 1 in choice list 'yn'"])
    }

    @Test func unknownChoiceList() {
        let body = """
        choices:
          freq6: [{value: 1, label: One}, {value: 0, label: None}]
        questions:
          - {id: q, text: Q?, type: choice, choices: freq7}

        """
        #expect(problems(body) == ["9:46: unknown choice list 'freq7' in question 'q' (did you mean 'freq6'?)"])
    }

    @Test func unknownReferences() {
        let body = Self.mood + """
        scores:
          - id: s
            items: [moood]
            alert_if_any: {items: [mod], at_most: 1}

        """
        #expect(problems(body) == [
            "10:13: unknown question 'moood' in score 's' (did you mean 'mood'?)",
            "11:28: unknown question 'mod' in 'alert_if_any' of score 's' (did you mean 'mood'?)",
        ])
    }

    @Test func unknownReferenceInExpression() {
        let body = "questions:\n  - {id: mood, text: M, type: yesno}\n  - {id: why, text: W, type: text, when: \"mod and true\"}\n"
        #expect(problems(body) == ["8:43: unknown question 'mod' in 'when' of question 'why' (did you mean 'mood'?)"])
        let plain = "questions:\n  - id: mood\n    text: M\n    type: yesno\n    constraint: . and answered(mod)\n"
        #expect(problems(plain) == ["10:32: unknown question 'mod' in 'constraint' of question 'mood' (did you mean 'mood'?)"])
    }

    @Test func expressionThatDoesNotParse() {
        let body = "questions:\n  - {id: mood, text: M, type: scale, min: 1, max: 5}\n  - {id: why, text: W, type: text, when: '(mood <= 4'}\n"
        #expect(problems(body) == ["8:53: cannot parse 'when' of question 'why': expected ')'"])
    }

    @Test func reverseNotInItems() {
        let body = """
        questions:
          - {id: a, text: A, type: scale, min: 1, max: 5}
          - {id: b, text: B, type: scale, min: 1, max: 5}
        scores:
          - {id: s, items: [a], reverse: [b], range: [1, 5]}

        """
        #expect(problems(body) == ["10:35: reverse item 'b' of score 's' is not one of its items"])
    }

    @Test func rangeItemsCannotProduce() {
        let body = Fixtures.who5.replacingOccurrences(of: "range: [0, 100]", with: "range: [0, 25]")
        #expect(problems(body, header: "") == ["28:12: range [0, 25] of score 'wellbeing' does not match what its items can produce: [0, 100]"])
    }

    @Test func nonNumericScoreItems() {
        let body = """
        questions:
          - {id: a, text: A, type: text}
          - {id: b, text: B, type: choice, choices: [{value: x, label: X}]}
          - {id: c, text: C, type: number}
        scores:
          - {id: s, items: [a, b, c]}

        """
        #expect(problems(body) == [
            "11:21: item 'a' of score 's' is a text question; score items must be choice (number values), scale or number questions",
            "11:24: item 'b' of score 's' is a choice question with text values; score items must be choice (number values), scale or number questions",
            "11:27: item 'c' of score 's' is a number question without both 'min' and 'max', so its range is unknown",
        ])
    }

    @Test func bands() {
        let descending = Fixtures.who5.replacingOccurrences(of: "{max: 50, id: poor", with: "{max: 20, id: poor")
        #expect(problems(descending, header: "") == ["33:15: bands of score 'wellbeing' must ascend by 'max': 20 comes after 28"])
        let short = Fixtures.who5.replacingOccurrences(of: "{max: 100, id: ok", with: "{max: 90, id: ok")
        #expect(problems(short, header: "") == ["32:7: the last band of score 'wellbeing' ends at 90, but its range ends at 100"])
    }

    @Test func newerFormat() {
        let header = Self.header.replacingOccurrences(of: "format: 1", with: "format: 2")
        #expect(problems("questions: []\nnew_key: 1\n", header: header)
                == ["1:9: this file needs a newer coach: format 2, this coach reads format 1"])
    }

    @Test func scaleMinNotBelowMax() {
        #expect(problems("questions:\n  - {id: mood, text: M, type: scale, min: 5, max: 5}\n")
                == ["7:43: 'min' (5) must be less than 'max' (5) in question 'mood'"])
    }

    @Test func quizAnswerNotAmongChoices() {
        let body = Fixtures.quiz.replacingOccurrences(of: "answer: a\n", with: "answer: d\n")
        #expect(problems(body, header: "") == ["17:13: answer 'd' of question 'q1' is not one of its choices (a, b, c)"])
    }

    @Test func passOutOfRange() {
        let body = Fixtures.quiz.replacingOccurrences(of: "pass: 70", with: "pass: 120")
        #expect(problems(body, header: "") == ["6:7: 'pass' must be between 0 and 100, not 120"])
    }

    @Test func quizKeysOutsideQuiz() {
        #expect(problems("pass: 50\n" + Self.mood) == ["6:1: 'pass' applies only to quizzes (kind: quiz)"])
    }

    @Test func testsWithUnknownQuestionsOrScores() {
        let body = Fixtures.who5.replacingOccurrences(of: "{cheerful: 5, calm: 5,", with: "{cheerfull: 5, calm: 5,")
            .replacingOccurrences(of: "expect: {wellbeing: 52", with: "expect: {wellbeng: 52")
        #expect(problems(body, header: "") == [
            "38:15: test 'all best' answers unknown question 'cheerfull' (did you mean 'cheerful'?)",
            "42:14: test 'low item alert' expects unknown score 'wellbeng' (did you mean 'wellbeing'?)",
        ])
    }

    @Test func reportsAllProblems() {
        let body = """
        cadence: sometimes
        questions:
          - {id: A, text: Q, type: yesno}
          - {id: b, text: Q, type: yesno, when: "nope"}
        scores:
          - {id: s, items: [b]}

        """
        #expect(problems(body).count == 4)
    }
}

@Suite("Survey loader errors, more")
struct SurveyLoaderMoreErrorTests {
    func problems(_ yaml: String) -> [String] {
        switch SurveyLoader.load(yaml: yaml, file: "t.yaml") {
        case .success: return []
        case .failure(let problems): return problems.problems.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test func misspelledKindDoesNotPileOn() {
        let yaml = "format: 1\nid: q\ntitle: Q\nkind: quizz\naudience: rep\npass: 50\nquestions:\n  - {id: a, text: A, type: yesno}\n"
        #expect(problems(yaml) == ["4:7: 'kind' must be one of one-on-one, quiz, check-in, self-assessment, feedback, review, retro, not 'quizz' (did you mean 'quiz'?)"])
    }

    @Test func sectionsAndQuestionsTogether() {
        let yaml = "format: 1\nid: q\ntitle: Q\nkind: feedback\naudience: rep\nsections: []\nquestions:\n  - {id: a, text: A, type: yesno}\n"
        #expect(problems(yaml) == ["6:1: use either 'sections' or 'questions' at the top level, not both"])
    }

    @Test func choiceNeedsChoicesAndKPINeedsKPIs() {
        let yaml = "format: 1\nid: q\ntitle: Q\nkind: feedback\naudience: rep\nquestions:\n  - {id: a, text: A, type: choice}\n  - {id: b, text: B, type: kpi}\n"
        #expect(problems(yaml) == ["7:5: question 'a' of type choice needs 'choices'", "8:5: question 'b' of type kpi needs 'kpis'"])
    }

    @Test func testAnswerNotAChoice() {
        let yaml = Fixtures.who5.replacingOccurrences(of: "{cheerful: 5, calm: 5,", with: "{cheerful: 7, calm: 5,")
        #expect(problems(yaml) == ["38:25: the answer to 'cheerful' in test 'all best' is 7, not one of its choices (5, 4, 3, 2, 1, 0)"])
    }

    @Test func testExpectsUnknownBand() {
        let yaml = Fixtures.who5.replacingOccurrences(of: "wellbeing.band: ok}", with: "wellbeing.band: good}")
        #expect(problems(yaml) == ["39:46: test 'all best' expects band 'good', which score 'wellbeing' does not have"])
    }
}

@Suite("Survey loader errors, reader")
struct SurveyLoaderReaderErrorTests {
    @Test func controlCharacterHasAPosition() {
        let yaml = "format: 1\nid: q\ntitle: é\u{1}x\n"
        guard case .failure(let problems) = SurveyLoader.load(yaml: yaml, file: "t.yaml") else {
            Issue.record("expected a failure")
            return
        }
        #expect(problems.problems.map { "\($0.line):\($0.column): \($0.message)" }
                == ["3:9: invalid YAML: control characters are not allowed"])
    }
}

@Suite("Survey files coach will not read")
struct SurveyFileLimitTests {
    @Test("a file over 1 MB is refused without being read, naming its size")
    func hugeFileRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 300 * 1_048_576)  // sparse: 300 MB on paper, nothing on disk
        try handle.close()
        guard case let .failure(problems) = SurveyLoader.load(contentsOf: url) else {
            Issue.record("a 300 MB file loaded")
            return
        }
        #expect(problems.problems.map(\.message) == ["the file is 300 MB; a survey file is at most 1 MB"])
    }

    @Test("a FIFO in the surveys folder is refused at once instead of hanging")
    func fifoRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString).yaml").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        guard case let .failure(problems) = SurveyLoader.load(contentsOf: URL(fileURLWithPath: path)) else {
            Issue.record("a FIFO loaded")
            return
        }
        #expect(problems.problems.map(\.message) == ["not a regular file, so not read"])
    }
}
