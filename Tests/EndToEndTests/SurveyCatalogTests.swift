import CoachCore
import CoachTestSupport
import Foundation
import Testing

/// The organisation's surveys: bundled or published by HR. A local file cannot join the
/// organisation's numbers under an id it does not own; a survey of its own is a draft.
@Suite("The organisation's survey catalog")
struct SurveyCatalogTests {
    static let pulse = """
        format: 1
        id: pulse
        title: Pulse
        kind: check-in
        audience: rep
        cadence: weekly
        questions:
          - {id: energy, text: How is your energy?, type: scale, min: 1, max: 5}
        scores:
          - {id: energy, label: Energy, items: [energy], method: mean}

        """

    /// A sandbox whose user survey folder holds `files` (name → text).
    static func sandbox(files: [String: String]) throws -> CoachSandbox {
        let sandbox = try CoachSandbox()
        try sandbox.seedTeam()
        let folder = sandbox.root.appendingPathComponent("config/coach/surveys")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return sandbox
    }

    /// The bundled WHO-5 with `change` applied.
    static func localWHO5(_ change: (String) -> String) throws -> String {
        change(try #require(BundledSurveys.files.first { $0.name == "who-5.yaml" }).content)
    }

    @Test("a local who-5 with an escape in its title or another kind is refused; the bundled one runs; lint says why",
          arguments: ["title: WHO-5 Well-Being Index", "kind: check-in"])
    func localCopyRefused(line: String) throws {
        let replacement = line.hasPrefix("title") ? "title: \"\\e]0;pwned\\aWHO-5\"" : "kind: quiz"
        let sandbox = try Self.sandbox(files: ["who-5.yaml": try Self.localWHO5 { $0.replacingOccurrences(of: line, with: replacement) }])
        defer { sandbox.remove() }
        let lint = try sandbox.run(["survey", "lint"])
        #expect(lint.status == 1)
        // A title with an escape is refused by lint itself; a clean file with the organisation's id, for being one.
        let reason = line.hasPrefix("title") ? "control characters" : "who-5.yaml:11:1: 'who-5' is the organisation's survey (bundled with coach)"
        #expect(lint.stdoutText.contains(reason), "\(lint.stdoutText)")
        let file = sandbox.root.appendingPathComponent("config/coach/surveys/who-5.yaml").path
        let named = try sandbox.run(["survey", "lint", file])
        #expect(named.status == 1, "linting the file by name finds the same: \(named.stdoutText)")
        #expect(named.stdoutText.contains(reason))
        let run = try sandbox.shell(["run who-5", "3", "3", "3", "3", "3"], as: "Ana")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("Done: WHO-5 Well-Being Index"))
        let bundledHash = SHA256.hex(try Self.localWHO5 { $0 }.utf8)
        #expect(try sandbox.sql("SELECT survey_hash, draft FROM session") == ["\(bundledHash)|0"])
    }

    @Test("a survey with an id of its own runs as a draft: its author's alone, in no team number, no effects")
    func draftIsTheAuthorsAlone() throws {
        let sandbox = try Self.sandbox(files: ["pulse.yaml": Self.pulse])
        defer { sandbox.remove() }
        _ = try sandbox.sql("UPDATE person SET share_wellbeing = 1, share_since = '2000-01-01 00:00:00.000'")
        let listing = try sandbox.run(["surveys", "--json"])
        #expect(listing.stdoutText.contains("\"origin\" : \"draft\""), "\(listing.stdoutText)")
        let run = try sandbox.shell(["run pulse", "4"], as: "Ana")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("Pulse is a draft"))
        #expect(try sandbox.sql("SELECT draft FROM session") == ["1"])
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM week_score") == "0")
        let own = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "trends", "--json"])
        #expect(own.stdoutText.contains("\"pulse\""), "\(own.stdoutText)")
        for viewer in ["Marco", "Dana"] {
            let export = try sandbox.run(["--store", sandbox.store, "--as", viewer, "export", "--json"])
            #expect(!export.stdoutText.contains("pulse"), "\(viewer) sees the draft: \(export.stdoutText)")
        }
    }

    @Test("survey publish: HR only, lint and tests first; then the version is everyone's and no longer a draft")
    func publish() throws {
        let sandbox = try Self.sandbox(files: ["pulse.yaml": Self.pulse])
        defer { sandbox.remove() }
        let path = sandbox.root.appendingPathComponent("config/coach/surveys/pulse.yaml").path
        let byRep = try sandbox.run(["--store", sandbox.store, "--as", "Ana", "survey", "publish", path])
        #expect(byRep.status != 0)
        #expect(byRep.stderrText.contains("HR publishes"))
        let broken = sandbox.root.appendingPathComponent("broken.yaml")
        try Self.pulse.replacingOccurrences(of: "max: 5", with: "mx: 5").write(to: broken, atomically: true, encoding: .utf8)
        let refused = try sandbox.run(["--store", sandbox.store, "--as", "Dana", "survey", "publish", broken.path])
        #expect(refused.status != 0)
        #expect(refused.stderrText.contains("was not published"))
        let published = try sandbox.run(["--store", sandbox.store, "--as", "Dana", "survey", "publish", path])
        #expect(published.status == 0, "\(published.stderrText)")
        #expect(published.stdoutText.contains("Published pulse"))
        let again = try sandbox.run(["--store", sandbox.store, "--as", "Dana", "survey", "publish", path])
        #expect(again.stdoutText.contains("already the organisation's"))
        // Published: no longer a draft, and it runs from the store for someone without the file.
        let elsewhere = try CoachSandbox()
        defer { elsewhere.remove() }
        let run = try elsewhere.run(["--store", sandbox.store, "--as", "Ana", "run", "pulse"], input: "4\n")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(!run.stdoutText.contains("is a draft"))
        #expect(try sandbox.sql("SELECT survey_id, draft FROM session") == ["pulse|0"])
    }
}
