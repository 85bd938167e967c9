import Testing
import Yams
@testable import CoachCore

/// `tagName` must read every plain scalar exactly as Yams' default resolver does, or a survey's
/// `max: 5` could turn into text (or `answer: yes` stop being true) without anyone noticing.
@Suite struct YAMLTagTests {
    static let samples = [
        "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "No", "on", "Off", "OFF", "y", "n",
        "true", "True", "TRUE", "tRue", "false", "False", "0", "00", "7", "-7", "+7", "1_000", "0b101", "-0b1", "0o17",
        "017", "08", "0x1F", "0xg", "1:30", "190:20:30", "1.5", "-1.5", ".5", "1e3", "1.0e+3", "1.", "-.inf", ".Inf",
        ".NaN", ".nan", ".", "+", "<<", "=", "==", "2026-11-27", "2026-1-2 10:00:00", "2026-11-27T10:00:00Z",
        "2026-13-45", "12:60", "q1", "wellbeing", "How are you?", "5 stars", "1 - 2", "~x", "0.5.1", "1_0.5",
        "e3", "inf", "nan", ".5e3", "1:2:3.5", "<", "3 ", "yes please", "100", "-0", "+0.25", "0.", "10.0.1",
        "12a", "1.5x", "-12.75", "05.5", "0.05", "99999999999999999999",
    ]

    @Test func plainScalarsResolveAsYamsDefaultDoes() throws {
        for text in Self.samples {
            let yaml = "value: \(text.isEmpty ? "" : text)\n"
            let expected = try #require(try Yams.compose(yaml: yaml)?["value"])
            let fast = try #require(try Yams.compose(yaml: yaml, .basic)?["value"])
            #expect(tagName(fast) == Yams.Tag.Name(rawValue: expected.tag.description), "\(text.debugDescription)")
        }
    }

    @Test func quotedAndExplicitlyTaggedScalarsKeepTheirTag() throws {
        let node = try #require(try Yams.compose(yaml: "a: '5'\nb: !!str 5\nc: !!int '7'\nd: \"yes\"\n", .basic))
        #expect(tagName(try #require(node["a"])) == Yams.Tag.Name.str)
        #expect(tagName(try #require(node["b"])) == Yams.Tag.Name.str)
        #expect(tagName(try #require(node["c"])) == Yams.Tag.Name.int)
        #expect(tagName(try #require(node["d"])) == Yams.Tag.Name.str)
    }
}
