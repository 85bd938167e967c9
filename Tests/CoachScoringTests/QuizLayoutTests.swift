import CoachCore
import Foundation
import Testing
@testable import CoachScoring

@Suite("Quiz layout: shuffle and draw")
struct QuizLayoutTests {
    /// 12 questions: 6 pipeline, 3 crm, 3 follow-up; q1 has letter choices, q7 numeric ones, q4 is multi.
    static func pool(shuffle: String, draw: Int? = nil) -> String {
        var lines = ["format: 1", "id: pool", "title: Pool", "kind: quiz", "audience: rep", "pass: 50",
                     "shuffle: \(shuffle)"]
        if let draw { lines.append("draw: \(draw)") }
        lines.append("questions:")
        let categories = ["pipeline", "pipeline", "pipeline", "pipeline", "pipeline", "pipeline",
                          "crm", "crm", "crm", "followup", "followup", "followup"]
        for (index, category) in categories.enumerated() {
            let id = "q\(index + 1)"
            switch id {
            case "q4":
                lines.append("  - {id: q4, type: multi, text: Pick, category: \(category), answer: [a, c], points: 2, "
                             + "choices: [{value: a, label: Lead}, {value: b, label: Lunch}, {value: c, label: Proposal}, {value: d, label: Nap}]}")
            case "q7":
                lines.append("  - {id: q7, type: choice, text: Rate, category: \(category), answer: 3, "
                             + "choices: [{value: 1, label: One}, {value: 2, label: Two}, {value: 3, label: Three}]}")
            default:
                lines.append("  - {id: \(id), type: choice, text: Which, category: \(category), answer: right, "
                             + "choices: [{value: right, label: Proposal}, {value: wrong1, label: Closed}, "
                             + "{value: wrong2, label: Prospect}, {value: wrong3, label: Negotiation}]}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func splitMix64MatchesThePublishedSequence() {
        var random = SplitMix64(seed: 1234567)
        let first = (0..<5).map { _ in random.next() }
        #expect(first == [6457827717110365317, 3203168211198807973, 9817491932198370423,
                          4593380528125082431, 16408922859458223821])
        var bounded = SplitMix64(seed: 7)
        #expect((0..<1000).allSatisfy { _ in (0..<3).contains(bounded.bounded(3)) })
        #expect(bounded.bounded(0) == 0 && bounded.bounded(1) == 0 && bounded.bounded(-5) == 0)
    }

    @Test func noShuffleIsTheIdentity() throws {
        let survey = try loadSurvey(Self.pool(shuffle: "none"))
        let layout = QuizLayout.make(survey: survey, seed: 99)
        #expect(layout.questionIDs == survey.questions.map(\.id))
        for question in survey.questions {
            #expect(layout.choiceOrder[question.id] == question.choices.map(\.value))
        }
    }

    @Test func sameSeedSameLayoutAndSeedsDiffer() throws {
        let survey = try loadSurvey(Self.pool(shuffle: "both"))
        let a = QuizLayout.make(survey: survey, seed: 42)
        #expect(a == QuizLayout.make(survey: survey, seed: 42))
        let others = (43..<53).map { QuizLayout.make(survey: survey, seed: $0) }
        #expect(others.contains { $0.questionIDs != a.questionIDs })
        #expect(others.contains { $0.choiceOrder != a.choiceOrder })
        // Still the same questions and choices, only reordered.
        #expect(a.questionIDs.sorted() == survey.questions.map(\.id).sorted())
        for question in survey.questions {
            let shown = try #require(a.choiceOrder[question.id])
            #expect(Set(shown) == Set(question.choices.map(\.value)) && shown.count == question.choices.count)
        }
    }

    @Test func shuffleKindsTouchOnlyWhatTheySay() throws {
        let choicesOnly = try loadSurvey(Self.pool(shuffle: "choices"))
        let questionsOnly = try loadSurvey(Self.pool(shuffle: "questions"))
        for seed in UInt64(0)..<10 {
            let c = QuizLayout.make(survey: choicesOnly, seed: seed)
            #expect(c.questionIDs == choicesOnly.questions.map(\.id))
            let q = QuizLayout.make(survey: questionsOnly, seed: seed)
            #expect(questionsOnly.questions.allSatisfy { q.choiceOrder[$0.id] == $0.choices.map(\.value) })
        }
    }

    @Test func shownKeyMapsBackToTheValue() throws {
        let survey = try loadSurvey(Self.pool(shuffle: "choices"))
        // A seed under which q1's right answer is not shown first.
        let seed = try #require((UInt64(0)..<100).first {
            QuizLayout.make(survey: survey, seed: $0).choiceOrder["q1"]?.first != .string("right")
        })
        let layout = QuizLayout.make(survey: survey, seed: seed)
        let q1 = try #require(survey.question(id: "q1"))
        let shown = layout.shownChoices(of: q1)
        #expect(shown.map(\.key) == ["a", "b", "c", "d"])
        for (key, choice) in shown {
            #expect(layout.value(forKey: key, questionID: "q1") == choice.value)
            #expect(layout.value(forKey: " \(key.uppercased()) ", questionID: "q1") == choice.value)
            #expect(layout.key(for: choice.value, questionID: "q1") == key)
        }
        // "a" is the first choice shown, which is not the first written; the stored answer is its value.
        let rightKey = try #require(layout.key(for: .string("right"), questionID: "q1"))
        #expect(rightKey != "a")
        #expect(layout.value(forKey: "a", questionID: "q1") != .string("right"))
        let answer = try #require(layout.value(forKey: rightKey, questionID: "q1"))
        #expect(QuizGrader.mark(q1, key: try #require(q1.answer), given: .choice(answer)).correct)
        // A unique label prefix also works; an ambiguous or unknown one does not.
        #expect(layout.value(forInput: "prop", question: q1) == .string("right"))
        #expect(layout.value(forInput: "pro", question: q1) == nil)
        #expect(layout.value(forInput: "z", question: q1) == nil)
        #expect(layout.value(forKey: "e", questionID: "q1") == nil)
        #expect(layout.value(forKey: "a", questionID: "nope") == nil)
        #expect(layout.value(forKey: "", questionID: "q1") == nil)

