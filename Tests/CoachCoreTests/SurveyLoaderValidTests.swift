import Foundation
import Testing
@testable import CoachCore

@Suite("Loading valid surveys")
struct SurveyLoaderValidTests {
    func load(_ yaml: String, file: String = "s.yaml") throws -> Survey {
        switch SurveyLoader.load(yaml: yaml, file: file) {
        case .success(let survey): return survey
        case .failure(let problems):
            Issue.record("unexpected problems:\n\(problems)")
            throw problems
        }
    }

    @Test func who5() throws {
        let survey = try load(Fixtures.who5, file: "surveys/who-5.yaml")
        #expect(survey.format == 1)
        #expect(survey.id == "who-5")
        #expect(survey.title == "WHO-5 Well-Being Index")
        #expect(survey.kind == .checkIn)
        #expect(survey.audience == .rep)
        #expect(survey.cadence == .fortnightly)
        #expect(survey.intro == "Over the last two weeks...")
        #expect(survey.source == "surveys/who-5.yaml")
        #expect(survey.sections.isEmpty)
        #expect(survey.questions.map(\.id) == ["cheerful", "calm", "active", "rested", "interested"])
        let cheerful = try #require(survey.question(id: "cheerful"))
        #expect(cheerful.type == .choice)
        #expect(cheerful.required)
        #expect(cheerful.choiceList == "freq6")
        #expect(cheerful.choices.first == Choice(value: .number(5), label: "All of the time"))
        #expect(cheerful.choices.count == 6)
        #expect(cheerful.section == nil)
        #expect(survey.quiz == nil)

        let score = try #require(survey.score(id: "wellbeing"))
        #expect(score.label == "Well-being")
        #expect(score.items.count == 5)
        #expect(score.method == .sum)
        #expect(score.reverse.isEmpty)
        #expect(score.multiply == 4)
        #expect(score.add == 0)
        #expect(score.minAnswered == 5)
        #expect(score.range == 0...100)
        #expect(score.higherIs == .better)
        #expect(score.change == 10)
        #expect(score.bands.map(\.id) == ["low", "poor", "ok"])
        #expect(score.bands.first == ScoreBand(max: 28, id: "low", label: "Low", level: .alert))
        #expect(score.band(for: 52)?.id == "ok")
        #expect(score.band(for: 28)?.id == "low")
        #expect(score.alertIfAny == AlertRule(items: ["cheerful", "calm", "active", "rested", "interested"], atMost: 1))

        #expect(survey.tests.count == 2)
        #expect(survey.tests[0].name == "all best")
        #expect(survey.tests[0].answers["calm"] == .choice(.number(5)))
        #expect(survey.tests[0].expect == ["wellbeing": .number(100), "wellbeing.band": .string("ok")])
        #expect(survey.tests[1].expect["alert"] == .bool(true))
        #expect(survey.contentHash == SHA256.hex(Fixtures.who5.utf8))
        #expect(survey.contentHash.count == 64)
    }

