import Foundation

extension CoachSandbox {
    /// Runs `query` on the sandbox store with `/usr/bin/sqlite3`: one string per row, columns
    /// joined by `|`, NULL as an empty column.
    public func sql(_ query: String, store path: String? = nil) throws -> [String] {
        let result = try ProcessRunner.run("/usr/bin/sqlite3", arguments: ["-batch", "-cmd", ".timeout 5000", path ?? store, query],
                                           timeout: .seconds(20))
        guard result.status == 0 else { throw ProcessRunnerError(description: "sqlite3 \(query): \(result.stderrText)") }
        return result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// The single value `query` returns.
    public func sqlValue(_ query: String) throws -> String {
        try sql(query).first ?? ""
    }
}
