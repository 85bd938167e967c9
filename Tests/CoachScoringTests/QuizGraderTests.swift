import CoachCore
import Testing
@testable import CoachScoring

@Suite("Quiz grading")
struct QuizGraderTests {
    static let quiz = """
    format: 1
    id: sales-basics
    title: Sales basics
    kind: quiz
    audience: rep
    pass: 50
    questions:
      - id: q1
        type: choice
        text: Which stage comes right after a qualified lead?
        choices: [{value: a, label: Proposal}, {value: b, label: Closed}, {value: c, label: Prospect}]
        answer: a
        points: 2
      - id: q2
        type: multi
        text: Which are pipeline stages?
        choices: [{value: a, label: Lead}, {value: b, label: Lunch}, {value: c, label: Proposal}, {value: d, label: Nap}]
        answer: [a, c]
        points: 2
      - {id: q3, type: number, text: Days in a sprint?, answer: 14, tolerance: 0.5}
      - {id: q4, type: text, text: What does CRM stand for?, answer: [CRM, customer relationship management]}
      - {id: q5, type: yesno, text: Is a lead a customer?, answer: false}
      - {id: q6, type: number, text: Conversion rate?, answer: 0.3, tolerance: 0.1}
      - {id: q7, type: number, text: Calls per day?, answer: 40}
      - {id: q8, type: text, text: Your name?, required: false}

    """

    let survey: Survey
    init() throws { survey = try loadSurvey(Self.quiz) }

    func mark(_ id: String, _ answer: AnswerValue?) throws -> QuestionMark {
        let answers = answer.map { [id: $0] } ?? [:]
        return try #require(QuizGrader.grade(survey: survey, answers: answers).marks.first { $0.questionID == id })
    }

    func strings(_ values: String...) -> AnswerValue { .choices(values.map(ChoiceValue.string)) }

    @Test func onlyQuestionsWithAnAnswerCount() {
        let result = QuizGrader.grade(survey: survey, answers: [:])
        #expect(result.marks.map(\.questionID) == ["q1", "q2", "q3", "q4", "q5", "q6", "q7"])
        #expect(result.maxPoints == 9)
        #expect(result.points == 0)
        #expect(result.percent == 0)
        #expect(result.passed == false)
    }

    @Test func unansweredIsZero() throws {
        let m = try mark("q1", nil)
        #expect(m.mark == 0 && m.maxMark == 2 && !m.correct && !m.answered)
    }

    @Test func choice() throws {
        let right = try mark("q1", .choice(.string("a")))
        #expect(right.mark == 2 && right.maxMark == 2 && right.correct && right.answered)
        let wrong = try mark("q1", .choice(.string("b")))
        #expect(wrong.mark == 0 && !wrong.correct && wrong.answered)
    }

    @Test func yesno() throws {
        #expect(try mark("q5", .bool(false)).correct)
        #expect(try mark("q5", .bool(false)).mark == 1)
        #expect(try mark("q5", .bool(true)).mark == 0)
    }

    @Test func multiPartialCredit() throws {
        #expect(try mark("q2", strings("a", "c")).mark == 2)
        #expect(try mark("q2", strings("c", "a")).correct)
        #expect(try mark("q2", strings("a")).mark == 1)           // one right of two: half
        #expect(try mark("q2", strings("a", "b")).mark == 0)      // one right, one wrong
        #expect(try mark("q2", strings("a", "b", "c")).mark == 1) // two right, one wrong: half
        #expect(try mark("q2", strings("b")).mark == 0)           // floor 0, not −1
        #expect(try mark("q2", strings("b", "d")).mark == 0)
        #expect(try mark("q2", strings("a", "a")).mark == 1)      // a repeated pick counts once
        #expect(try mark("q2", strings()).mark == 0)
        #expect(!(try mark("q2", strings("a")).correct))
        #expect(!(try mark("q2", strings("a", "b", "c")).correct))
    }

    @Test func multiCreditNeverExceedsPoints() {
        #expect(QuizGrader.multiCredit(right: [.string("a")], picked: [.string("a"), .string("a")]) == 1)
        #expect(QuizGrader.multiCredit(right: [], picked: [.string("a")]) == 0)
    }

    @Test func numberToleranceIsInclusive() throws {
        #expect(try mark("q3", .number(14)).correct)
        #expect(try mark("q3", .number(14.5)).correct)
        #expect(try mark("q3", .number(13.5)).correct)
        #expect(!(try mark("q3", .number(14.51)).correct))
        #expect(!(try mark("q3", .number(13.49)).correct))
    }

    @Test func numberToleranceBoundaryDespiteBinaryFractions() throws {
        // 0.4 − 0.3 is 0.10000000000000003 in binary; it is still within 0.1.
        #expect(try mark("q6", .number(0.4)).correct)
        #expect(try mark("q6", .number(0.2)).correct)
        #expect(!(try mark("q6", .number(0.41)).correct))
    }

    @Test func numberWithoutToleranceMustBeExact() throws {
        #expect(try mark("q7", .number(40)).correct)
        #expect(!(try mark("q7", .number(40.01)).correct))
        #expect(!(try mark("q7", .number(.nan)).correct))
        #expect(!(try mark("q7", .number(.infinity)).correct))
    }

