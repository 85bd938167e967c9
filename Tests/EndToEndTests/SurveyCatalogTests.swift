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

    /// A store of `engine` with the three-person team, whose user survey folder holds `files` (name → text).
    static func sandbox(files: [String: String], on engine: StoreEngine) throws -> any EngineStore {
        let sandbox = try engine.team()
        let folder = sandbox.userSurveysFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return sandbox
    }

    /// The bundled WHO-5 with `change` applied.
    static func localWHO5(_ change: (String) -> String) throws -> String {
        change(try #require(BundledSurveys.files.first { $0.name == "who-5.yaml" }).content)
    }

    @Test("a local who-5 with an escape in its title or another kind is refused; the bundled one runs; lint says why",
          arguments: ["title: WHO-5 Well-Being Index", "kind: check-in"], StoreEngine.allCases)
    func localCopyRefused(line: String, engine: StoreEngine) throws {
        let replacement = line.hasPrefix("title") ? "title: \"\\e]0;pwned\\aWHO-5\"" : "kind: quiz"
        let sandbox = try Self.sandbox(files: ["who-5.yaml": try Self.localWHO5 { $0.replacingOccurrences(of: line, with: replacement) }],
                                       on: engine)
        defer { sandbox.remove() }
        let lint = try sandbox.run(["survey", "lint"], as: "Ana")
        #expect(lint.status == 1)
        // A title with an escape is refused by lint itself; a clean file with the organisation's id, for being one.
        let reason = line.hasPrefix("title") ? "control characters" : "who-5.yaml:11:1: 'who-5' is the organisation's survey (bundled with coach)"
        #expect(lint.stdoutText.contains(reason), "\(lint.stdoutText)")
        let file = sandbox.userSurveysFolder.appendingPathComponent("who-5.yaml").path
        let named = try sandbox.run(["survey", "lint", file], as: "Ana")
        #expect(named.status == 1, "linting the file by name finds the same: \(named.stdoutText)")
        #expect(named.stdoutText.contains(reason))
        let run = try sandbox.shell(["run who-5", "3", "3", "3", "3", "3"], as: "Ana")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("Done: WHO-5 Well-Being Index"))
        let bundledHash = SHA256.hex(try Self.localWHO5 { $0 }.utf8)
        #expect(try sandbox.sql("SELECT survey_hash, draft FROM session") == ["\(bundledHash)|0"])
    }

    @Test("a survey with an id of its own runs as a draft: its author's alone, in no team number, no effects",
          arguments: StoreEngine.allCases)
    func draftIsTheAuthorsAlone(_ engine: StoreEngine) throws {
        let sandbox = try Self.sandbox(files: ["pulse.yaml": Self.pulse], on: engine)
        defer { sandbox.remove() }
        _ = try sandbox.sql("UPDATE person SET share_wellbeing = true, share_since = '2000-01-01 00:00:00.000'")
        let listing = try sandbox.run(["surveys", "--json"], as: "Ana")
        #expect(listing.stdoutText.contains("\"origin\" : \"draft\""), "\(listing.stdoutText)")
        let run = try sandbox.shell(["run pulse", "4"], as: "Ana")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("Pulse is a draft"))
        #expect(try sandbox.sql("SELECT draft FROM session") == ["1"])
        #expect(try sandbox.sqlValue("SELECT COUNT(*) FROM week_score") == "0")
        let own = try sandbox.run(["trends", "--json"], as: "Ana")
        #expect(own.stdoutText.contains("\"pulse\""), "\(own.stdoutText)")
        for viewer in ["Marco", "Dana"] {
            let export = try sandbox.run(["export", "--json"], as: viewer)
            #expect(!export.stdoutText.contains("pulse"), "\(viewer) sees the draft: \(export.stdoutText)")
        }
    }

    @Test("survey publish: HR only, lint and tests first; then the version is everyone's and no longer a draft",
          arguments: StoreEngine.allCases)
    func publish(_ engine: StoreEngine) throws {
        let sandbox = try Self.sandbox(files: ["pulse.yaml": Self.pulse], on: engine)
        defer { sandbox.remove() }
        let path = sandbox.userSurveysFolder.appendingPathComponent("pulse.yaml").path
        let byRep = try sandbox.run(["survey", "publish", path], as: "Ana")
        #expect(byRep.status != 0)
        #expect(byRep.stderrText.contains("HR publishes"))
        let broken = sandbox.userSurveysFolder.deletingLastPathComponent().appendingPathComponent("broken.yaml")
        try Self.pulse.replacingOccurrences(of: "max: 5", with: "mx: 5").write(to: broken, atomically: true, encoding: .utf8)
        let refused = try sandbox.run(["survey", "publish", broken.path], as: "Dana")
        #expect(refused.status != 0)
        #expect(refused.stderrText.contains("was not published"))
        let published = try sandbox.run(["survey", "publish", path], as: "Dana")
        #expect(published.status == 0, "\(published.stderrText)")
        #expect(published.stdoutText.contains("Published pulse"))
        let again = try sandbox.run(["survey", "publish", path], as: "Dana")
        #expect(again.stdoutText.contains("already the organisation's"))
        // Published: no longer a draft, and it runs from the store for someone without the file.
        let elsewhere = try CoachSandbox()
        defer { elsewhere.remove() }
        let run = try sandbox.run(["run", "pulse"], as: "Ana", input: "4\n", on: elsewhere)
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(!run.stdoutText.contains("is a draft"))
        #expect(try sandbox.sql("SELECT survey_id, draft FROM session") == ["pulse|0"])
    }
}
