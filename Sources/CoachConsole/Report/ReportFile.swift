import Foundation

/// Where a report is written: `-o FILE`, or a dated name in the current folder; an existing
/// file is never replaced without `--force`.
enum ReportFile {
    /// `coach-report-2026-12-02.html`: `stem` and the day.
    static func defaultName(stem: String, day: String) -> String { "\(stem)-\(day).html" }

    /// Sends a report where `output` says: standard output for `-`, else the file `output` or
    /// `defaultName` (see `write`). Returns the path written, nil for standard output.
    static func deliver(_ text: String, output: String?, defaultName: String, force: Bool, console: Console) throws -> String? {
        if output == "-" {
            console.write(text)
            return nil
        }
        return try write(text, to: output ?? defaultName, force: force)
    }

    /// Writes `text` to `path` (relative to the current folder), refusing an existing file unless
    /// `force`. Returns the path written.
    @discardableResult
    static func write(_ text: String, to path: String, force: Bool) throws -> String {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { throw CoachError.cannotWrite(path) }
            guard force else { throw CoachError.reportExists(path) }
        }
        guard manager.createFile(atPath: path, contents: Data(text.utf8)) else { throw CoachError.cannotWrite(path) }
        return path
    }
}