    @Test func textNormalisation() throws {
        #expect(try mark("q4", .text("CRM")).correct)
        #expect(try mark("q4", .text("crm")).correct)
        #expect(try mark("q4", .text("  Customer   Relationship\tManagement \n")).correct)
        #expect(try mark("q4", .text("CUSTOMER RELATIONSHIP MANAGEMENT")).correct)
        #expect(!(try mark("q4", .text("C R M")).correct))
        #expect(!(try mark("q4", .text("CRM.")).correct))
        #expect(!(try mark("q4", .text("")).correct))
        #expect(QuizGrader.normalizedText("  Straße \t Nord ") == QuizGrader.normalizedText("STRASSE NORD"))
    }

    @Test func answersOfTheWrongKindAreWrongNotCrashes() throws {
        #expect(try mark("q1", .text("a")).mark == 0)
        #expect(try mark("q3", .text("14")).mark == 0)
        #expect(try mark("q4", .number(1)).mark == 0)
        #expect(try mark("q5", .choice(.string("no"))).mark == 0)
        #expect(try mark("q2", .choice(.string("a"))).mark == 1)   // a single pick of a multi
        #expect(try mark("q2", .structured(.null)).mark == 0)
    }

    @Test func totalsAndPercent() {
        let answers: [String: AnswerValue] = [
            "q1": .choice(.string("a")), "q2": strings("a"), "q3": .number(14), "q4": .text("nope"),
        ]
        let result = QuizGrader.grade(survey: survey, answers: answers)
        #expect(result.points == 4)
        #expect(result.maxPoints == 9)
        #expect(approx(result.percent, 44.44))
        #expect(result.passMark == 50)
        #expect(result.passed == false)
    }

    @Test func asScores() {
        let result = QuizGrader.grade(survey: survey, answers: ["q1": .choice(.string("a")), "q2": strings("a", "c"), "q5": .bool(false)])
        #expect(result.asScores.map(\.scoreID) == ["points", "max_points", "percent", "passed"])
        #expect(result.asScores.map(\.value) == [5, 9, 500.0 / 9, 1])
        #expect(result.asScores.allSatisfy { $0.band == nil && !$0.alert })
    }

    static func tenYesNo(pass: String) -> String {
        var text = "format: 1\nid: ten\ntitle: Ten\nkind: quiz\naudience: rep\n\(pass)questions:\n"
        for i in 1...10 { text += "  - {id: q\(i), type: yesno, text: Q\(i)?, answer: true}\n" }
        return text
    }

    static func answers(right: Int) -> [String: AnswerValue] {
        Dictionary(uniqueKeysWithValues: (1...10).map { ("q\($0)", AnswerValue.bool($0 <= right)) })
    }

    @Test func passAtExactlyThePassMark() throws {
        let survey = try loadSurvey(Self.tenYesNo(pass: "pass: 70\n"))
        let seven = QuizGrader.grade(survey: survey, answers: Self.answers(right: 7))
        #expect(seven.percent == 70)
        #expect(seven.passed == true)
        #expect(seven.asScores.last?.value == 1)
        let six = QuizGrader.grade(survey: survey, answers: Self.answers(right: 6))
        #expect(six.passed == false)
        #expect(six.asScores.last?.value == 0)
    }

    @Test func passMarkWithFractionalPercent() throws {
        // 1 of 3 points is 33.333…%; a pass mark a float hair above it (1e-12) still counts as reached.
        var survey = try loadSurvey(Self.tenYesNo(pass: "pass: 30\n"))
        survey.questions = Array(survey.questions.prefix(3))
        survey.quiz?.pass = 100.0 / 3 + 1e-12
        let result = QuizGrader.grade(survey: survey, answers: ["q1": .bool(true)])
        #expect(result.passed == true)
    }

    @Test func noPassMarkMeansNoPassFail() throws {
        let survey = try loadSurvey(Self.tenYesNo(pass: ""))
        let result = QuizGrader.grade(survey: survey, answers: Self.answers(right: 10))
        #expect(result.percent == 100)
        #expect(result.passMark == nil)
        #expect(result.passed == nil)
        #expect(result.asScores.last == ScoreResult(scoreID: "passed", value: nil))
    }

    @Test func noPointsToEarnMeansNoPercent() throws {
        var survey = try loadSurvey(Self.tenYesNo(pass: "pass: 70\n"))
        for i in survey.questions.indices { survey.questions[i].answer = nil }
        let result = QuizGrader.grade(survey: survey, answers: Self.answers(right: 10))
        #expect(result.marks.isEmpty)
        #expect(result.maxPoints == 0)
        #expect(result.percent == nil)
        #expect(result.passed == nil)
    }

    @Test func brokenPointsNeverTrap() throws {
        var survey = try loadSurvey(Self.tenYesNo(pass: "pass: 70\n"))
        survey.questions[0].points = .nan
        survey.questions[1].points = .infinity
        survey.questions[2].points = -3
        survey.quiz?.pass = .nan
        let result = QuizGrader.grade(survey: survey, answers: Self.answers(right: 10))
        #expect(result.marks.prefix(3).allSatisfy { $0.mark == 0 && $0.maxMark == 0 })
        #expect(result.points == 7 && result.maxPoints == 7 && result.percent == 100)
        #expect(result.passed == nil)
    }
}
