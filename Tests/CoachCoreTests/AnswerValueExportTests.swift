import Foundation
import Testing
@testable import CoachCore

/// What `export` writes of each kind of answer: its type, its real JSON value, and its CSV text.
@Suite("Answers as export values")
struct AnswerValueExportTests {
    @Test("every kind of answer: type, JSON value and plain text")
    func everyKind() {
        let structured = JSONValue.object(["items": .array([.object(["text": .string("Call ACME"), "owner": .string("Ana")])])])
        let cases: [(AnswerValue, String, JSONValue, String)] = [
            (.number(4), "number", .number(4), "4"),
            (.number(2.5), "number", .number(2.5), "2.5"),
            (.text("Pricing, for ACME"), "text", .string("Pricing, for ACME"), "Pricing, for ACME"),
            (.bool(false), "bool", .bool(false), "false"),
            (.choice(.number(3)), "choice", .number(3), "3"),
            (.choice(.string("a")), "choice", .string("a"), "a"),
            (.choices([.string("crm"), .string("phone")]), "choices", .array([.string("crm"), .string("phone")]), #"["crm","phone"]"#),
            (.date("2026-12-04"), "date", .string("2026-12-04"), "2026-12-04"),
            (.structured(structured), "structured", structured, #"{"items":[{"owner":"Ana","text":"Call ACME"}]}"#),
        ]
        for (answer, type, json, text) in cases {
            #expect(answer.typeName == type)
            #expect(answer.jsonValue == json)
            #expect(answer.plainText == text)
            // The type name is the one the stored JSON carries.
            #expect(answer.jsonText?.contains(#""type":"\#(type)""#) == true)
        }
    }
}
