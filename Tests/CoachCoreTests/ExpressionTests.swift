import Testing
@testable import CoachCore

@Suite("Expressions")
struct ExpressionTests {
    func parse(_ text: String) throws -> Expression {
        try Expression.parse(text).get()
    }

    func eval(_ text: String, _ answers: [String: AnswerValue] = [:], current: AnswerValue? = nil) throws -> ExpressionValue {
        try parse(text).evaluate(answers: answers, current: current)
    }

    func error(_ text: String) -> ExpressionError? {
        if case .failure(let error) = Expression.parse(text) { return error }
        return nil
    }

    @Test func precedence() throws {
        #expect(try eval("1 + 2 * 3") == .number(7))
        #expect(try eval("(1 + 2) * 3") == .number(9))
        #expect(try eval("10 - 4 - 3") == .number(3))
        #expect(try eval("12 / 3 / 2") == .number(2))
        #expect(try eval("-2 * -3") == .number(6))
        #expect(try eval("- (1 + 1)") == .number(-2))
        #expect(try eval("1 + 1 = 2 and 3 > 2 or false") == .bool(true))
        #expect(try eval("not 1 = 2") == .bool(true))
        #expect(try eval("true or true and false") == .bool(true))
        #expect(try eval("(true or true) and false") == .bool(false))
        #expect(try parse("a or b and not c") == .or(.answer(.question("a")),
                                                       .and(.answer(.question("b")), .not(.answer(.question("c"))))))
    }

    @Test func everyOperator() throws {
        #expect(try eval("3 = 3") == .bool(true))
        #expect(try eval("3 == 3") == .bool(true))
        #expect(try eval("3 != 4") == .bool(true))
        #expect(try eval("3 <> 3") == .bool(false))
        #expect(try eval("3 < 4") == .bool(true))
        #expect(try eval("4 <= 4") == .bool(true))
        #expect(try eval("5 > 4") == .bool(true))
        #expect(try eval("3 >= 4") == .bool(false))
        #expect(try eval("'abc' < \"abd\"") == .bool(true))
        #expect(try eval("'x' = 'x'") == .bool(true))
        #expect(try eval("1 = '1'") == .bool(false))
        #expect(try eval("1 != '1'") == .bool(true))
        #expect(try eval("true < false") == .bool(false))
        #expect(try eval("2.5 + 0.5") == .number(3))
        #expect(try eval("7 / 2") == .number(3.5))
        #expect(try eval("1e3 - .5") == .number(999.5))
        #expect(try eval("null") == .null)
    }

    @Test func answersAndCurrent() throws {
        let answers: [String: AnswerValue] = ["mood": .number(3), "team": .choice(.string("east")),
                                              "ok": .bool(true), "when_": .date("2026-11-27"), "name": .text("Ann")]
        #expect(try eval("mood <= 4", answers) == .bool(true))
        #expect(try eval("team = 'east'", answers) == .bool(true))
        #expect(try eval("ok", answers) == .bool(true))
        #expect(try eval("when_ >= '2026-01-01'", answers) == .bool(true))
        #expect(try eval("name", answers) == .string("Ann"))
        #expect(try eval(". * 2", current: .number(21)) == .number(42))
        #expect(try eval(". >= 0 and . <= 10", current: .number(11)) == .bool(false))
        #expect(try eval("2nd_q + 1", ["2nd_q": .number(1)]) == .number(2))
    }

    @Test func nullSemantics() throws {
        #expect(try eval("mood") == .null)
        #expect(try eval("mood = 1") == .bool(false))
        #expect(try eval("mood != 1") == .bool(false))
        #expect(try eval("mood < 1") == .bool(false))
        #expect(try eval("mood >= 1") == .bool(false))
        #expect(try eval("mood = null") == .bool(false))
        #expect(try eval("null != null") == .bool(false))
        #expect(try eval("mood + 1") == .null)
        #expect(try eval("-mood") == .null)
        #expect(try eval("mood * 0") == .null)
        #expect(try eval("not mood") == .bool(true))
        #expect(try eval("mood and true") == .bool(false))
        #expect(try eval("mood or true") == .bool(true))
        #expect(try eval("1 / 0") == .null)
        #expect(try eval("1 / 0 = 1 / 0") == .bool(false))
        #expect(try eval("'a' + 1") == .null)
        #expect(try eval("1e308 * 10") == .null)
        #expect(try eval(".") == .null)
        #expect(try parse("mood = 1").isTrue(answers: [:]) == false)
    }

    @Test func functions() throws {
        let answers: [String: AnswerValue] = ["topics": .choices([.string("a"), .string("c")]),
                                              "level": .choice(.number(3)), "empty": .choices([]),
                                              "items": .structured(.array([.string("x"), .string("y")]))]
        #expect(try eval("selected(topics, 'a')", answers) == .bool(true))
        #expect(try eval("selected(topics, 'b')", answers) == .bool(false))
        #expect(try eval("selected(level, 3)", answers) == .bool(true))
        #expect(try eval("selected(missing, 'a')", answers) == .bool(false))
        #expect(try eval("selected(., 'a')", answers, current: .choices([.string("a")])) == .bool(true))
        #expect(try eval("answered(topics)", answers) == .bool(true))
        #expect(try eval("answered(missing)", answers) == .bool(false))
        #expect(try eval("not answered(missing)", answers) == .bool(true))
        #expect(try eval("count(topics)", answers) == .number(2))
        #expect(try eval("count(empty)", answers) == .number(0))
        #expect(try eval("count(missing)", answers) == .number(0))
        #expect(try eval("count(level)", answers) == .number(1))
        #expect(try eval("count(items)", answers) == .number(2))
        #expect(try eval("count(topics) >= 2 and selected(topics, 'c')", answers) == .bool(true))
    }

    @Test func identifiers() throws {
        #expect(try parse("a + b > c and selected(d, 'x') or answered(a) or count(e) = 0 or .").identifiers
                == ["a", "b", "c", "d", "e"])
        let parsed = try ExpressionParser.parse("mood <= 4 and count(topics) > 1").get()
        #expect(parsed.references.map(\.id) == ["mood", "topics"])
        #expect(parsed.references.map(\.offset) == [0, 20])
    }

    @Test func parseErrorPositions() {
        #expect(error("(1 + 2")?.description == "expected ')' at column 7")
        #expect(error("(mood + 1 * 3")?.description == "expected ')' at column 14")
        #expect(error("mood <= ")?.description == "expected a value, found end of expression at column 9")
        #expect(error("mood <= 4 4")?.description == "unexpected 4 at column 11")
        #expect(error("mood ! 4")?.description == "unexpected '!' (use 'not', or '!=') at column 6")
        #expect(error("'abc")?.description == "unterminated string (missing closing ') at column 1")
        #expect(error("a # b")?.description == "unexpected character '#' at column 3")
        #expect(error("1 < 2 < 3")?.description == "comparisons cannot be chained; combine them with 'and' at column 7")
        #expect(error("selectd(a, 1)")?.description == "unknown function 'selectd' (did you mean 'selected'?) at column 1")
        #expect(error("selected(1, 1)")?.description
                == "expected a question id as the first argument of selected(), found 1 at column 10")
        #expect(error("selected(a 1)")?.description == "expected ',' at column 12")
        #expect(error("answered(a, b)")?.description == "answered() takes one argument, a question id at column 11")
        #expect(error("a and and b")?.description == "expected a value before 'and' at column 7")
        #expect(error("")?.description == "expected a value, found end of expression at column 1")
        #expect(error("1e999")?.description == "number '1e999' is too large at column 1")
        #expect(error("mood = )")?.offset == 7)
    }

    @Test func depthLimit() {
        let deep = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(error(deep)?.message == "expression nested too deeply (more than 64 levels)")
        let ok = String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)
        #expect(error(ok) == nil)
        #expect(error(String(repeating: "not ", count: 200) + "true") != nil)
        #expect(error(String(repeating: "-", count: 200) + "1") != nil)
        #expect(error(Array(repeating: "1", count: 500).joined(separator: " + ")) != nil)
        #expect(error(Array(repeating: "1", count: 50).joined(separator: " + ")) == nil)
    }

    @Test func hugeNumbers() throws {
        #expect(try eval("99999999999999999999999 > 1") == .bool(true))
        #expect(try eval("1.7976931348623157e308 + 1.7976931348623157e308") == .null)
    }
}
