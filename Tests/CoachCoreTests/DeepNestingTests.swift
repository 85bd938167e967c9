import Testing
@testable import CoachCore

@Suite("Deep nesting")
struct DeepNestingTests {
    @Test func deeplyNestedFlowSequences() {
        let yaml = "format: 1\nid: x\nquestions: " + String(repeating: "[", count: 990) + String(repeating: "]", count: 990) + "\n"
        let result = SurveyLoader.load(yaml: yaml, file: "deep.yaml")
        #expect((try? result.get()) == nil)
    }

    @Test func deeplyNestedBlockMappings() {
        var yaml = "format: 1\nid: x\nintro:\n"
        for level in 1...990 { yaml += String(repeating: " ", count: level) + "k:\n" }
        let result = SurveyLoader.load(yaml: yaml, file: "deep.yaml")
        #expect((try? result.get()) == nil)
    }
}

@Suite("Aliases")
struct AliasTests {
    /// `&l0` holds 10 leaves, each `&lN` ten aliases of the level below: 10^9 leaves if expanded.
    @Test func aliasBombInAStructuredAnswerStaysSmall() throws {
        var levels = ["&l0 [" + Array(repeating: "a", count: 10).joined(separator: ", ") + "]"]
        for level in 1...8 {
            levels.append("&l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let yaml = """
        format: 1
        id: x
        title: X
        kind: one-on-one
        audience: manager
        questions:
          - {id: acts, text: Actions, type: actions}
        tests:
          - name: bomb
            expect: {}
            answers:
              acts: [\(levels.joined(separator: ", "))]

        """
        let survey = try SurveyLoader.load(yaml: yaml, file: "bomb.yaml").get()
        #expect(survey.tests.first?.answers["acts"] != nil)
    }
}
