import Foundation
import Testing

/// A survey written only from SURVEY-FORMAT.md (every example key of the page: named and inline
/// choice lists, sections, scale labels, `when`, `constraint`, `help`, multi, yesno, date, a score
/// with multiply/add, range, bands, change, alert_if_any, and test vectors) loads, runs and scores.
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

    @Test("a survey written from the format page lints, passes its vectors, runs and scores")
    func pulseSurvey() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let folder = sandbox.root.appendingPathComponent("surveys")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.pulse.write(to: folder.appendingPathComponent("pulse.yaml"), atomically: true, encoding: .utf8)
        let lint = try sandbox.run(["survey", "lint", folder.path])
        #expect(lint.stdoutText == "1 file, 0 problems\n")
        let vectors = try sandbox.run(["survey", "test", folder.path])
        #expect(vectors.stdoutText.contains("1 survey: 2 passed, 0 failed"))
        let run = try sandbox.run(["--store", sandbox.store, "--surveys", folder.path],
                                  input: "person add Ana --role rep\nrun pulse\n4\nmost\n3\nCustomer said no twice\n12 calls\na,c\nn\nnext friday\n")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("── How you feel ──"))
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
}
