import CoachTestSupport
import CoachCore
import Testing

@Suite("demo command")
struct DemoCommandTests {
    @Test("the demo command prints a summary, and refuses to run twice")
    func command() throws {
        let shell = try TestShell(lines: ["demo --reps 8 --weeks 3", "demo"])
        shell.run()
        #expect(shell.output.contains("people    10: HR "))
        #expect(shell.output.contains("try: trends --team all, report quiz crm-basics"))
        #expect(shell.errors.contains("demo fills an empty store"), "\(shell.errors)")
        #expect(try shell.database.peopleCount() == 10)
    }
}
