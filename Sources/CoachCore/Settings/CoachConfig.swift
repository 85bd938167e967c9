import Foundation
import Yams

/// The user's settings from `$XDG_CONFIG_HOME/coach/config.yaml`.
///
/// ```yaml
/// user: Dana            # who is at the keyboard when --as and COACH_USER are not given
/// privacy:
///   min_group: 5        # smallest group shown in team aggregates; never below 3
/// support: |            # shown privately to a rep whose wellbeing check-in is low
///   Talk to someone you trust, or call the Employee Assistance line 0800 000 000.
/// kpi_import:           # saved column mappings for `kpi import --mapping NAME` (KPIImportMapping)
///   hubspot: { person: Deal owner, period: Close date, value: Amount, kpi_id: revenue }
/// ```
public struct CoachConfig: Equatable, Sendable {
    /// The smallest group a team aggregate may show (docs/privacy.md).
    public static let defaultMinGroup = 5
    public static let lowestMinGroup = 3

    public var user: String?
    public var minGroup: Int
    public var support: String?
    /// Saved column mappings for `kpi import --mapping NAME`, by name.
    public var kpiImport: [String: KPIImportMapping] = [:]

    public init(user: String? = nil, minGroup: Int = CoachConfig.defaultMinGroup, support: String? = nil) {
        self.user = user
        self.minGroup = minGroup
        self.support = support
    }

    /// Reads the config file; a missing file is the default config.
    public static func load(path: String) throws(ConfigError) -> CoachConfig {
        guard FileManager.default.fileExists(atPath: path) else { return CoachConfig() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, column: nil, message: "cannot read the file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Parses config text; every problem names the file, line and column.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> CoachConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(yaml: error, file: file)
        } catch {
            throw ConfigError(file: file, line: nil, column: nil, message: "\(error)")
        }
        var config = CoachConfig()
        guard let root else { return config }
        guard let mapping = root.mapping else {
            throw ConfigError(node: root, file: file, message: "expected a mapping of settings (user:, privacy:, support:)")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "user":
                guard let name = value.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ConfigError(node: value, file: file, message: "user: expects a person's name")
                }
                config.user = name.trimmingCharacters(in: .whitespaces)
            case "support":
                guard let text = value.string else {
                    throw ConfigError(node: value, file: file, message: "support: expects text")
                }
                config.support = text
            case "privacy":
                config.minGroup = try parsePrivacy(value, file: file)
            case "kpi_import":
                config.kpiImport = try KPIImportMapping.parseAll(value, file: file)
            default:
                throw ConfigError(node: keyNode, file: file,
                                  message: "unknown setting '\(key)' (known: user, privacy, support, kpi_import)")
            }
        }
        return config
    }

    private static func parsePrivacy(_ node: Node, file: String) throws(ConfigError) -> Int {
        guard let mapping = node.mapping else {
            throw ConfigError(node: node, file: file, message: "privacy: expects a mapping such as 'min_group: 5'")
        }
        var minGroup = defaultMinGroup
        for (keyNode, value) in mapping {
            guard keyNode.string == "min_group" else {
                throw ConfigError(node: keyNode, file: file,
                                  message: "unknown setting 'privacy.\(keyNode.string ?? "")' (known: privacy.min_group)")
            }
            guard let number = value.int else {
                throw ConfigError(node: value, file: file, message: "privacy.min_group expects a whole number")
            }
            guard number >= lowestMinGroup else {
                throw ConfigError(node: value, file: file,
                                  message: "privacy.min_group is \(number); it may not be below \(lowestMinGroup)")
            }
            minGroup = number
        }
        return minGroup
    }

    /// Writes `user: NAME` into the config file, keeping every other line as it is.
    public static func saveUser(_ name: String, path: String) throws(ConfigError) {
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        var lines = existing.isEmpty ? [] : existing.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let entry = "user: " + quotedScalar(name)
        if let index = lines.firstIndex(where: { $0.hasPrefix("user:") }) {
            lines[index] = entry
        } else {
            lines.insert(entry, at: 0)
        }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, line: nil, column: nil, message: "cannot save the config: \(error.localizedDescription)")
        }
    }

    private static func quotedScalar(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

/// A config file that cannot be used, with where and why.
public struct ConfigError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(node: Node, file: String, message: String) {
        self.init(file: file, line: node.mark.map { $0.line }, column: node.mark.map { $0.column }, message: message)
    }

    init(yaml error: YamlError, file: String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let detail = [problem, context?.text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            self.init(file: file, line: mark.line, column: mark.column, message: "not valid YAML: \(detail)")
        default:
            self.init(file: file, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }

    public var errorDescription: String? { description }
}
