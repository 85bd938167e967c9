import Foundation
import Testing
@testable import CoachCore
import CoachTestSupport

@Suite("Fuzzing")
struct FuzzTests {
    /// Mutations per fixture; `COACH_FUZZ_ITERATIONS` raises it for a longer local run.
    static let iterations = ProcessInfo.processInfo.environment["COACH_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 400

    static let noise: [Character] = Array(":-[]{}'\"#&*!|>%@`,?\t\n 0123456789abcxyz.éあ\u{0}\u{FFFD}")

    /// One random mutation of `text`.
    static func mutate(_ text: String, using rng: inout SeededRandom) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch Int.random(in: 0..<7, using: &rng) {
        case 0 where !lines.isEmpty:
            lines.remove(at: Int.random(in: 0..<lines.count, using: &rng))
        case 1 where !lines.isEmpty:
            let i = Int.random(in: 0..<lines.count, using: &rng)
            lines.insert(lines[i], at: i)
        case 2 where lines.count > 1:
            let i = Int.random(in: 0..<lines.count, using: &rng), j = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(i, j)
        case 3:
            var chars = Array(text)
            guard !chars.isEmpty else { return text }
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                chars[Int.random(in: 0..<chars.count, using: &rng)] = noise.randomElement(using: &rng) ?? "x"
            }
            return String(chars)
        case 4:
            let chars = Array(text)
            return String(chars.prefix(Int.random(in: 0...chars.count, using: &rng)))
        case 5:
            var bytes = Array(text.utf8)
            let count = Int.random(in: 1...8, using: &rng)
            let junk = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes.insert(contentsOf: junk, at: Int.random(in: 0...bytes.count, using: &rng))
            return String(decoding: bytes, as: UTF8.self)
        default:
            var chars = Array(text)
            let at = Int.random(in: 0...chars.count, using: &rng)
            chars.insert(contentsOf: (0..<Int.random(in: 1...5, using: &rng)).map { _ in noise.randomElement(using: &rng) ?? " " },
                         at: at)
            return String(chars)
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: [(Fixtures.who5, UInt64(5)), (Fixtures.oneOnOne, UInt64(11)), (Fixtures.quiz, UInt64(42))])
    func loaderNeverTraps(fixture: String, seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var loaded = 0, refused = 0
        for _ in 0..<Self.iterations {
            var text = fixture
            for _ in 0..<Int.random(in: 1...4, using: &rng) { text = Self.mutate(text, using: &rng) }
            switch SurveyLoader.load(yaml: text, file: "fuzz.yaml") {
            case .success(let survey):
                loaded += 1
                #expect(!survey.questions.isEmpty)
            case .failure(let problems):
                refused += 1
                #expect(!problems.problems.isEmpty)
                #expect(problems.problems.allSatisfy { $0.line >= 1 && $0.column >= 1 && !$0.message.isEmpty })
            }
        }
        #expect(loaded + refused == Self.iterations)
        #expect(refused > 0)
    }

    static let pieces = ["mood", "a_1", ".", "1", "2.5", "1e9", "99999999999999999999", "'x'", "\"y\"", "true", "false",
                         "null", "+", "-", "*", "/", "=", "!=", "<", "<=", ">", ">=", "and", "or", "not", "(", ")",
                         ",", "selected(", "answered(", "count(", "'", "!", "#", " ", "é", "\u{0}"]

    @Test func expressionParserNeverTraps() {
        var rng = SeededRandom(seed: 2026)
        let answers: [String: AnswerValue] = ["mood": .number(3), "a_1": .choices([.string("x"), .number(1)])]
        var parsed = 0
        for _ in 0..<5000 {
            let count = Int.random(in: 0...24, using: &rng)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &rng) ?? "" }.joined()
            switch ExpressionParser.parse(text) {
            case .success(let result):
                parsed += 1
                _ = result.expression.evaluate(answers: answers, current: .number(1))
                _ = result.expression.identifiers
            case .failure(let error):
                #expect(error.offset >= 0 && error.offset <= text.unicodeScalars.count)
            }
        }
        #expect(parsed > 0)
    }

    @Test func expressionParserRandomBytes() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            if case .failure(let error) = ExpressionParser.parse(text) {
                #expect(error.offset <= text.unicodeScalars.count)
            }
        }
    }
}
