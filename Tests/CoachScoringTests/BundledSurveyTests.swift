import CoachCore
import Foundation
import Testing
@testable import CoachScoring

/// The package's `surveys/*.yaml` files, if any exist yet.
private let bundledSurveyFiles: [URL] = {
    let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return SurveyCatalog.surveyFiles(in: root.appendingPathComponent("surveys"))
}()

@Suite("Bundled surveys")
struct BundledSurveyTests {
    @Test("every bundled survey's test vectors pass",
          .enabled(if: !bundledSurveyFiles.isEmpty, "no surveys/*.yaml in this checkout yet"))
    func bundledVectorsPass() {
        for url in bundledSurveyFiles {
            switch SurveyLoader.load(contentsOf: url) {
            case .failure(let problems):
                Issue.record("\(url.lastPathComponent) does not load:\n\(problems)")
            case .success(let survey):
                for failure in SurveyTestRunner.run(survey: survey) {
                    Issue.record(Comment(rawValue: failure.description))
                }
            }
        }
    }
}
