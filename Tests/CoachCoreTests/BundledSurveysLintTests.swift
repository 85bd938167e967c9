import CoachCore
import Testing

@Suite("The bundled surveys")
struct BundledSurveysLintTests {
    @Test("every bundled survey loads without a problem", arguments: BundledSurveys.files.map(\.name))
    func lintsClean(_ name: String) throws {
        let file = try #require(BundledSurveys.files.first { $0.name == name })
        switch SurveyLoader.load(yaml: file.content, file: name) {
        case .success(let survey):
            #expect(name == "\(survey.id).yaml", "the file is named after the survey id")
        case .failure(let problems):
            Issue.record("\(problems.problems.map(\.description).joined(separator: "\n"))")
        }
    }

    @Test("the catalog has the ten surveys the product ships")
    func catalog() {
        let catalog = SurveyCatalog.load(directories: [], embedded: BundledSurveys.files)
        #expect(catalog.sorted.map(\.id) == ["cbi", "crm-basics", "objection-handling", "one-on-one", "performance-review",
                                             "self-review", "team-retro", "training-reaction", "weekly-self-assessment", "who-5"])
        #expect(catalog.allProblems.isEmpty)
    }
}
