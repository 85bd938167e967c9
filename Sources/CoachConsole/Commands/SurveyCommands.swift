import ArgumentParser
import CoachCore
import Foundation

/// `surveys`: the survey files coach found.
struct SurveysCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "surveys",
        abstract: "List the surveys found: bundled ones and those in your surveys folders.",
        discussion: "Example:\n  surveys --json")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        var files: [String] = []
        for directory in context.paths.surveyDirectories {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (directory as NSString).appendingPathComponent($0) }
        }
        for file in files { context.console.line(file) }
    }
}
