import Foundation

/// Where coach keeps its files, resolved once from flags, environment and the XDG base directories.
///
/// Precedence for each path: the command-line flag, then the environment variable, then the XDG
/// default (`$XDG_DATA_HOME`, `$XDG_CONFIG_HOME`, `$XDG_STATE_HOME`, falling back to
/// `~/.local/share`, `~/.config` and `~/.local/state` when unset, empty or relative).
public struct CoachPaths: Equatable, Sendable {
    /// The SQLite store.
    public var store: String
    /// Folders of survey files to read, in order; later folders override earlier ones by id.
    public var surveyDirectories: [String]
    /// Whether the surveys shipped inside the binary are loaded (false once `--surveys` or
    /// `COACH_SURVEYS` names a folder: those replace the bundled set).
    public var includesBundledSurveys: Bool
    /// `config.yaml`.
    public var config: String
    /// The shell's command history.
    public var history: String

    public init(store: String, surveyDirectories: [String], includesBundledSurveys: Bool,
                config: String, history: String) {
        self.store = store
        self.surveyDirectories = surveyDirectories
        self.includesBundledSurveys = includesBundledSurveys
        self.config = config
        self.history = history
    }

    /// Resolves every path.
    /// - Parameters:
    ///   - storeFlag: `--store`, if given.
    ///   - surveysFlag: `--surveys`, if given.
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment` in real use).
    ///   - fileExists: whether a folder exists (the user's extra surveys folder is used only if present).
    public static func resolve(
        storeFlag: String?, surveysFlag: String?,
        environment: [String: String],
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> CoachPaths {
        let home = environment["HOME"].flatMap(nonEmpty) ?? NSHomeDirectory()
        func xdg(_ name: String, _ fallback: String) -> String {
            if let value = environment[name], value.hasPrefix("/") { return value }
            return (home as NSString).appendingPathComponent(fallback)
        }
        let configHome = (xdg("XDG_CONFIG_HOME", ".config") as NSString).appendingPathComponent("coach")
        let dataHome = (xdg("XDG_DATA_HOME", ".local/share") as NSString).appendingPathComponent("coach")
        let stateHome = (xdg("XDG_STATE_HOME", ".local/state") as NSString).appendingPathComponent("coach")

        let store = storeFlag.flatMap(nonEmpty)
            ?? environment["COACH_STORE"].flatMap(nonEmpty)
            ?? (dataHome as NSString).appendingPathComponent("coach.sqlite")

        let directories: [String]
        let bundled: Bool
        if let replacement = surveysFlag.flatMap(nonEmpty) ?? environment["COACH_SURVEYS"].flatMap(nonEmpty) {
            directories = [replacement]
            bundled = false
        } else {
            let userSurveys = (configHome as NSString).appendingPathComponent("surveys")
            directories = fileExists(userSurveys) ? [userSurveys] : []
            bundled = true
        }
        return CoachPaths(
            store: expandTilde(store, home: home),
            surveyDirectories: directories.map { expandTilde($0, home: home) },
            includesBundledSurveys: bundled,
            config: (configHome as NSString).appendingPathComponent("config.yaml"),
            history: (stateHome as NSString).appendingPathComponent("history"))
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    private static func expandTilde(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + path.dropFirst(1) }
        return path
    }
}
