import Foundation

/// A throwaway home for one end-to-end test: its own XDG folders and store, so runs of the
/// built `coach` binary never touch the developer's files or each other.
public struct CoachSandbox: Sendable {
    public let root: URL
    public var store: String { root.appendingPathComponent("data/coach/coach.sqlite").path }
    public var configFile: String { root.appendingPathComponent("config/coach/config.yaml").path }
    public var historyFile: String { root.appendingPathComponent("state/coach/history").path }

    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coach-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// The environment every run gets: XDG folders inside the sandbox, no user, no colour games,
    /// and no pager (a long listing on a test's terminal would otherwise wait in `less`; the
    /// pager's own tests set `PAGER`).
    public var environment: [String: String] {
        [
            "PAGER": "cat",
            "HOME": root.path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "XDG_DATA_HOME": root.appendingPathComponent("data").path,
            "XDG_STATE_HOME": root.appendingPathComponent("state").path,
            "PATH": "/usr/bin:/bin",
            "TERM": "xterm",
        ]
    }

    /// The `coach` executable SwiftPM built next to the test bundle.
    public static let binary: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("coach").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        // Tests/CoachTestSupport/CoachSandbox.swift → the package root.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repo.appendingPathComponent(".build/debug/coach").path
    }()

    /// Runs coach with `arguments`, the given lines on standard input, and a time limit (only
    /// against a hang: two minutes, since a loaded test machine can make a long scripted session
    /// slow without anything being wrong).
    public func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:],
             timeout: Duration = .seconds(120)) throws -> ProcessResult {
        try ProcessRunner.run(Self.binary, arguments: arguments, environment: environment.merging(extra) { $1 },
                              inheritEnvironment: false, stdin: Data(input.utf8), timeout: timeout)
    }

    /// Runs a scripted shell on the sandbox store.
    public func shell(_ lines: [String], as user: String? = nil) throws -> ProcessResult {
        try run(["--store", store] + (user.map { ["--as", $0] } ?? []), input: lines.joined(separator: "\n") + "\n")
    }

    /// A store with HR (Dana), a manager (Marco, team North) and a rep (Ana).
    public func seedTeam() throws {
        let result = try shell(["person add Dana --role hr", "person add Marco --role manager --team North",
                                "person add Ana --role rep --team North"])
        guard result.status == 0 else { throw ProcessRunnerError(description: "seeding failed: \(result.stderrText)") }
    }

    public func remove() { try? FileManager.default.removeItem(at: root) }
}
