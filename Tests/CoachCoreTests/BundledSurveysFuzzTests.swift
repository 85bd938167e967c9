import Foundation
import CoachTestSupport
import Testing
@testable import CoachCore

/// Random mutations of the bundled survey files, fed to the loader: each returns a survey or a
/// list of positioned problems, and none traps. Seeded, so a failure reproduces.
@Suite("Fuzzing the bundled surveys")
struct BundledSurveysFuzzTests {
    /// Mutations per bundled file (7 files: 1,050 in all by default); `COACH_FUZZ_ITERATIONS` raises it.
    static let iterations = max(150, FuzzTests.iterations / 2)

    @Test("the unmutated bundled files load, so the fuzzing starts from valid surveys")
    func baseline() {
        #expect(BundledSurveys.files.count >= 7)
        for file in BundledSurveys.files {
            guard case .success = SurveyLoader.load(yaml: file.content, file: file.name) else {
                Issue.record("\(file.name) does not load")
                continue
            }
        }
    }

    @Test("seeded mutations give a survey or problems, never a trap", arguments: BundledSurveys.files.indices)
    func mutations(index: Int) {
        let file = BundledSurveys.files[index]
        var rng = SeededRandom(seed: 0xC0AC_4000 + UInt64(index))
        var loaded = 0, refused = 0
        for _ in 0..<Self.iterations {
            var text = file.content
            for _ in 0..<Int.random(in: 1...3, using: &rng) { text = FuzzTests.mutate(text, using: &rng) }
            switch SurveyLoader.load(yaml: text, file: file.name) {
            case .success(let survey):
                loaded += 1
                #expect(!survey.questions.isEmpty)
                #expect(!survey.id.isEmpty)
            case .failure(let problems):
                refused += 1
                #expect(!problems.problems.isEmpty)
                for problem in problems.problems {
                    #expect(problem.file == file.name)
                    #expect(problem.line >= 1 && problem.column >= 1 && !problem.message.isEmpty, "\(problem)")
                }
            }
        }
        #expect(loaded + refused == Self.iterations)
        #expect(refused > 0, "some mutations must break the file, or the mutator is not mutating")
    }
}
