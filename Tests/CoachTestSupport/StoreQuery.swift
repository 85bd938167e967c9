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

extension CoachSandbox {
    /// Moves every session, answer and the moment sharing began `days` into the past, then
    /// rebuilds the weekly aggregates with `coach check --repair`: team numbers show only weeks
    /// that have ended, so a test writes its check-ins now and reads them as past weeks.
    public func backdate(days: Int) throws {
        let shift = "'-\(days) days'"
        func moved(_ column: String) -> String { "\(column) = strftime('%Y-%m-%d %H:%M:%f', \(column), \(shift))" }
        _ = try sql("""
            UPDATE session SET \(moved("started_at")), \(moved("updated_at")), \(moved("completed_at")), period_key = NULL;
            UPDATE answer SET \(moved("answered_at"));
            UPDATE person SET \(moved("share_since")) WHERE share_since IS NOT NULL;
            """)
        let repaired = try run(["--store", store, "check", "--repair"])
        guard repaired.status == 0 else { throw ProcessRunnerError(description: "check --repair: \(repaired.stdoutText)\(repaired.stderrText)") }
    }
}
