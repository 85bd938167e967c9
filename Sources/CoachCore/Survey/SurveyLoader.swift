import Foundation
import Yams

/// Reads survey files (format 1) into validated `Survey` values, or every problem found.
///
/// Rules decided here (surveys/README.md documents them):
/// - A score's declared `range` must equal what its items can produce (see
///   `ScoreDefinition.possibleRange`); without `range`, the computed one is used.
/// - A file with `format` above 1 gets that one problem only (its other keys may be new).
/// - Use either top-level `questions` or `sections` (each `{title, intro?, questions}`), not both.
/// - Choice values of one list are all numbers or all text; quiz keys (`pass`, `shuffle`, ...)
///   belong to `kind: quiz`; a key that does not apply to a question's type is a problem.
/// - Score ids cannot be `alert`, `points`, `max_points`, `percent` or `passed` (test `expect` keys).
public enum SurveyLoader {
    /// The format version this coach reads.
    public static let supportedFormat = 1

    /// Loads a survey from YAML text; `file` names it in problems and becomes `Survey.source`.
    public static func load(yaml: String, file: String) -> Result<Survey, SurveyProblems> {
        load(yaml: yaml, file: file, hash: SHA256.hex(yaml.utf8))
    }

    /// The largest survey file coach reads: the biggest bundled survey is under 20 KB, and a
    /// file many megabytes long is a mistake (or an attack on memory), not a conversation.
    public static let maximumFileSize = 1 << 20

    /// Loads a survey file; its bytes are hashed as they are on disk. A file larger than
    /// `maximumFileSize` is refused without being read.
    public static func load(contentsOf url: URL) -> Result<Survey, SurveyProblems> {
        let file = url.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            return .failure(SurveyProblems([SurveyProblem(file: file, line: 1, column: 1,
                                                          message: "not a regular file, so not read")]))
        }
        if let size = attributes?[.size] as? NSNumber, size.intValue > maximumFileSize {
            return .failure(SurveyProblems([SurveyProblem(file: file, line: 1, column: 1, message:
                "the file is \(size.intValue / 1_048_576 > 0 ? "\(size.intValue / 1_048_576) MB" : "\(size.intValue) bytes"); "
                + "a survey file is at most 1 MB")]))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(SurveyProblems([SurveyProblem(file: file, line: 1, column: 1,
                                                          message: "cannot read the file: \(error.localizedDescription)")]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(SurveyProblems([SurveyProblem(file: file, line: 1, column: 1,
                                                          message: "the file is not UTF-8 text")]))
        }
        return load(yaml: text, file: file, hash: SHA256.hex(data))
    }

    static func load(yaml: String, file: String, hash: String) -> Result<Survey, SurveyProblems> {
        let parser = SurveyParser(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)  // tags: see `tagName`
        } catch {
            parser.reportYAMLError(error, in: yaml)
            return .failure(SurveyProblems(parser.problems))
        }
        guard let root else {
            parser.report("the file is empty; expected a survey (format, id, title, ...)", line: 1, column: 1)
            return .failure(SurveyProblems(parser.problems))
        }
        let survey = parser.parseSurvey(root, source: file, hash: hash)
        if let survey, parser.problems.isEmpty { return .success(survey) }
        return .failure(SurveyProblems(parser.problems))
    }
}

extension ProblemCollector {
    /// Turns a Yams error into a positioned problem.
    func reportYAMLError(_ error: any Error, in yaml: String) {
        guard let yamlError = error as? YamlError else {
            report("invalid YAML: \(error)", line: 1, column: 1)
            return
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            report("invalid YAML: \(problem)\(detail)", line: mark.line, column: mark.column)
        case let .reader(problem, offset, _, _):
            let (line, column) = lineAndColumn(ofUTF8Offset: offset ?? 0, in: yaml)
            report("invalid YAML: \(problem)", line: line, column: column)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            report("duplicate key \(keys) in a mapping", line: context.mark.line, column: context.mark.column)
        default:
            report("invalid YAML: \(yamlError)", line: 1, column: 1)
        }
    }

    private func lineAndColumn(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1, seen = 0
        for scalar in text.unicodeScalars {
            if seen >= offset { break }
            seen += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
