import Foundation
import Testing
@testable import CoachCore

@Suite("Suggestions, hashing, answer JSON")
struct SupportTests {
    @Test func suggestions() {
        #expect(suggestion(for: "calmm", among: ["cheerful", "calm", "active"]) == "calm")
        #expect(suggestion(for: "scael", among: ["scale", "choice"]) == "scale")
        #expect(suggestion(for: "Calm", among: ["calm"]) == "calm")
        #expect(suggestion(for: "b", among: ["a"]) == nil)
        #expect(suggestion(for: "zzzzzz", among: ["calm"]) == nil)
        // The only candidate the word begins: a KPI typed by its first word.
        #expect(suggestion(for: "conversion", among: ["revenue", "conversion_rate", "new_customers"]) == "conversion_rate")
        #expect(suggestion(for: "new", among: ["new_customers", "new_leads"]) == nil, "two begin with it: no guess")
        #expect(suggestion(for: "co", among: ["conversion_rate"]) == nil, "too short to guess from")
        #expect(suggestion(for: "", among: ["a"]) == nil)
        #expect(suggestion(for: "calm", among: ["calm"]) == nil)
        #expect(suggestion(for: "wellbeng", among: ["alert", "wellbeing", "wellbeing.band"]) == "wellbeing")
    }

    @Test("dates, months and weeks print with their zeros, as stored keys and JSON expect")
    func zeroPadding() throws {
        #expect(7.zeroPadded(2) == "07")
        #expect(2026.zeroPadded(4) == "2026")
        #expect(12345.zeroPadded(4) == "12345")
        #expect((-5).zeroPadded(3) == "-005")
        #expect(Period(year: 987, month: 3)?.description == "0987-03")
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        #expect(DateAnswer.iso(Date(timeIntervalSince1970: 1_767_225_600), calendar: utc) == "2026-01-01")
        #expect(Cadence.weekly.periodKey(for: Date(timeIntervalSince1970: 1_767_225_600), calendar: utc) == "2026-W01")
    }

    @Test func sha256KnownVectors() {
        #expect(SHA256.hex("".utf8) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("numbers and numeric choices read back exactly, whether or not the decoder is skipped")
    func numericAnswersReadBackExactly() throws {
        for value in [0, -0.0, 4, -3, 2.5, 0.1 + 0.2, 1e-7, 6.02e23, 12_345_678_901_234_567, -1.5e-300] {
            for answer in [AnswerValue.number(value), .choice(.number(value))] {
                let json = try #require(answer.jsonText)
                #expect(AnswerValue(jsonText: json) == answer, "\(json)")
            }
        }
        // Not JSON numbers: left to the decoder, which refuses them.
        for text in [#"{"type":"number","value":inf}"#, #"{"type":"number","value":nan}"#, #"{"type":"choice","value":}"#,
                     #"{"type":"number","value":0x10}"#] {
            #expect(AnswerValue(jsonText: text) == nil, "\(text)")
        }
    }

    @Test func answerJSONRoundTrip() throws {
        let answers: [AnswerValue] = [
            .number(4), .number(2.5), .text("Ann \"A\""), .bool(true), .choice(.number(5)), .choice(.string("a")),
            .choices([.string("a"), .number(3)]), .date("2026-11-27"),
            .structured(.array([.object(["text": .string("Call Bob"), "due": .string("2026-12-04"), "done": .bool(false),
                                         "n": .number(1), "x": .null])])),
        ]
        for answer in answers {
            let json = try #require(answer.jsonText)
            #expect(AnswerValue(jsonText: json) == answer)
        }
        #expect(AnswerValue.number(4).jsonText == #"{"type":"number","value":4}"#)
        #expect(AnswerValue.choices([.string("a"), .string("c")]).jsonText == #"{"type":"choices","value":["a","c"]}"#)
        #expect(AnswerValue.choice(.number(5)).jsonText == #"{"type":"choice","value":5}"#)
        #expect(AnswerValue.bool(false).jsonText == #"{"type":"bool","value":false}"#)
        #expect(AnswerValue(jsonText: "not json") == nil)
        #expect(AnswerValue(jsonText: #"{"type":"nope","value":1}"#) == nil)
        #expect(AnswerValue.number(.nan).jsonText == nil)
    }
}

@Suite("Survey catalog")
struct SurveyCatalogTests {
    func makeDirectory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coach-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, content) in files { try Data(content.utf8).write(to: url.appendingPathComponent(name)) }
        return url
    }

    static func survey(id: String, title: String) -> String {
        "format: 1\nid: \(id)\ntitle: \(title)\nkind: check-in\naudience: rep\nquestions:\n  - {id: q, text: Q, type: yesno}\n"
    }

    @Test func directoriesOverrideEmbeddedAndEarlierDirectories() throws {
        let first = try makeDirectory(["a.yaml": Self.survey(id: "pulse", title: "From first"),
                                       "b.yml": Self.survey(id: "extra", title: "Extra"),
                                       "notes.txt": "ignored"])
        let second = try makeDirectory(["z.yaml": Self.survey(id: "pulse", title: "From second")])
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let missing = URL(fileURLWithPath: "/nonexistent/coach-surveys")
        let catalog = SurveyCatalog.load(directories: [first, missing, second],
                                         embedded: [("pulse.yaml", Self.survey(id: "pulse", title: "Bundled")),
                                                    ("who-5.yaml", Fixtures.who5)])
        #expect(catalog.surveys["pulse"]?.title == "From second")
        #expect(catalog.surveys["who-5"]?.source == "embedded:who-5.yaml")
        #expect(catalog.sorted.map(\.id) == ["extra", "pulse", "who-5"])
        #expect(catalog.broken.isEmpty)
        #expect(catalog.problems.isEmpty)
    }

    @Test func brokenFilesAndDuplicatesWithinALayer() throws {
        let dir = try makeDirectory(["a.yaml": Self.survey(id: "pulse", title: "A"),
                                     "b.yaml": Self.survey(id: "pulse", title: "B"),
                                     "c.yaml": "format: 1\nid: broken\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalog = SurveyCatalog.load(directories: [dir], embedded: [])
        #expect(catalog.surveys["pulse"]?.title == "A")
        #expect(catalog.broken.map(\.source) == [dir.appendingPathComponent("c.yaml").path])
        #expect(catalog.problems.map(\.message)
                == ["duplicate survey id 'pulse' (also in \(dir.appendingPathComponent("a.yaml").path)); this file is ignored"])
        #expect(catalog.allProblems.count == catalog.broken[0].problems.problems.count + 1)
    }
}
