import Foundation
import Testing
@testable import CoachCore

/// Every simple question type through the engine, with the answer forms surveys/README.md lists:
/// what is recorded, what is refused and why.
@Suite("Session engine: question types")
struct SessionEngineQuestionTests {
    static let fruit = """
        text: Pick a fruit
        type: choice
        choices: [{value: apple, label: Apple}, {value: apricot, label: Apricot}, {value: banana, label: Banana}]
    """

    func answer(_ question: String, _ lines: [String]) throws -> EngineHarness.Run {
        EngineHarness.run(try EngineHarness.single(question), lines)
    }

    // MARK: choice

    @Test("choice: letter keys are shown beside string values, in order")
    func choiceKeysShown() throws {
        let run = try answer(Self.fruit, ["b"])
        #expect(run.conversation.transcript.contains("  a  Apple\n  b  Apricot\n  c  Banana"))
        #expect(run.recorder.stored["q"] == .choice(.string("apricot")))
    }

    @Test("choice: by key, by whole label, by unique prefix, in any case", arguments: [
        ("c", "banana"), ("C", "banana"), ("Apricot", "apricot"), ("apple", "apple"), ("ban", "banana"), ("APR", "apricot"),
    ])
    func choiceForms(typed: String, value: String) throws {
        let run = try answer(Self.fruit, [typed])
        #expect(run.outcome == .completed)
        #expect(run.recorder.calls == [.record("q", .choice(.string(value)), isPrivate: false, position: 0)])
    }

    @Test("choice: an ambiguous prefix is refused with the labels it matches; nothing recorded")
    func choiceAmbiguous() throws {
        let run = try answer(Self.fruit, ["ap", "zebra", "b"])
        #expect(run.conversation.transcript.contains("'ap' matches more than one choice ('Apple', 'Apricot')"))
        #expect(run.conversation.transcript.contains("'zebra' is not one of the choices; type a key (a–c)"))
        #expect(run.recorder.calls == [.record("q", .choice(.string("apricot")), isPrivate: false, position: 0)])
    }

    @Test("a 5,000-character wrong answer is quoted by its start and length, not echoed whole")
    func longWrongAnswerNotEchoed() throws {
        let pasted = String(repeating: "x", count: 5_000)
        let run = try answer(Self.fruit, [pasted, "c"])
        #expect(run.conversation.transcript.contains("'\(String(repeating: "x", count: 40))…' (5000 characters) is not one of the choices"))
        #expect(!run.conversation.transcript.contains(String(repeating: "x", count: 41)))
        #expect(run.recorder.calls == [.record("q", .choice(.string("banana")), isPrivate: false, position: 0)])
    }

    @Test("choice: numeric values are their own keys (WHO-5 shows 5 … 0)")
    func choiceNumericKeys() throws {
        let survey = try EngineHarness.survey(Fixtures.who5)
        let run = EngineHarness.run(survey, ["5", "0", "At no", "mo", "Most of", "3"])
        #expect(run.conversation.transcript.contains("  5  All of the time"))
        #expect(run.conversation.transcript.contains("  0  At no time"))
        #expect(run.conversation.transcript.contains("'mo' matches more than one choice ('Most of the time', 'More than half of the time')"))
        #expect(run.outcome == .completed)
        #expect(run.recorder.recordedIDs == ["cheerful", "calm", "active", "rested", "interested"])
        #expect(run.recorder.stored["calm"] == .choice(.number(0)))
        #expect(run.recorder.stored["active"] == .choice(.number(0)))
        #expect(run.recorder.stored["rested"] == .choice(.number(4)))
        #expect(run.recorder.stored["interested"] == .choice(.number(3)))
    }

    // MARK: multi

    @Test("multi: keys typed a,c or a c or a, c; order of typing does not matter", arguments: ["a,c", "a c", "a, c", "c a", "a,c,a"])
    func multiForms(typed: String) throws {
        let run = try answer(Self.fruit.replacingOccurrences(of: "type: choice", with: "type: multi"), [typed])
        #expect(run.recorder.stored["q"] == .choices([.string("apple"), .string("banana")]))
    }

    @Test("multi: an unknown key or no key at all is refused with the reason")
    func multiRefused() throws {
        let run = try answer(Self.fruit.replacingOccurrences(of: "type: choice", with: "type: multi"), ["a,z", ",", "b"])
        #expect(run.conversation.transcript.contains("'z' is not one of the keys (a–c)"))
        #expect(run.conversation.transcript.contains("Pick at least one key"))
        #expect(run.recorder.calls == [.record("q", .choices([.string("apricot")]), isPrivate: false, position: 0)])
    }