        // Multi: keys typed "a,c" or "a c" map to values, each once.
        let q4Keys = layout.keys(questionID: "q4")
        let lead = try #require(layout.key(for: .string("a"), questionID: "q4"))
        let proposal = try #require(layout.key(for: .string("c"), questionID: "q4"))
        #expect(q4Keys.contains(lead))
        #expect(layout.values(forKeys: "\(lead),\(proposal)", questionID: "q4") == [.string("a"), .string("c")])
        #expect(layout.values(forKeys: "\(proposal) \(lead) \(proposal)", questionID: "q4") == [.string("c"), .string("a")])
        #expect(layout.values(forKeys: "\(lead), x", questionID: "q4") == nil)
        #expect(layout.values(forKeys: " , ", questionID: "q4") == nil)

        // A numeric list shows its values as keys, whatever the order.
        let q7 = try #require(survey.question(id: "q7"))
        #expect(Set(layout.shownChoices(of: q7).map(\.key)) == ["1", "2", "3"])
        #expect(layout.value(forKey: "3", questionID: "q7") == .number(3))
    }

    @Test func layoutRoundTripsThroughJSON() throws {
        let survey = try loadSurvey(Self.pool(shuffle: "both", draw: 5))
        let layout = QuizLayout.make(survey: survey, seed: .max)
        let data = try JSONEncoder().encode(layout)
        #expect(try JSONDecoder().decode(QuizLayout.self, from: data) == layout)
        #expect(layout.seed == .max)
    }

    @Test func allocationIsProportionalWithLargestRemainders() {
        #expect(QuizLayout.allocate(strata: [6, 3, 3], draw: 4) == [2, 1, 1])
        #expect(QuizLayout.allocate(strata: [6, 3, 3], draw: 6) == [3, 2, 1])  // 3, 1.5, 1.5: tie → earlier
        #expect(QuizLayout.allocate(strata: [2, 5], draw: 4) == [1, 3])        // 1.14, 2.86
        #expect(QuizLayout.allocate(strata: [3, 5], draw: 4) == [1, 3])        // 1.5, 2.5: tie → larger
        #expect(QuizLayout.allocate(strata: [10, 1], draw: 2) == [1, 1])       // at least one each
        #expect(QuizLayout.allocate(strata: [10, 1], draw: 1) == [1, 0])       // fewer than the categories
        #expect(QuizLayout.allocate(strata: [5, 0, 5], draw: 4) == [2, 0, 2])
        #expect(QuizLayout.allocate(strata: [3, 3], draw: 10) == [3, 3])
        #expect(QuizLayout.allocate(strata: [], draw: 3) == [])
        #expect(QuizLayout.allocate(strata: [4, 4], draw: -1) == [0, 0])
        #expect(QuizLayout.allocate(strata: [-2, 4], draw: 2) == [0, 2])
        var random = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let sizes = (0..<(1 + random.bounded(6))).map { _ in random.bounded(8) }
            let draw = random.bounded(30)
            let counts = QuizLayout.allocate(strata: sizes, draw: draw)
            let total = sizes.reduce(0, +)
            #expect(counts.reduce(0, +) == min(draw, total))
            #expect(zip(counts, sizes).allSatisfy { $0 >= 0 && $0 <= $1 })
            let nonEmpty = sizes.indices.filter { sizes[$0] > 0 }
            if draw >= nonEmpty.count { #expect(nonEmpty.allSatisfy { counts[$0] >= 1 }) }
        }
    }

    @Test func drawIsStratifiedByCategory() throws {
        let survey = try loadSurvey(Self.pool(shuffle: "none", draw: 6))
        let category = Dictionary(uniqueKeysWithValues: survey.questions.map { ($0.id, $0.category ?? "") })
        var seen: Set<String> = []
        for seed in UInt64(0)..<200 {
            let layout = QuizLayout.make(survey: survey, seed: seed)
            let counts = Dictionary(grouping: layout.questionIDs) { category[$0]! }.mapValues(\.count)
            #expect(counts == ["pipeline": 3, "crm": 2, "followup": 1])
            #expect(layout.questionIDs == survey.questions.map(\.id).filter(layout.questionIDs.contains))
            #expect(Set(layout.choiceOrder.keys) == Set(layout.questionIDs))
            seen.formUnion(layout.questionIDs)
        }
        #expect(seen.count == 12)  // every question gets drawn under some seed
        let drawnAndShuffled = try loadSurvey(Self.pool(shuffle: "both", draw: 4))
        let layout = QuizLayout.make(survey: drawnAndShuffled, seed: 5)
        #expect(layout.questionIDs.count == 4 && Set(layout.questionIDs).count == 4)
        #expect(layout.questions(in: drawnAndShuffled).map(\.id) == layout.questionIDs)
    }

    @Test func gradingUnderADrawCountsOnlyTheShownQuestions() throws {
        let survey = try loadSurvey(Self.pool(shuffle: "both", draw: 4))
        let layout = QuizLayout.make(survey: survey, seed: 11)
        var answers: [String: AnswerValue] = [:]
        for id in layout.questionIDs {
            answers[id] = id == "q4" ? .choices([.string("a"), .string("c")])
                : id == "q7" ? .choice(.number(3)) : .choice(.string("right"))
        }
        let result = layout.grade(survey: survey, answers: answers)
        #expect(Set(result.marks.map(\.questionID)) == Set(layout.questionIDs))
        #expect(result.percent == 100)
        let marks = QuizAttemptMarks(result: result)
        #expect(Set(marks.marks.keys) == Set(layout.questionIDs) && marks.percent == 100)
        // The plain grader would count the 8 questions not drawn as zeros.
        #expect(QuizGrader.grade(survey: survey, answers: answers).percent! < 50)
    }

    @Test func questionsShuffleWithinSections() throws {
        let yaml = """
        format: 1
        id: sectioned
        title: Sectioned
        kind: quiz
        audience: rep
        shuffle: questions
        sections:
          - title: One
            questions:
              - {id: a1, type: yesno, text: A1, answer: true}
              - {id: a2, type: yesno, text: A2, answer: true}
              - {id: a3, type: yesno, text: A3, answer: true}
          - title: Two
            questions:
              - {id: b1, type: yesno, text: B1, answer: true}
              - {id: b2, type: yesno, text: B2, answer: true}
              - {id: b3, type: yesno, text: B3, answer: true}
        """
        let survey = try loadSurvey(yaml)
        var orders: Set<[String]> = []
        for seed in UInt64(0)..<30 {
            let ids = QuizLayout.make(survey: survey, seed: seed).questionIDs
            #expect(ids.prefix(3).allSatisfy { $0.hasPrefix("a") } && ids.suffix(3).allSatisfy { $0.hasPrefix("b") })
            orders.insert(ids)
        }
        #expect(orders.count > 1)
    }

    @Test func surveyWithoutQuizSettingsIsLaidOutAsWritten() throws {
        let yaml = """
        format: 1
        id: plain
        title: Plain
        kind: check-in
        audience: rep
        questions:
          - {id: mood, type: choice, text: Mood?, choices: [{value: 1, label: Low}, {value: 2, label: High}]}
        """
        let survey = try loadSurvey(yaml)
        let layout = QuizLayout.make(survey: survey, seed: 1)
        #expect(layout.questionIDs == ["mood"] && layout.choiceOrder["mood"] == [.number(1), .number(2)])
        #expect(layout.keys(questionID: "mood") == ["1", "2"])
    }

    @Test func letters() {
        #expect(QuizLayout.letter(at: 0) == "a" && QuizLayout.letter(at: 25) == "z")
        #expect(QuizLayout.letter(at: 26) == "aa" && QuizLayout.letter(at: 27) == "ab")
        #expect(QuizLayout.letter(at: -1) == "")
    }
}
