import CoachTestSupport
import CoachCore
import CoachScoring
import Foundation
import Testing

/// Surveys written only from surveys/README.md load, run and score: a check-in (named and inline
/// choice lists, sections with an intro, scale labels, `when`, `constraint`, `help`, multi, yesno,
/// date, a score with multiply/add, range, bands, change, alert_if_any, and test vectors) and a
/// quiz (every quiz key: pass, shuffle, draw, attempts, grading, feedback, answer, points,
/// tolerance, explain, category). `FormatDocKeysTests` checks that every key the page documents
/// appears in one of these or in a bundled survey.
@Suite("The survey format contract")
struct FormatContractTests {
    static let pulse = #"""
format: 1
id: pulse
title: Weekly pulse
kind: check-in
audience: rep
cadence: weekly
intro: Over the last week...
choices:
  freq6:
    - {value: 5, label: All of the time}
    - {value: 4, label: Most of the time}
    - {value: 3, label: More than half of the time}
    - {value: 2, label: Less than half of the time}
    - {value: 1, label: Some of the time}
    - {value: 0, label: At no time}
sections:
  - title: How you feel
    questions:
      - id: cheerful
        text: I have felt cheerful and in good spirits.
        type: choice
        choices: freq6
      - id: calm
        text: I have felt calm and relaxed.
        type: choice
        choices: freq6
        help: Think of a typical day.
  - title: Work
    intro: Your week at work.
    questions:
      - id: mood
        text: How was your week?
        type: scale
        min: 1
        max: 10
        labels: {1: Poor, 10: Great}
      - id: why
        text: What made it hard?
        type: text
        when: "mood <= 4"
        required: false
      - id: calls
        text: How many customer calls did you make?
        type: number
        min: 0
        unit: calls
        constraint: ". >= 0"
        constraint_message: Enter zero or more.
      - id: tools
        text: Which tools did you use?
        type: multi
        choices: [{value: crm, label: CRM}, {value: mail, label: Email}, {value: phone, label: Phone}]
        required: false
      - id: blocked
        text: Were you blocked by anything?
        type: yesno
      - id: next_review
        text: When should we review this?
        type: date
        required: false
scores:
  - id: wellbeing
    label: Well-being
    items: [cheerful, calm]
    method: sum
    multiply: 10
    add: 0
    range: [0, 100]
    higher_is: better
    change: 10
    bands:
      - {max: 28, id: low, label: Low — talk to someone you trust, level: alert}
      - {max: 50, id: poor, label: Poor, level: warn}
      - {max: 100, id: ok, label: Good, level: ok}
    alert_if_any: {items: [cheerful, calm], at_most: 1}
tests:
  - name: all best
    answers: {cheerful: 5, calm: 5}
    expect: {wellbeing: 100, wellbeing.band: ok}
  - name: low item alert
    answers: {cheerful: 1, calm: 3}
    expect: {wellbeing: 40, alert: true}
"""#

    /// A folder of its own holding one survey file.
    static func folder(holding file: String, _ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-surveys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("a survey written from the format page lints, passes its vectors, runs and scores", arguments: StoreEngine.allCases)
    func pulseSurvey(_ engine: StoreEngine) throws {
        let sandbox = try engine.make(people: [("Dana", "hr", nil), ("Ana", "rep", nil)])
        defer { sandbox.remove() }
        let folder = try Self.folder(holding: "pulse.yaml", Self.pulse)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lint = try sandbox.run(["survey", "lint", folder.path], as: "Ana")
        #expect(lint.stdoutText == "1 file, 0 problems\n")
        let vectors = try sandbox.run(["survey", "test", folder.path], as: "Ana")
        #expect(vectors.stdoutText.contains("1 survey: 2 passed, 0 failed"))
        let run = try sandbox.run(["--surveys", folder.path], as: "Ana",
                                  input: "run pulse\n4\nmost\n3\nCustomer said no twice\n12 calls\na,c\nn\nnext friday\n")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("── How you feel ──"))
        #expect(run.stdoutText.contains("── Work ──\nYour week at work.\n"), "a section's intro follows its title")
        #expect(run.stdoutText.contains("[3/7] How was your week?"), "the question asked only when mood <= 4 is not counted yet")
        #expect(run.stdoutText.contains("[4/8] What made it hard?"))
        #expect(run.stdoutText.contains("  (1–10: 1 Poor … 10 Great)"))
        #expect(run.stdoutText.contains("Well-being  80  Good"))
        #expect(try sandbox.sql("SELECT question_id, value FROM answer WHERE question_id IN ('why', 'calls', 'tools', 'blocked')") == [
            "why|{\"type\":\"text\",\"value\":\"Customer said no twice\"}",
            "calls|{\"type\":\"number\",\"value\":12}",
            "tools|{\"type\":\"choices\",\"value\":[\"crm\",\"phone\"]}",
            "blocked|{\"type\":\"bool\",\"value\":false}",
        ])
    }

    /// A quiz using every quiz key of the page. Five questions in two categories, four drawn:
    /// each category gets its share, 2 and 2, so one `data` question is left out (which one
    /// depends on the seed).
    static let quiz = #"""
format: 1
id: pipeline-check
title: Pipeline check
kind: quiz
audience: rep
intro: Four questions, drawn from five.
pass: 60
shuffle: both
draw: 4
attempts: 2
grading: highest
feedback: immediate
questions:
  - id: stage_after_qualified
    type: choice
    text: Which stage comes right after a qualified lead?
    choices: [{value: a, label: Proposal}, {value: b, label: Closed}, {value: c, label: Prospect}]
    answer: a
    points: 1
    explain: A qualified lead gets a proposal next.
    category: pipeline
  - id: conversion_rate
    type: number
    text: 12 of 80 qualified leads were won. What is the conversion rate in %?
    unit: "%"
    answer: 15
    tolerance: 0.5
    explain: 12 / 80 = 0.15, that is 15 %.
    category: pipeline
  - id: after_call
    type: multi
    text: What belongs in the CRM after a call?
    choices: [{value: notes, label: Call notes}, {value: next, label: The next step}, {value: mood, label: Your mood}]
    answer: [notes, next]
    points: 2
    explain: Notes and a dated next step; your mood is yours.
    category: data
  - id: crm_acronym
    type: text
    text: What does CRM stand for?
    answer: [customer relationship management, customer relationships management]
    explain: Customer Relationship Management.
    category: data
  - id: same_day
    type: yesno
    text: Should a call be logged the same day?
    answer: true
    explain: Tomorrow it is half forgotten.
    category: data
tests:
  - name: all right
    answers: {stage_after_qualified: a, conversion_rate: 15.5, after_call: [notes, next],
              crm_acronym: " Customer  Relationship MANAGEMENT", same_day: true}
    expect: {points: 6, max_points: 6, percent: 100, passed: true}
  - name: one right pick of two, one wrong choice
    answers: {stage_after_qualified: b, conversion_rate: 15, after_call: [notes],
              crm_acronym: customer relationship management, same_day: true}
    expect: {points: 4, max_points: 6, percent: 66.67, passed: true}
  - name: a wrong pick cancels a right one
    answers: {stage_after_qualified: b, conversion_rate: 15.6, after_call: [notes, mood],
              crm_acronym: CRM, same_day: false}
    expect: {points: 0, percent: 0, passed: false}
"""#

    /// The typed answers to the quiz, by question id, with choice keys as written in the file.
    static let quizRight = ["stage_after_qualified": "a", "conversion_rate": "15.2 %", "after_call": "a,b",
                            "crm_acronym": "Customer Relationship Management", "same_day": "y"]

    @Test("a quiz written from the format page: draw by category, immediate feedback, attempts and grading",
          arguments: StoreEngine.allCases)
    func quizSurvey(_ engine: StoreEngine) throws {
        let sandbox = try engine.make(people: [("Dana", "hr", nil), ("Ana", "rep", nil)])
        defer { sandbox.remove() }
        let folder = try Self.folder(holding: "pipeline-check.yaml", Self.quiz)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try sandbox.run(["survey", "lint", folder.path], as: "Ana").stdoutText == "1 file, 0 problems\n")
        #expect(try sandbox.run(["survey", "test", folder.path], as: "Ana").stdoutText.contains("1 survey: 3 passed, 0 failed"))

        guard case let .success(survey) = SurveyLoader.load(yaml: Self.quiz, file: "pipeline-check.yaml") else {
            Issue.record("the quiz does not load")
            return
        }
        let layout = QuizLayout.make(survey: survey, seed: 7)
        let shown = layout.questions(in: survey)
        #expect(shown.count == 4)
        #expect(shown.filter { $0.category == "pipeline" }.count == 2, "each category gets its share of the draw")
        #expect(shown.filter { $0.category == "data" }.count == 2)
        func answers(wrongStage: Bool) -> [String] {
            let lines = shown.map { question in
                question.id == "stage_after_qualified" && wrongStage ? "b" : Self.quizRight[question.id] ?? ""
            }
            return QuizKeys.translate(lines, survey: survey, layout: layout)
        }
        let maxPoints = shown.reduce(0) { $0 + $1.points }
        let surveys = ["--surveys", folder.path]

        let first = try sandbox.run(surveys, as: "Ana",
                                    input: (["quiz pipeline-check --seed 7"] + answers(wrongStage: true)).joined(separator: "\n") + "\n")
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("Pipeline check: 4 questions, pass mark 60%, attempt 1 of 2"))
        #expect(first.stdoutText.contains("✗ Not quite: Proposal. A qualified lead gets a proposal next."),
                "feedback: immediate shows the right answer and the explanation at once")
        #expect(first.stdoutText.components(separatedBy: "✓ Right.").count - 1 == 3)
        #expect(first.stdoutText.contains("Score: \(formatNumber(maxPoints - 1))/\(formatNumber(maxPoints)) points"))

        let second = try sandbox.run(surveys, as: "Ana",
                                     input: (["quiz pipeline-check --seed 7"] + answers(wrongStage: false))
                                         .joined(separator: "\n") + "\n")
        #expect(second.status == 0, "\(second.stderrText)")
        #expect(second.stdoutText.contains("attempt 2 of 2"))
        #expect(second.stdoutText.contains("Grade for this quiz (highest of 2 attempts): 100%"))

        let third = try sandbox.run(surveys + ["quiz", "pipeline-check"], as: "Ana")
        #expect(third.status == 1)
        #expect(third.stderrText.contains("Pipeline check allows 2 attempts, and all are used"))
    }
}