    // MARK: scale

    static let mood = """
        text: Your week, 1 to 10
        type: scale
        min: 1
        max: 10
        labels: {1: Poor, 10: Great}
    """

    @Test("scale: bounds are inclusive; outside them and non-integers are refused; labels shown and accepted")
    func scale() throws {
        let run = try answer(Self.mood, ["0", "11", "5.5", "ten", "great"])
        #expect(run.conversation.transcript.contains("(1–10: 1 Poor … 10 Great)"))
        #expect(run.conversation.count("Type a whole number from 1 to 10.") == 4)
        #expect(run.recorder.calls == [.record("q", .number(10), isPrivate: false, position: 0)])
        #expect(try answer(Self.mood, ["1"]).recorder.stored["q"] == .number(1))
        #expect(try answer(Self.mood, ["10"]).recorder.stored["q"] == .number(10))
        #expect(try answer(Self.mood, ["poor"]).recorder.stored["q"] == .number(1))
    }

    // MARK: number

    static let calls = """
        text: Calls made
        type: number
        min: 0
        max: 500
        unit: calls
    """

    @Test("number: min, max and unit; refusals say why")
    func number() throws {
        let run = try answer(Self.calls, ["-1", "501", "lots", "1e999", "nan", "42 calls"])
        let said = run.conversation.transcript
        #expect(said.contains("(a number from 0 to 500 (calls))"))
        #expect(said.contains("Type a number of at least 0."))
        #expect(said.contains("Type a number of at most 500."))
        #expect(said.contains("'lots' is not a number"))
        #expect(said.contains("'1e999' is not a number"))
        #expect(said.contains("'nan' is not a number"))
        #expect(run.recorder.calls == [.record("q", .number(42), isPrivate: false, position: 0)])
        #expect(try answer(Self.calls, ["3.5"]).recorder.stored["q"] == .number(3.5))
        #expect(try answer(Self.calls, ["500"]).recorder.stored["q"] == .number(500))
        #expect(try answer(Self.calls, ["0calls"]).recorder.stored["q"] == .number(0))
    }

    // MARK: yesno and text

    @Test("yesno: y/n/yes/no in any case; anything else refused", arguments: [("y", true), ("YES", true), ("n", false), ("No", false)])
    func yesno(typed: String, value: Bool) throws {
        let run = try answer("    text: Blocked?\n    type: yesno", ["maybe", typed])
        #expect(run.conversation.transcript.contains("Please answer y or n."))
        #expect(run.recorder.calls == [.record("q", .bool(value), isPrivate: false, position: 0)])
    }

    @Test("text: one line, trimmed")
    func text() throws {
        let run = try answer("    text: Wins?\n    type: text", ["  Closed Acme  "])
        #expect(run.recorder.stored["q"] == .text("Closed Acme"))
    }

    @Test("multiline text reads until a line with a single '.'")
    func multiline() throws {
        let question = "    text: Notes\n    type: text\n    multiline: true\n    required: false"
        let run = try answer(question, ["First line", "  indented second", "", "last", " . "])
        #expect(run.conversation.transcript.contains("a line with a single '.' ends"))
        #expect(run.recorder.stored["q"] == .text("First line\n  indented second\n\nlast"))
        #expect(run.conversation.unread == 0)
        let skipped = try answer(question, ["."])
        #expect(skipped.outcome == .completed)
        #expect(skipped.recorder.stored.isEmpty, "a lone '.' leaves an optional note out")
        #expect(skipped.recorder.calls == [.skip("q"), .erase("q")], "marked skipped until the session completes")
        let required = try answer("    text: Notes\n    type: text\n    multiline: true", [".", "Only line", "."])
        #expect(required.conversation.transcript.contains("An answer is needed here"))
        #expect(required.recorder.stored["q"] == .text("Only line"))
    }

    @Test("multiline text: Ctrl-C in the middle pauses without recording a half answer")
    func multilineInterrupted() throws {
        let survey = try EngineHarness.single("    text: Notes\n    type: text\n    multiline: true")
        let run = EngineHarness.run(survey, inputs: [.line("half"), .interrupted])
        #expect(run.outcome == .paused)
        #expect(run.recorder.calls.isEmpty)
    }

    // MARK: date

