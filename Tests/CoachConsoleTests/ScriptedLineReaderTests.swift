import CoachTestSupport
import Testing
import CoachConsole

@Suite("ScriptedLineReader")
struct ScriptedLineReaderTests {
    @Test func replaysLinesAndRecordsPrompts() {
        let script = ScriptedLineReader(lines: ["1on1 alice", ScriptedLineReader.interrupt, "resume"])
        #expect(script.readLine(prompt: "coach> ") == .line("1on1 alice"))
        #expect(script.readLine(prompt: "Mood (1-5)? ") == .interrupted)
        #expect(script.readLine(prompt: "coach> ") == .line("resume"))
        #expect(script.isFinished)
        #expect(script.readLine(prompt: "coach> ") == .endOfInput)
        #expect(script.prompts == ["coach> ", "Mood (1-5)? ", "coach> ", "coach> "])
        #expect(script.transcript == "coach> 1on1 alice\nMood (1-5)? ^C\ncoach> resume\ncoach> \n")
    }

    @Test func recordsHistoryOnlyWhenAsked() {
        let script = ScriptedLineReader([.line("due"), .line("private answer"), .endOfInput])
        _ = script.readLine(prompt: "coach> ")
        script.addToHistory("due")
        _ = script.readLine(prompt: "Anything private? ")
        script.saveHistory()
        #expect(script.history == ["due"])
        #expect(script.saveCount == 1)
        #expect(script.readLine(prompt: "coach> ") == .endOfInput)
    }
}
