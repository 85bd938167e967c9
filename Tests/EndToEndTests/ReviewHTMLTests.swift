import CoachTestSupport
import Foundation
import Testing

/// `review PERSON --period P --html [-o FILE] [--force]`, run by the built coach on both engines:
/// the file written (named by -o or review-PERSON-PERIOD.html in the current folder), never
/// replaced without --force, HR's file without the parts HR is not shown, and the usage errors.
/// What the document holds is tested in process (`ReviewReportTests`).
@Suite("review --html")
struct ReviewHTMLTests {
    static var year: String { "\(Calendar.current.component(.year, from: Date()))" }

    /// A new empty folder, removed by the caller.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coach-review-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test("-o FILE is written and said; an existing file is refused without --force and replaced with it; without -o the file is review-PERSON-PERIOD.html in the current folder",
          arguments: StoreEngine.allCases)
    func writesTheFile(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ana.html").path

        let written = try store.run(["review", "Ana", "--period", Self.year, "--html", "-o", path], as: "Marco")
        #expect(written.status == 0, "\(written.stderrText)")
        #expect(written.stdoutText == "Wrote \(path)\n")
        #expect(Self.text(path)?.hasPrefix("<!DOCTYPE html>") == true)

        try "kept".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try store.run(["review", "Ana", "--period", Self.year, "--html", "-o", path], as: "Marco")
        #expect(refused.status == 1)
        #expect(refused.stderrText.contains("\(path) already exists; add --force to replace it, or name another file with -o"),
                "\(refused.stderrText)")
        #expect(refused.stdoutText.isEmpty && Self.text(path) == "kept", "the file is left as it was")

        let forced = try store.run(["review", "Ana", "--period", Self.year, "--html", "-o", path, "--force"], as: "Marco")
        #expect(forced.status == 0, "\(forced.stderrText)")
        #expect(Self.text(path)?.hasPrefix("<!DOCTYPE html>") == true, "replaced with --force")

        let (arguments, environment) = store.invocation(as: "Ana")
        let own = try ProcessRunner.run(CoachSandbox.binary, arguments: arguments + ["review", "--period", "\(Self.year)-h1", "--html"],
                                        environment: environment, inheritEnvironment: false, currentDirectory: folder,
                                        timeout: .seconds(120))
        #expect(own.status == 0, "\(own.stderrText)")
        #expect(own.stdoutText == "Wrote review-ana-\(Self.year)-H1.html\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("review-ana-\(Self.year)-H1.html").path))
    }

    @Test("-o - writes the page to standard output", arguments: StoreEngine.allCases)
    func standardOutput(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        let page = try store.run(["review", "Ana", "--period", Self.year, "--html", "-o", "-"], as: "Marco")
        #expect(page.status == 0, "\(page.stderrText)")
        #expect(page.stdoutText.hasPrefix("<!DOCTYPE html>") && page.stdoutText.contains("Performance review: Ana"))
    }

    @Test("HR's file of a rep's review holds no wellbeing or self-assessment content", arguments: StoreEngine.allCases)
    func hrFileHasNoPrivateParts(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        let checkin = try store.shell(["checkin who-5", "n", "4", "4", "4", "4", "4"], as: "Ana")
        #expect(checkin.status == 0, "\(checkin.stderrText)")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("hr.html").path
        let result = try store.run(["review", "Ana", "--period", Self.year, "--html", "-o", path], as: "Dana")
        #expect(result.status == 0, "\(result.stderrText)")
        let html = try #require(Self.text(path))
        for label in ["Well-being", "who-5", "WHO-5"] { #expect(!html.contains(label), "\(label) in HR's file") }
    }

    @Test("--html with --json, --markdown or --team, and -o or --force without --html, are usage errors")
    func usage() throws {
        let store = try StoreEngine.local.team()
        defer { store.remove() }
        let cases: [([String], String)] = [
            (["--html", "--json"], "choose one of --html, --json and --markdown"),
            (["--html", "--markdown"], "choose one of --html, --json and --markdown"),
            (["--team", "North", "--html"], "--html is for one person's review"),
            (["-o", "x.html"], "-o and --force go with --html"),
            (["--force"], "-o and --force go with --html"),
        ]
        for (extra, message) in cases {
            let arguments = ["review"] + (extra.contains("--team") ? [] : ["Ana"]) + ["--period", Self.year] + extra
            let result = try store.run(arguments, as: "Marco")
            #expect(result.status == 2, "\(extra)")
            #expect(result.stderrText.contains(message), "\(extra): \(result.stderrText)")
        }
        let help = try store.run(["help", "review"], as: "Ana")
        #expect(help.stdoutText.contains("review Ana --period 2026-Q4 --html -o ana-q4.html"))
    }
}
