import Foundation

/// Every survey available to coach: the embedded (bundled) ones plus the files of survey folders.
///
/// Layers are read in order — embedded first, then each directory as given — and a later layer
/// replaces a survey of an earlier one with the same id (that is how a user overrides a bundled
/// survey). Within one layer a repeated id is a problem; the first file (by name) is kept.
/// A directory that does not exist is skipped.
public struct SurveyCatalog: Sendable {
    /// Valid surveys by id.
    public var surveys: [String: Survey]
    /// Files that did not load, with their problems.
    public var broken: [BrokenSurvey]
    /// Problems that are not one file's fault (a duplicate id within a layer).
    public var problems: [SurveyProblem]
    /// Ids of surveys that are not the organisation's (neither bundled nor published): they run
    /// as drafts, seen by their author alone.
    public var drafts: Set<String> = []
    /// The embedded surveys as loaded, by id, even where a folder's file overrides one.
    public var embedded: [String: Survey] = [:]

    /// A survey file that did not load.
    public struct BrokenSurvey: Sendable, Equatable {
        public let source: String
        public let problems: SurveyProblems

        public init(source: String, problems: SurveyProblems) {
            self.source = source
            self.problems = problems
        }
    }

    /// Surveys sorted by id.
    public var sorted: [Survey] { surveys.values.sorted { $0.id < $1.id } }

    /// Every problem, broken files first, in source order.
    public var allProblems: [SurveyProblem] { broken.flatMap(\.problems.problems) + problems }

    public static func load(directories: [URL], embedded: [(name: String, content: String)]) -> SurveyCatalog {
        var catalog = SurveyCatalog(surveys: [:], broken: [], problems: [])
        let embeddedResults = embedded.map { SurveyLoader.load(yaml: $0.content, file: "embedded:\($0.name)") }
        for case let .success(survey) in embeddedResults { catalog.embedded[survey.id] = survey }
        catalog.addLayer(embeddedResults)
        for directory in directories {
            catalog.addLayer(surveyFiles(in: directory).map { SurveyLoader.load(contentsOf: $0) })
        }
        return catalog
    }

    /// `*.yaml` and `*.yml` files directly in `directory`, sorted by name.
    public static func surveyFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    private mutating func addLayer(_ results: [Result<Survey, SurveyProblems>]) {
        var layer: [String: Survey] = [:]
        for result in results {
            switch result {
            case .failure(let problems):
                broken.append(BrokenSurvey(source: problems.problems.first?.file ?? "", problems: problems))
            case .success(let survey):
                if let first = layer[survey.id] {
                    problems.append(SurveyProblem(file: survey.source, line: 1, column: 1,
                                                  message: "duplicate survey id '\(survey.id)' (also in \(first.source)); this file is ignored"))
                    continue
                }
                layer[survey.id] = survey
            }
        }
        surveys.merge(layer) { _, new in new }
    }
}
