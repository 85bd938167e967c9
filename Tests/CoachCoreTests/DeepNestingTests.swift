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
