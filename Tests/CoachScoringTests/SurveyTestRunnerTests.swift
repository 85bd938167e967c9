import CoachCore
import CoachTestSupport
import Testing
@testable import CoachScoring

@Suite("Survey test-vector runner")
struct SurveyTestRunnerTests {
    /// The 1-based line of the first line containing `text`.
    func line(of text: String, in yaml: String) -> Int {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(text) } ?? -1) + 1
    }

    @Test func passingVectorsGiveNoFailures() throws {
        #expect(SurveyTestRunner.run(survey: try loadSurvey(BundledFixtures.text("who-5"))).isEmpty)
        #expect(SurveyTestRunner.run(survey: try loadSurvey(SurveyTexts.cbiWork)).isEmpty)
    }

    static let failingWHO5 = (try! BundledFixtures.text("who-5")).replacingOccurrences(of: "\ntests:\n", with: """

        tests:
          - name: wrong on purpose
            answers: {cheerful: 5, calm: 5, active: 5, rested: 5, interested: 4}
            expect: {alert: true, wellbeing.band: poor, wellbeing: 100}
          - name: expects no score
            answers: {cheerful: 5, calm: 5, active: 5, rested: 5, interested: 5}
            expect: {wellbeing: null, wellbeing.band: null}
          - name: expects a score
            answers: {cheerful: 5, calm: 5}
            expect: {wellbeing: 40, wellbeing.band: poor, alert: false}

        """)

    @Test func failuresNameFileLineTestKeyExpectedAndActual() throws {
        let survey = try loadSurvey(Self.failingWHO5, file: "surveys/who-5.yaml")
        let failures = SurveyTestRunner.run(survey: survey)
        let first = line(of: "- name: wrong on purpose", in: Self.failingWHO5)
        let second = line(of: "- name: expects no score", in: Self.failingWHO5)
        let third = line(of: "- name: expects a score", in: Self.failingWHO5)
        #expect(failures.map(\.description) == [
            // Keys in score order (score, band), then alert; not in the file's order.
            "surveys/who-5.yaml:\(first): test 'wrong on purpose': wellbeing expected 100, got 96",
            "surveys/who-5.yaml:\(first): test 'wrong on purpose': wellbeing.band expected 'poor', got 'ok'",
            "surveys/who-5.yaml:\(first): test 'wrong on purpose': alert expected true, got false",
            "surveys/who-5.yaml:\(second): test 'expects no score': wellbeing expected no score, got 100",
            "surveys/who-5.yaml:\(second): test 'expects no score': wellbeing.band expected no band, got 'ok'",
            "surveys/who-5.yaml:\(third): test 'expects a score': wellbeing expected 40, got no score",
            "surveys/who-5.yaml:\(third): test 'expects a score': wellbeing.band expected 'poor', got no band",
        ])
        let failure = try #require(failures.first)
        #expect(failure.file == "surveys/who-5.yaml")
        #expect(failure.line == first)
        #expect(failure.testName == "wrong on purpose")
        #expect(failure.key == "wellbeing")
        #expect(failure.expected == .number(100))
        #expect(failure.actual == .number(96))
    }

    static let cbiTolerance = SurveyTexts.cbiWork + """
      - name: a hair above
        answers: {w1: 100, w2: 75, w3: 50, w4: 50, w5: 50, w7: 75}
        expect: {work: 58.34}
      - name: too far below
        answers: {w1: 100, w2: 75, w3: 50, w4: 50, w5: 50, w7: 75}
        expect: {work: 58.32}

    """

    @Test func numbersMatchWithinOneHundredth() throws {
        let failures = SurveyTestRunner.run(survey: try loadSurvey(Self.cbiTolerance, file: "cbi.yaml"))
        #expect(failures.count == 1)
        #expect(failures.first?.testName == "too far below")
        #expect(failures.first?.description.hasSuffix("work expected 58.32, got 58.3333") == true)
    }

    static let quiz = """
    format: 1
    id: quiz
    title: Quiz
    kind: quiz
    audience: rep
    pass: 50
    questions:
      - {id: q1, type: choice, text: Q1?, choices: [{value: a, label: A}, {value: b, label: B}], answer: a}
      - {id: q2, type: multi, text: Q2?, choices: [{value: a, label: A}, {value: b, label: B}, {value: c, label: C}], answer: [a, c]}
      - {id: q3, type: number, text: Q3?, answer: 14, tolerance: 0.5}
    tests:
      - name: half of q2 and q3
        answers: {q1: b, q2: [a], q3: 14.5}
        expect: {points: 1.5, max_points: 3, percent: 50, passed: true}
      - name: passed as a number
        answers: {q1: a}
        expect: {points: 1, percent: 33.33, passed: 0}
      - name: nothing
        answers: {}
        expect: {points: 0, max_points: 3, percent: 0, passed: false, alert: false}
      - name: wrong
        answers: {q1: a, q2: [a, b, c]}
        expect: {passed: false, percent: 40, points: 1.5}

    """

    @Test func quizKeys() throws {
        let failures = SurveyTestRunner.run(survey: try loadSurvey(Self.quiz, file: "quiz.yaml"))
        let wrong = line(of: "- name: wrong", in: Self.quiz)
        #expect(failures.map(\.description) == [
            "quiz.yaml:\(wrong): test 'wrong': percent expected 40, got 50",
            "quiz.yaml:\(wrong): test 'wrong': passed expected false, got true",
        ])
    }

    @Test func actualValuesOfAQuizWithoutPassMark() throws {
        let survey = try loadSurvey(Self.quiz.replacingOccurrences(of: "pass: 50\n", with: ""))
        let values = SurveyTestRunner.actualValues(survey: survey, answers: [:])
        #expect(values["passed"] == .null)
        #expect(values["percent"] == .number(0))
        #expect(values["alert"] == .bool(false))
    }

    @Test func matching() {
        #expect(SurveyTestRunner.matches(.null, .null))
        #expect(!SurveyTestRunner.matches(.null, .number(0)))
        #expect(!SurveyTestRunner.matches(.number(0), .null))
        #expect(SurveyTestRunner.matches(.number(1), .bool(true)))
        #expect(!SurveyTestRunner.matches(.number(1), .bool(false)))
        #expect(SurveyTestRunner.matches(.number(100), .number(100.01)))
        #expect(!SurveyTestRunner.matches(.number(100), .number(100.02)))
        #expect(!SurveyTestRunner.matches(.number(.nan), .number(.nan)))
        #expect(!SurveyTestRunner.matches(.string("ok"), .string("OK")))
        #expect(!SurveyTestRunner.matches(.bool(true), .string("true")))
    }

    @Test func keysTheSurveyCannotProduceFailAsNoScore() throws {
        var survey = try loadSurvey(BundledFixtures.text("who-5"), file: "w.yaml")
        survey.tests[0].expect["ghost"] = .number(1)
        let failures = SurveyTestRunner.run(survey: survey)
        #expect(failures.map(\.key) == ["ghost"])
        #expect(failures.first?.actual == .null)
    }
}
