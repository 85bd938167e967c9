import CoachTestSupport
import CoachCore
import Foundation
import Testing

/// The repository as someone who clones it gets it: the files `git ls-files` lists.
enum Repository {
    /// The package root, three levels above this file: Tests/EndToEndTests/<file>.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct GitFailed: Error, CustomStringConvertible { let description: String }

    /// Tracked paths, relative to the root.
    static func trackedFiles() throws -> [String] {
        let result = try ProcessRunner.run("/usr/bin/env", arguments: ["git", "-C", root.path, "ls-files", "-z"],
                                           environment: [:], inheritEnvironment: true, stdin: Data(),
                                           timeout: .seconds(30))
        guard result.status == 0 else { throw GitFailed(description: "git ls-files failed: \(result.stderrText)") }
        return result.stdoutText.split(separator: "\0").map(String.init)
    }

    /// The file's text, or nil for a binary (NUL bytes, not UTF-8) or missing file.
    static func text(of path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
              !data.contains(0) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

@Suite("The repository stands alone")
struct StandAloneTests {
    /// Documents that live outside the repository. Spelled in pieces so this file does not name them.
    static let outside: [String] = [
        ["..", "shared"].joined(separator: "/"),
        ["shared", "docs"].joined(separator: "/"),
        ["shared", "seed"].joined(separator: "/"),
    ] + ["PRODUCT", "REFERENCE", "SURVEY" + "-FORMAT", "ARCHITECTURE"].map { $0 + ".md" }

    @Test("no tracked text file refers to a document outside the repository")
    func noOutsideReferences() throws {
        let files = try Repository.trackedFiles()
        #expect(files.contains("README.md"), "git ls-files found no README.md under \(Repository.root.path)")
        for path in files {
            guard let text = Repository.text(of: path) else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for name in Self.outside where line.contains(name) {
                    Issue.record("\(path):\(number + 1) refers to \(name), which is not in the repository")
                }
            }
        }
    }

    /// The targets of inline Markdown links, `[text](target)`, with their line numbers.
    static func linkTargets(in text: String) throws -> [(line: Int, target: String)] {
        let link = try Regex(#"\]\(([^)\s]+)(?:\s+"[^"]*")?\)"#)
        var targets: [(Int, String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: link) {
                if let target = match.output[1].substring { targets.append((number + 1, String(target))) }
            }
        }
        return targets
    }

    @Test("every relative link in the Markdown documents points at a file in the repository")
    func relativeLinksResolve() throws {
        let files = try Repository.trackedFiles()
        let tracked = Set(files)
        let documents = files.filter { $0 == "README.md" || $0 == "surveys/README.md" || ($0.hasPrefix("docs/") && $0.hasSuffix(".md")) }
        #expect(documents.contains("surveys/README.md") && documents.contains("docs/privacy.md")
                && documents.contains("docs/scoring.md"))
        for document in documents {
            guard let text = Repository.text(of: document) else { continue }
            for (line, target) in try Self.linkTargets(in: text) {
                if target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") { continue }
                let path = String(target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                var parts = document.split(separator: "/").dropLast().map(String.init)
                var escapes = false
                for part in path.split(separator: "/") {
                    switch part {
                    case ".": continue
                    case "..": if parts.isEmpty { escapes = true } else { parts.removeLast() }
                    default: parts.append(String(part))
                    }
                }
                let resolved = parts.joined(separator: "/")
                if escapes {
                    Issue.record("\(document):\(line): link '\(target)' leaves the repository")
                } else if !tracked.contains(resolved) && !files.contains(where: { $0.hasPrefix(resolved + "/") }) {
                    Issue.record("\(document):\(line): link '\(target)' points at '\(resolved)', which is not in the repository")
                }
            }
        }
    }
}

/// Every key surveys/README.md shows in its YAML examples is used by a survey the tests load,
/// so a documented key cannot go untested: document a new key, and a survey here must use it.
@Suite("Every key the format doc names is tested")
struct FormatDocKeysTests {
    /// `key:` at the start of a line (after indentation or `- `), or after `{` or `,` in an
    /// inline mapping; comments are removed first.
    static func keys(inYAML text: String) throws -> Set<String> {
        let key = try Regex(#"(?:^\s*(?:-\s+)?|[{,]\s*)([a-z_][a-z0-9_.]*):(?=\s|$)"#)
        let comment = try Regex(#"(?:^|\s)#.*$"#)
        var found: Set<String> = []
        for line in text.split(separator: "\n") {
            let code = String(line).replacing(comment, with: "")
            for match in code.matches(of: key) {
                if let name = match.output[1].substring { found.insert(String(name)) }
            }
        }
        return found
    }

    /// The keys of the ```yaml blocks of a Markdown text.
    static func documentedKeys(_ markdown: String) throws -> Set<String> {
        var block: [Substring] = []
        var inside = false
        var keys: Set<String> = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if !inside, line == "```yaml" {
                inside = true
                block = []
            } else if inside, line == "```" {
                inside = false
                keys.formUnion(try Self.keys(inYAML: block.joined(separator: "\n")))
            } else if inside {
                block.append(line)
            }
        }
        return keys
    }

    /// The surveys the tests load: the bundled ones and the format contract's.
    static var surveys: [(name: String, content: String)] {
        BundledSurveys.files + [("FormatContractTests.pulse", FormatContractTests.pulse),
                                ("FormatContractTests.quiz", FormatContractTests.quiz)]
    }

    @Test("the key finder reads keys of every form the page uses")
    func keyFinder() throws {
        let yaml = "- id: q1  # not: this\n  choices: [{value: a, label: A, level: ok}]\nexpect: {wellbeing.band: ok}\nlabels: {1: Poor}"
        #expect(try Self.keys(inYAML: yaml) == ["id", "choices", "value", "label", "level", "expect", "wellbeing.band", "labels"])
    }

    @Test("each key of surveys/README.md appears in a survey that loads")
    func documentedKeysAreUsed() throws {
        let page = try #require(Repository.text(of: "surveys/README.md"), "surveys/README.md is missing")
        let documented = try Self.documentedKeys(page)
        #expect(documented.count >= 50, "only \(documented.count) keys found in the page's YAML blocks")
        #expect(documented.isSuperset(of: ["format", "sections", "when", "reverse", "alert_if_any", "tests",
                                           "draw", "tolerance", "feeds_agenda", "support_at"]))
        var used: Set<String> = []
        for survey in Self.surveys {
            guard case .success = SurveyLoader.load(yaml: survey.content, file: survey.name) else {
                Issue.record("\(survey.name) does not load")
                continue
            }
            used.formUnion(try Self.keys(inYAML: survey.content))
        }
        for key in documented.subtracting(used).sorted() {
            Issue.record("surveys/README.md documents '\(key)', but no survey the tests load uses it as a key")
        }
    }
}
