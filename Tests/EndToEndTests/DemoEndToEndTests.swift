import Foundation
import Testing

@Suite("demo, run by the built coach")
struct DemoEndToEndTests {
    @Test("coach demo fills an empty store, then trends-ready data is there; a second demo is refused with exit 1")
    func demoOneShot() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let first = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "8", "--weeks", "6", "--seed", "3"])
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("try: trends --team all, report quiz crm-basics"))
        let second = try sandbox.run(["--store", sandbox.store, "demo"])
        #expect(second.status == 1)
        #expect(second.stderrText.contains("--force"))
        let forced = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "3", "--weeks", "2", "--force"])
        #expect(forced.status == 0, "\(forced.stderrText)")
        let bad = try sandbox.run(["--store", sandbox.store, "demo", "--reps", "0"])
        #expect(bad.status == 2)
    }
}
