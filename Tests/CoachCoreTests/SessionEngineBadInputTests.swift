import Foundation
import Testing
@testable import CoachCore

/// Lines that cannot be answers at all: each is re-asked with a reason and nothing is recorded.
@Suite("Session engine: bad input at a prompt")
struct SessionEngineBadInputTests {
    struct Bad: CustomTestStringConvertible, Sendable {
        let name: String
        let line: String
        let reason: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "a 100 kB line", line: String(repeating: "x", count: 100_000),
            reason: "That answer is too long (100000 characters; at most 10000)."),
        Bad(name: "a NUL byte", line: "a\u{0}b", reason: "That line contains control characters"),
        Bad(name: "an escape sequence", line: "\u{1b}[31mred", reason: "That line contains control characters"),
        Bad(name: "a stray carriage return", line: "yes\rno", reason: "That line contains control characters"),
        Bad(name: "DEL", line: "abc\u{7f}", reason: "That line contains control characters"),
        Bad(name: "a right-to-left override", line: "pay \u{202E}esir", reason: "That line contains bidirectional control characters"),
        Bad(name: "a directional isolate", line: "\u{2067}x\u{2069}", reason: "That line contains bidirectional control characters"),
        Bad(name: "invalid UTF-8, lossily decoded", line: String(decoding: [0x61, 0xff, 0xfe, 0x62] as [UInt8], as: UTF8.self),
            reason: "That line is not valid UTF-8; please type it again."),
        Bad(name: "an empty line", line: "", reason: "An answer is needed here"),
        Bad(name: "only spaces", line: "   \t ", reason: "An answer is needed here"),
    ]

    static let questions = [
        "    text: Wins?\n    type: text",
        "    text: Pick\n    type: choice\n    choices: [{value: x, label: X}, {value: y, label: Y}]",
        "    text: Calls\n    type: number",
        "    text: When\n    type: date",
    ]

    @Test("re-asked with the reason, nothing recorded", arguments: bad, questions.indices)
    func refused(_ bad: Bad, question: Int) throws {
        let survey = try EngineHarness.single(Self.questions[question])
        let good = ["fine", "x", "4", "today"][question]
        let run = EngineHarness.run(survey, [bad.line, good])
        #expect(run.conversation.transcript.contains(bad.reason))
        #expect(run.conversation.prompts.count == 2, "asked again after the bad line")
        #expect(run.recorder.calls.count == 1)
        #expect(run.recorder.recordedIDs == ["q"])
        #expect(run.outcome == .completed)
        if case let .text(text) = run.recorder.stored["q"] { #expect(text == "fine") }
    }

    @Test("a tab inside a line is plain text, not a control character")
    func tabAllowed() throws {
        let run = EngineHarness.run(try EngineHarness.single("    text: Wins?\n    type: text"), ["a\tb"])
        #expect(run.recorder.stored["q"] == .text("a\tb"))
    }

    @Test("the longest accepted line is 10,000 characters")
    func longestAccepted() throws {
        let line = String(repeating: "é", count: 10_000)
        let run = EngineHarness.run(try EngineHarness.single("    text: Wins?\n    type: text"), [line])
        #expect(run.recorder.stored["q"] == .text(line))
    }

    @Test("bad lines inside a multiline answer are refused and left out of it",
          arguments: bad.filter { !$0.line.trimmingCharacters(in: .whitespaces).isEmpty })
    func multiline(_ bad: Bad) throws {
        let survey = try EngineHarness.single("    text: Notes\n    type: text\n    multiline: true")
        let run = EngineHarness.run(survey, ["first", bad.line, "second", "."])
        #expect(run.conversation.transcript.contains(bad.reason))
        #expect(run.recorder.calls == [.record("q", .text("first\nsecond"), isPrivate: false, position: 0)])
    }

    @Test("bad lines at a meeting step are refused the same way", arguments: bad.filter { !$0.line.isEmpty && $0.name != "only spaces" })
    func meetingStep(_ bad: Bad) throws {
        let survey = try EngineHarness.survey("""
        format: 1
        id: meet
        title: Meeting
        kind: one-on-one
        audience: manager
        questions:
          - {id: actions, text: New actions, type: actions}
        """)
        let run = EngineHarness.run(survey, [bad.line, "Call Bob", "", "", ""], meeting: FakeMeeting())
        #expect(run.conversation.transcript.contains(bad.reason))
        let added = try #require(run.recorder.stored["actions"]?.decoded(as: NewActions.self))
        #expect(added.items.map(\.text) == ["Call Bob"])
    }
}
