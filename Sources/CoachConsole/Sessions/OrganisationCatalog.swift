import CoachCore
import CoachStore
import Foundation

/// Which survey versions count: the organisation's. For each survey id that is the newest
/// version HR published (`survey publish`), or else the bundled survey. A local file with such an
/// id but other content is refused (listed as broken, never run): its scores would join the
/// organisation's numbers and its labels reach other people. A local survey with an id of its
/// own is a draft, run by and shown to its author alone.
enum OrganisationCatalog {
    static func apply(to catalog: inout SurveyCatalog, published: [PublishedSurvey]) {
        // The bundled surveys as the catalog loaded them; parsed here only when `--surveys`
        // left them out of the catalog.
        var official = catalog.embedded
        if official.isEmpty {
            for case let .success(survey) in BundledSurveys.files.map({ SurveyLoader.load(yaml: $0.content, file: "embedded:\($0.name)") }) {
                official[survey.id] = survey
            }
        }
        for version in published {
            if case let .success(survey) = SurveyLoader.load(yaml: version.content, file: "published:\(version.surveyID)") {
                official[version.surveyID] = survey
            }
        }
        for (id, survey) in catalog.surveys {
            guard let organisations = official[id] else {
                catalog.drafts.insert(id)
                continue
            }
            guard survey.contentHash != organisations.contentHash else { continue }
            if !survey.source.hasPrefix("embedded:") {
                let isPublished = published.contains { $0.surveyID == id }
                catalog.broken.append(.init(source: survey.source, problems: SurveyProblems([refusal(survey, isPublished: isPublished)])))
            }
            catalog.surveys[id] = organisations
        }
        for version in published where catalog.surveys[version.surveyID] == nil {
            catalog.surveys[version.surveyID] = official[version.surveyID]
        }
    }

    /// The problem `survey` (a file named on the command line) has when `catalog` runs another
    /// version under its id, or nil. `catalog` holds the organisation's version of every id the
    /// organisation owns, and only those are not drafts.
    static func refusal(of survey: Survey, in catalog: SurveyCatalog) -> SurveyProblem? {
        guard !catalog.drafts.contains(survey.id), let running = catalog.surveys[survey.id],
              running.contentHash != survey.contentHash else { return nil }
        return refusal(survey, isPublished: running.source.hasPrefix("published:"))
    }

    /// The problem a local file with the organisation's id gets, at its `id:` line.
    private static func refusal(_ survey: Survey, isPublished: Bool) -> SurveyProblem {
        let text = (try? String(contentsOfFile: survey.source, encoding: .utf8)) ?? ""
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("id:") }.map { $0 + 1 } ?? 1
        let whose = isPublished ? "published by the organisation" : "bundled with coach"
        return SurveyProblem(file: survey.source, line: line, column: 1, message: """
            '\(survey.id)' is the organisation's survey (\(whose)) and this file differs from it, so it is not used: \
            give it an id of its own to try it as a draft (yours alone), or ask HR to publish it ('survey publish FILE')
            """)
    }
}
