import CoachTestSupport
import Foundation
import Testing

/// `report html`: where the file goes, that an existing one is never replaced without `--force`,
/// and that the page it writes is whole, on both store engines.
@Suite("report html: the file")
struct ReportHTMLCommandTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("-o writes the file once, refuses to replace it without --force, and replaces it with", arguments: StoreEngine.allCases)
    func writesAndRefusesToOverwrite(_ engine: StoreEngine) throws {
        let store = try engine.team()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("north.html").path

        let first = try store.run(["report", "html", "-o", file], as: "Marco")
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("Wrote \(file)"))
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("</html>"))

        try "someone's own notes".write(toFile: file, atomically: true, encoding: .utf8)
        let again = try store.run(["report", "html", "-o", file], as: "Marco")
        #expect(again.status == 1)
        #expect(again.stderrText.contains("already exists") && again.stderrText.contains("--force"), "\(again.stderrText)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "someone's own notes", "an existing file is left as it was")

        let forced = try store.run(["report", "html", "-o", file, "--force"], as: "Marco")
        #expect(forced.status == 0, "\(forced.stderrText)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test("-o - writes the page to standard output, for every role", arguments: StoreEngine.allCases)
    func standardOutput(_ engine: StoreEngine) throws {
        let store = try engine.team()
        for person in ["Dana", "Marco", "Ana"] {
            let result = try store.run(["report", "html", "-o", "-"], as: person)
            #expect(result.status == 0, "\(person): \(result.stderrText)")
            #expect(result.stdoutText.hasPrefix("<!DOCTYPE html>"), "\(person)")
            #expect(result.stdoutText.contains(person), "\(person)'s report names its reader")
        }
    }

    @Test("without -o the file is coach-report-DAY.html in the current folder")
    func defaultName() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let day = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        let result = try ProcessRunner.run(CoachSandbox.binary, arguments: ["--store", sandbox.store, "--as", "Ana", "report", "html"],
                                           environment: sandbox.environment, inheritEnvironment: false,
                                           currentDirectory: folder)
        #expect(result.status == 0, "\(result.stderrText)")
        let name = "coach-report-\(day).html"
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("Wrote \(name)"))
    }

    @Test("bad options are usage errors that name the fix")
    func badOptions() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        for (arguments, message) in [(["--weeks", "0"], "--weeks"), (["--period", "2026-Q5"], "not a period"),
                                     (["--period", "2999-Q1"], "has not started"), (["-o", ""], "file name")] {
            let result = try sandbox.run(["--store", sandbox.store, "--as", "Marco", "report", "html"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderrText.contains(message), "\(arguments): \(result.stderrText)")
        }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let intoFolder = try sandbox.run(["--store", sandbox.store, "--as", "Marco", "report", "html", "-o", folder.path])
        #expect(intoFolder.status == 1)
        #expect(intoFolder.stderrText.contains("cannot create"), "\(intoFolder.stderrText)")
    }
}
