import ArgumentParser
import CoachCore
import CoachScoring
import CoachSessions
import CoachStore
import Foundation

/// `surveys`: the surveys coach found, and the files that do not lint.
struct SurveysCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "surveys",
        abstract: "List the surveys found: id, kind, audience, cadence, questions.",
        discussion: """
        The organisation's surveys (bundled, or published by HR with 'survey publish'), then your
        own files in $XDG_CONFIG_HOME/coach/surveys (or --surveys DIR, which replaces the bundled
        ones). A file with an id of its own is a draft (ORIGIN "draft": its sessions are yours
        alone); a file with the organisation's id but other content, or one that does not lint,
        is listed as broken and never runs.

        Example:
          surveys --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    struct Entry: Encodable {
        let id: String
        let title: String
        let kind: String
        let audience: String
        let cadence: String?
        let questions: Int
        let source: String
        /// "organisation" or "draft".
        let origin: String
    }

    struct Broken: Encodable {
        let source: String
        let problems: [String]
    }

    func run(in context: CommandContext) throws {
        let catalog = context.catalog()
        let entries = catalog.sorted.map {
            Entry(id: $0.id, title: $0.title, kind: $0.kind.rawValue, audience: $0.audience.rawValue,
                  cadence: $0.cadence?.rawValue, questions: $0.questions.count, source: $0.source,
                  origin: catalog.drafts.contains($0.id) ? "draft" : "organisation")
        }
        let broken = catalog.broken.map { Broken(source: $0.source, problems: $0.problems.problems.map(\.description)) }
        if json {
            struct Listing: Encodable { let surveys: [Entry]; let broken: [Broken] }
            context.console.line(try JSONOutput.encode(Listing(surveys: entries, broken: broken)))
            return
        }
        var table = Table("ID", "KIND", "AUDIENCE", "CADENCE", "QUESTIONS", "ORIGIN", "TITLE")
        table.mayShrink("TITLE")
        for entry in entries {
            table.add([entry.id, entry.kind, entry.audience, entry.cadence ?? "-", String(entry.questions), entry.origin, entry.title])
        }
        context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
        for file in broken {
            let count = file.problems.count
            context.console.line(context.console.styled("broken", .red)
                + "  \(file.source): \(count) problem\(count == 1 ? "" : "s") (see 'survey lint \(file.source)')")
        }
    }
}

/// `survey lint` and `survey test`.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Check survey files, and publish one as the organisation's (HR).",
        subcommands: [SurveyLint.self, SurveyTest.self, SurveyPublish.self])
}

/// `survey publish FILE`
struct SurveyPublish: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Make a survey file the organisation's version of its survey (HR).",
        discussion: """
        The file must lint clean and pass its own tests. From then on everyone using this store
        runs this version of the survey (in place of the bundled one of the same id), and a local
        file with that id but other content is refused. Sessions already stored keep the version
        they ran on.

        Example:
          survey publish surveys/team-pulse.yaml
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The survey file to publish.", completion: .file(extensions: ["yaml", "yml"])) var file: String

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        guard user.role == .hr else { throw StoreError.notAllowed("HR publishes the organisation's surveys") }
        let (surveys, problems) = SurveyFiles.load([file], context: context, organisation: false)
        for problem in problems { context.console.problem(problem.description) }
        guard problems.isEmpty, let survey = surveys.first, surveys.count == 1 else {
            throw CoachError.notPublished(file, reason: problems.isEmpty ? "it is not one survey file" : "it has problems (above)")
        }
        let failures = survey.tests.flatMap { SurveyTestRunner.run($0, of: survey) }
        for failure in failures { context.console.problem(failure.description) }
        guard failures.isEmpty else { throw CoachError.notPublished(file, reason: "its tests fail (above)") }
        guard let content = SurveySource.content(of: survey) else { throw CoachError.notPublished(file, reason: "it changed while being read") }
        let published = try context.database().publishSurvey(surveyID: survey.id, hash: survey.contentHash, content: content,
                                                             by: user.name, at: context.clock.now())
        let version = String(survey.contentHash.prefix(12))
        context.console.line(published
            ? "Published \(survey.id) (version \(version)): everyone using this store now runs it."
            : "\(survey.id) version \(version) is already the organisation's; nothing changed.")
    }
}

/// `survey lint [PATH...]`
struct SurveyLint: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate survey files; every problem as file:line:column: message.",
        discussion: """
        Without paths, lints every survey coach would load. A path may be a file or a folder.

        Example:
          survey lint ~/.config/coach/surveys/pulse.yaml
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Survey files or folders (default: all surveys coach loads).") var paths: [String] = []

    func run(in context: CommandContext) throws {
        let (files, problems) = SurveyFiles.load(paths, context: context)
        for problem in problems { context.console.line(problem.description) }
        let fileCount = files.count + Set(problems.map(\.file)).subtracting(files.map(\.source)).count
        let summary = "\(fileCount) file\(fileCount == 1 ? "" : "s"), \(problems.count) problem\(problems.count == 1 ? "" : "s")"
        context.console.line(summary)
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

/// `survey test [PATH...]`
struct SurveyTest: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the test vectors embedded in survey files.",
        discussion: """
        Each test gives answers and the scores they must produce; a failure names the file, line
        and test. Without paths, tests every survey coach loads.

        Example:
          survey test surveys/who-5.yaml
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Survey files or folders (default: all surveys coach loads).") var paths: [String] = []

    func run(in context: CommandContext) throws {
        let (surveys, problems) = SurveyFiles.load(paths, context: context)
        for problem in problems { context.console.problem(problem.description) }
        var passed = 0, failed = 0
        for survey in surveys {
            for test in survey.tests {
                let failures = SurveyTestRunner.run(test, of: survey)
                if failures.isEmpty {
                    passed += 1
                } else {
                    failed += 1
                    for failure in failures { context.console.line(failure.description) }
                }
            }
        }
        context.console.line("\(surveys.count) survey\(surveys.count == 1 ? "" : "s"): \(passed) passed, \(failed) failed")
        if failed > 0 || !problems.isEmpty { throw ExitCode(1) }
    }
}

/// Loads the surveys named on a command line, or every survey the context loads.
enum SurveyFiles {
    /// `organisation`: a file with the organisation's id but other content is a problem (as
    /// in the catalog); `survey publish` loads without that check, as publishing is the way to
    /// change the organisation's version.
    static func load(_ paths: [String], context: CommandContext, organisation: Bool = true) -> (surveys: [Survey], problems: [SurveyProblem]) {
        if paths.isEmpty {
            let catalog = context.catalog()
            return (catalog.sorted, catalog.allProblems)
        }
        var surveys: [Survey] = []
        var problems: [SurveyProblem] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append(SurveyProblem(file: path, line: 0, column: 0, message: "no such file or folder"))
                continue
            }
            let url = URL(fileURLWithPath: path)
            let files = isFolder.boolValue ? SurveyCatalog.surveyFiles(in: url) : [url]
            for file in files {
                switch SurveyLoader.load(contentsOf: file) {
                case let .success(survey):
                    if organisation, let refusal = OrganisationCatalog.refusal(of: survey, in: context.catalog()) {
                        problems.append(refusal)
                    } else {
                        surveys.append(survey)
                    }
                case let .failure(found): problems += found.problems
                }
            }
        }
        return (surveys, problems)
    }
}