    @Test func oneOnOneWithSections() throws {
        let survey = try load(Fixtures.oneOnOne)
        #expect(survey.kind == .oneOnOne)
        #expect(survey.audience == .manager)
        #expect(survey.cadence == .weekly)
        #expect(survey.sections.map(\.title) == ["Check-in", "Follow-up"])
        #expect(survey.sections[0].intro == "How are things?")
        #expect(survey.sections[1].questionIDs == ["review", "agenda", "kpis", "next_review", "actions", "notes"])
        #expect(survey.questions.count == 11)
        #expect(survey.questions.map(\.type) == [.scale, .text, .multi, .number, .yesno, .reviewActions,
                                                  .agenda, .kpi, .date, .actions, .text])
        let mood = try #require(survey.question(id: "mood"))
        #expect(mood.min == 1 && mood.max == 10)
        #expect(mood.labels == [1: "Poor", 10: "Great"])
        #expect(mood.section == "Check-in")
        let why = try #require(survey.question(id: "mood_why"))
        #expect(why.multiline)
        #expect(!why.required)
        #expect(why.when?.source == "mood <= 4")
        #expect(why.when?.expression == .comparison(.lessEqual, .answer(.question("mood")), .number(4)))
        #expect(why.help == "Take your time.")
        let calls = try #require(survey.question(id: "calls"))
        #expect(calls.unit == "calls")
        #expect(calls.constraintMessage == "Enter 0 to 500.")
        #expect(calls.constraint?.expression.isTrue(answers: [:], current: .number(12)) == true)
        #expect(calls.constraint?.expression.isTrue(answers: [:], current: .number(-1)) == false)
        #expect(survey.question(id: "topics")?.choices.map(\.value) == [.string("pipeline"), .string("skills"), .string("wellbeing")])
        #expect(survey.question(id: "kpis")?.kpis == [KPIDefinition(id: "revenue", label: "Revenue", unit: "EUR"),
                                                      KPIDefinition(id: "meetings", label: "Meetings", unit: nil)])
        #expect(survey.question(id: "notes")?.isPrivate == true)
        #expect(survey.question(id: "notes")?.section == "Follow-up")
    }

    @Test func quiz() throws {
        let survey = try load(Fixtures.quiz)
        #expect(survey.quiz == QuizSettings(pass: 70, shuffle: .both, draw: 3, attempts: 2, grading: .highest,
                                            feedback: .immediate))
        let q1 = try #require(survey.question(id: "q1"))
        #expect(q1.answer == .choice(.string("a")))
        #expect(q1.points == 2)
        #expect(q1.explain == "A qualified lead gets a proposal next.")
        #expect(q1.category == "pipeline")
        #expect(survey.question(id: "q2")?.answer == .choices([.string("a"), .string("c")]))
        #expect(survey.question(id: "q2")?.points == 1)
        #expect(survey.question(id: "q3")?.answer == .number(14))
        #expect(survey.question(id: "q3")?.tolerance == 0.5)
        #expect(survey.question(id: "q4")?.answer == .texts(["CRM", "customer relationship management"]))
        #expect(survey.question(id: "q5")?.answer == .bool(false))
        #expect(survey.tests.first?.expect["passed"] == .bool(true))
        #expect(survey.tests.first?.answers["q2"] == .choices([.string("a"), .string("c")]))
    }

    @Test func cbiStyleMeanWithReverseAndMinAnswered() throws {
        let yaml = """
        format: 1
        id: cbi-work
        title: CBI work
        kind: self-assessment
        audience: rep
        choices:
          often:
            - {value: 100, label: Always}
            - {value: 75, label: Often}
            - {value: 50, label: Sometimes}
            - {value: 25, label: Seldom}
            - {value: 0, label: Never}
        questions:
          - {id: w1, text: Exhausting?, type: choice, choices: often}
          - {id: w2, text: Burnt out?, type: choice, choices: often}
          - {id: w7, text: Energy for family?, type: choice, choices: often}
        scores:
          - id: work
            label: Work-related burnout
            items: [w1, w2, w7]
            method: mean
            reverse: [w7]
            min_answered: 2
            range: [0, 100]
            higher_is: worse
            bands:
              - {max: 49.99, id: low, label: Low, level: ok}
              - {max: 74.99, id: moderate, label: Moderate, level: warn}
              - {max: 99.99, id: high, label: High, level: alert}
              - {max: 100, id: severe, label: Severe, level: alert}

        """
        let score = try #require(try load(yaml).score(id: "work"))
        #expect(score.method == .mean)
        #expect(score.reverse == ["w7"])
        #expect(score.minAnswered == 2)
        #expect(score.higherIs == .worse)
        #expect(score.band(for: 50)?.id == "moderate")
    }

    @Test func rangeIsComputedWhenNotDeclared() throws {
        let yaml = """
        format: 1
        id: pulse
        title: Pulse
        kind: feedback
        audience: hr
        questions:
          - {id: a, text: A, type: scale, min: 1, max: 5}
          - {id: b, text: B, type: number, min: 0, max: 10}
        scores:
          - {id: total, items: [a, b], multiply: -1, add: 20}

        """
        let score = try #require(try load(yaml).score(id: "total"))
        #expect(score.range == 5...19)
        #expect(score.label == "total")
    }

    @Test func contentHashOfFileBytes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coach-core-\(UUID().uuidString).yaml")
        try Data(Fixtures.who5.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let survey = try SurveyLoader.load(contentsOf: url).get()
        #expect(survey.contentHash == SHA256.hex(Data(Fixtures.who5.utf8)))
        #expect(survey.source == url.path)
    }
}

@Suite("Question logic")
struct QuestionLogicTests {
    @Test func whenAndConstraint() throws {
        let survey = try SurveyLoader.load(yaml: Fixtures.oneOnOne, file: "s.yaml").get()
        let why = try #require(survey.question(id: "mood_why"))
        #expect(why.isAsked(given: ["mood": .number(3)]))
        #expect(!why.isAsked(given: ["mood": .number(8)]))
        #expect(!why.isAsked(given: [:]))
        let calls = try #require(survey.question(id: "calls"))
        #expect(calls.accepts(.number(10), given: [:]))
        #expect(!calls.accepts(.number(501), given: [:]))
        #expect(try #require(survey.question(id: "mood")).isAsked(given: [:]))
        let next = try #require(survey.question(id: "next_review"))
        #expect(next.isAsked(given: ["topics": .choices([.string("pipeline")])]))
        #expect(!next.isAsked(given: ["topics": .choices([.string("skills")])]))
    }
}