    @Test("date: today, +7d, weekdays and ISO are resolved against today (Friday 2026-11-27) and shown", arguments: [
        ("today", "2026-11-27"), ("tomorrow", "2026-11-28"), ("+7d", "2026-12-04"), ("+2w", "2026-12-11"),
        ("friday", "2026-12-04"), ("next friday", "2026-12-04"), ("Monday", "2026-11-30"), ("2026-12-24", "2026-12-24"),
        ("2028-02-29", "2028-02-29"),
    ])
    func date(typed: String, day: String) throws {
        let run = try answer("    text: Next review\n    type: date", [typed])
        #expect(run.recorder.calls == [.record("q", .date(day), isPrivate: false, position: 0)])
        if typed != day { #expect(run.conversation.transcript.contains("→ \(day)")) }
    }

    @Test("date: impossible or unreadable dates are refused with the forms accepted",
          arguments: ["2026-02-30", "2027-02-29", "2026-13-01", "27/11/2026", "someday", "+d", "-3d", "fr"])
    func dateInvalid(typed: String) throws {
        let run = try answer("    text: Next review\n    type: date", [typed])
        #expect(run.outcome == .paused)
        #expect(run.conversation.transcript.contains("'\(typed)' is not a date; type YYYY-MM-DD, today, tomorrow, +7d"))
        #expect(run.recorder.calls.isEmpty)
    }

    // MARK: required and optional

    @Test("Enter skips an optional question: marked skipped while open, nothing kept once it completes")
    func optionalEnter() throws {
        let run = try answer("    text: Wins?\n    type: text\n    required: false", [""])
        #expect(run.conversation.transcript.contains("optional, Enter skips"))
        #expect(run.outcome == .completed)
        #expect(run.recorder.calls == [.skip("q"), .erase("q")])
        #expect(run.recorder.stored.isEmpty)
    }

    @Test("Enter and :skip are refused on a required question, which is asked again")
    func requiredRefusesEmptyAndSkip() throws {
        let run = try answer("    text: Wins?\n    type: text", ["", "   ", ":skip", ":SKIP", "A deal"])
        #expect(run.conversation.count("An answer is needed here") == 2)
        #expect(run.conversation.count("This question needs an answer; :skip is for optional questions.") == 2)
        #expect(run.recorder.calls == [.record("q", .text("A deal"), isPrivate: false, position: 0)])
    }

    @Test(":skip skips an optional question")
    func skipOptional() throws {
        let run = try answer("    text: Pick\n    type: choice\n    required: false\n    choices: [{value: x, label: X}]", [":skip"])
        #expect(run.outcome == .completed)
        #expect(run.recorder.calls == [.skip("q"), .erase("q")])
    }

    @Test("a private question's answer is recorded as private")
    func privateFlag() throws {
        let run = try answer("    text: Notes\n    type: text\n    private: true", ["only for me"])
        #expect(run.recorder.calls == [.record("q", .text("only for me"), isPrivate: true, position: 0)])
    }

    @Test("constraint: an answer it refuses shows constraint_message and is not recorded")
    func constraint() throws {
        let question = Self.calls + "\n    constraint: \". != 13\"\n    constraint_message: Not thirteen, please."
        let run = try answer(question, ["13", "12"])
        #expect(run.conversation.transcript.contains("Not thirteen, please."))
        #expect(run.recorder.calls == [.record("q", .number(12), isPrivate: false, position: 0)])
        let plain = try answer("    text: Even\n    type: number\n    constraint: \". >= 10\"", ["3", "10"])
        #expect(plain.conversation.transcript.contains("That answer is not accepted here (. >= 10)"))
        #expect(plain.recorder.stored["q"] == .number(10))
    }
}

@Suite("Session engine: long choice lists")
struct SessionEngineLongListTests {
    @Test("keys go on after z: aa … zz, then aaa, without trapping")
    func keysBeyondZZ() throws {
        let choices = (0..<800).map { "{value: v\($0), label: Choice \($0)}" }.joined(separator: ", ")
        let survey = try EngineHarness.single("    text: Pick\n    type: choice\n    choices: [\(choices)]")
        let keys = ChoiceKeys(survey.questions[0].choices).keys
        #expect(keys[0] == "a" && keys[25] == "z" && keys[26] == "aa" && keys[701] == "zz" && keys[702] == "aaa")
        #expect(Set(keys).count == 800, "every key is different")
        let run = EngineHarness.run(survey, ["aaa"])
        #expect(run.recorder.stored["q"] == .choice(.string("v702")))
    }
}
