import Foundation
import Testing
@testable import CoachCore

/// Moving through a session: progress and sections, skip logic, :back, :help, :pause and
/// Ctrl-C, resuming, and a recorder that fails.
@Suite("Session engine: navigation")
struct SessionEngineNavigationTests {
    static let yaml = """
    format: 1
    id: nav
    title: Navigation
    kind: check-in
    audience: rep
    intro: A short one.
    sections:
      - title: Start
        questions:
          - {id: mood, text: Mood?, type: scale, min: 1, max: 10, help: One is awful; ten is great.}
          - {id: why, text: Why so low?, type: text, when: "mood <= 4"}
          - {id: wins, text: Wins?, type: text, required: false}
      - title: End
        questions:
          - {id: done, text: All done?, type: yesno}
    """

    func run(_ lines: [String], previous: [(questionID: String, value: AnswerValue)] = [],
             recorder: MemoryRecorder = MemoryRecorder()) throws -> EngineHarness.Run {
        EngineHarness.run(try EngineHarness.survey(Self.yaml), lines, previous: previous, recorder: recorder)
    }

    @Test("title, intro, progress n/m among the questions asked, and each section title once")
    func progressAndSections() throws {
        let run = try run(["7", "", "y"])
        let said = run.conversation.transcript
        #expect(run.conversation.said.prefix(2) == ["Navigation", "A short one."])
        #expect(said.contains("[1/3] Mood?"))
        #expect(said.contains("[2/3] Wins?"))
        #expect(said.contains("[3/3] All done?"))
        #expect(run.conversation.count("── Start ──") == 1)
        #expect(run.conversation.count("── End ──") == 1)
        #expect(said.range(of: "── End ──")!.lowerBound > said.range(of: "Wins?")!.lowerBound)
        let low = try self.run(["3", "tired", "", "y"])
        #expect(low.conversation.transcript.contains("[2/4] Why so low?"))
        #expect(low.conversation.transcript.contains("[4/4] All done?"))
    }

    @Test("when: a question whose condition is false is not asked, and nothing is recorded for it")
    func whenFalse() throws {
        let run = try run(["7", "a deal", "n"])
        #expect(!run.conversation.transcript.contains("Why so low?"))
        #expect(run.outcome == .completed)
        #expect(run.recorder.calls == [
            .record("mood", .number(7), isPrivate: false, position: 0),
            .record("wins", .text("a deal"), isPrivate: false, position: 1),
            .record("done", .bool(false), isPrivate: false, position: 2),
        ])
    }

    @Test("when: an earlier answer changed with :back drops a later question it no longer asks")
    func changedAnswerDropsLaterQuestion() throws {
        let run = try run(["3", "tired", "a deal", ":back", ":back", ":back", "8", "", "y"])
        #expect(run.outcome == .completed)
        let said = run.conversation.transcript
        let afterChange = try #require(said.range(of: "Enter keeps 3")).upperBound
        #expect(!said[afterChange...].contains("Why so low?"), "not asked again once mood is 8")
        #expect(run.conversation.transcript.contains("Enter keeps a deal"))
        #expect(run.recorder.stored == ["mood": .number(8), "wins": .text("a deal"), "done": .bool(true)])
        #expect(run.recorder.calls.contains(.erase("why")))
        #expect(run.engine.effectiveAnswers["why"] == nil)
    }

    @Test(":back once returns to the previous question, offering its answer; Enter keeps it")
    func backOnce() throws {
        let run = try run(["7", ":back", "", "news", "y"])
        let said = run.conversation.transcript
        #expect(run.conversation.count("Mood?") == 2)
        #expect(said.contains("Enter keeps 7"))
        #expect(run.recorder.stored == ["mood": .number(7), "wins": .text("news"), "done": .bool(true)])
        #expect(run.conversation.count("Wins?") == 2, "back at Wins, then Wins again after Mood")
    }

    @Test(":back twice walks back two questions, then forward through both with their answers offered")
    func backTwice() throws {
        let run = try run(["7", "news", ":back", ":back", "", "", "y"])
        let said = run.conversation.transcript
        #expect(said.contains("Enter keeps 7"))
        #expect(said.contains("Enter keeps news"))
        #expect(run.outcome == .completed)
        #expect(run.recorder.stored == ["mood": .number(7), "wins": .text("news"), "done": .bool(true)])
        #expect(run.conversation.count("All done?") == 2)
    }

    @Test(":back then a new answer replaces the earlier one")
    func backAndChange() throws {
        let run = try run(["7", "news", ":back", "better news", "n"])
        #expect(run.recorder.stored["wins"] == .text("better news"))
    }

    @Test(":back then :skip on an optional question erases its earlier answer")
    func backAndSkip() throws {
        let run = try run(["7", "news", ":back", ":skip", "n"])
        #expect(run.recorder.calls.contains(.erase("wins")))
        #expect(run.recorder.stored["wins"] == nil)
        #expect(run.outcome == .completed)
    }

    @Test(":back at the first question says so and asks it again")
    func backAtFirst() throws {
        let run = try run([":back", "7", "", "y"])
        #expect(run.conversation.transcript.contains("This is the first question."))
        #expect(run.recorder.stored["mood"] == .number(7))
        #expect(run.outcome == .completed)
    }

    @Test(":help shows the question's help and what to type; nothing is recorded")
    func help() throws {
        let run = try run([":help", "7"])
        let said = run.conversation.transcript
        #expect(said.contains("One is awful; ten is great."))
        #expect(said.contains("Answer: 1–10."))
        #expect(said.contains("This question needs an answer."))
        #expect(run.recorder.calls == [.record("mood", .number(7), isPrivate: false, position: 0)])
    }

    @Test(":pause, Ctrl-C and the end of input pause the session, keeping the answers given",
          arguments: [ConversationInput.line(":pause"), .interrupted, .endOfInput])
    func pause(how: ConversationInput) throws {
        let run = EngineHarness.run(try EngineHarness.survey(Self.yaml), inputs: [.line("7"), how, .line("not read")])
        #expect(run.outcome == .paused)
        #expect(run.recorder.calls == [.record("mood", .number(7), isPrivate: false, position: 0)])
        #expect(run.conversation.unread == 1, "nothing is read after the pause")
    }

    @Test("resume continues at the first unanswered question")
    func resume() throws {
        let run = try run(["a deal", "y"], previous: [("mood", .number(7))])
        let said = run.conversation.transcript
        #expect(said.contains("Resuming Navigation: 1 answer kept."))
        #expect(!said.contains("Mood?"))
        #expect(said.contains("[2/3] Wins?"))
        #expect(run.outcome == .completed)
        #expect(run.recorder.calls.first == .record("wins", .text("a deal"), isPrivate: false, position: 1))
        #expect(run.engine.effectiveAnswers == ["mood": .number(7), "wins": .text("a deal"), "done": .bool(true)])
        let low = try self.run(["tired"], previous: [("mood", .number(2))])
        #expect(low.conversation.transcript.contains("[2/4] Why so low?"))
    }

    @Test("resume then :back offers the stored answer")
    func resumeBack() throws {
        let run = try run([":back", "", "", "y"], previous: [("mood", .number(7))])
        #expect(run.conversation.transcript.contains("Enter keeps 7"))
        #expect(run.outcome == .completed)
    }

    @Test("a recorder that throws fails the session; nothing after it is asked or recorded")
    func recorderThrows() throws {
        let recorder = MemoryRecorder()
        recorder.failOn = "wins"
        let run = try run(["7", "news", "y"], recorder: recorder)
        guard case let .failed(message) = run.outcome else {
            Issue.record("expected .failed, got \(run.outcome)")
            return
        }
        #expect(message.contains("could not save the answer to 'wins'"))
        #expect(message.contains("disk full"))
        #expect(!run.conversation.transcript.contains("All done?"))
        #expect(run.conversation.unread == 1)
        #expect(run.recorder.recordedIDs == ["mood"])
    }

    @Test("a recorder that cannot erase fails the session too")
    func eraseThrows() throws {
        let recorder = MemoryRecorder()
        recorder.failErase = true
        let run = try run(["7", "news", ":back", ":skip", "y"], recorder: recorder)
        guard case let .failed(message) = run.outcome else {
            Issue.record("expected .failed, got \(run.outcome)")
            return
        }
        #expect(message.contains("could not save the skip of 'wins'"), "\(message)")
        #expect(message.contains("disk full"))
        #expect(run.conversation.count("All done?") == 1, "not asked again after the failure")
        #expect(run.conversation.unread == 1)
    }
}

@Suite("Session engine: navigation details")
struct SessionEngineNavigationDetailTests {
    @Test("a section's intro is shown under its title")
    func sectionIntro() throws {
        let survey = try EngineHarness.survey(Fixtures.oneOnOne)
        let run = EngineHarness.run(survey, ["7"], meeting: FakeMeeting())
        #expect(run.conversation.transcript.contains("── Check-in ──\nHow are things?\n[1/"))
    }

    @Test(":pause on a line of its own inside a multiline answer pauses; the half answer is not recorded")
    func pauseInMultiline() throws {
        let survey = try EngineHarness.single("    text: Notes\n    type: text\n    multiline: true")
        let run = EngineHarness.run(survey, ["first line", ":pause", "more"])
        #expect(run.outcome == .paused)
        #expect(run.recorder.calls.isEmpty)
        #expect(run.conversation.unread == 1)
    }

    @Test("an answer left over by a changed earlier answer that cannot be cleared at the end fails the session")
    func leftoverEraseFails() throws {
        let recorder = MemoryRecorder()
        recorder.failErase = true
        let run = EngineHarness.run(try EngineHarness.survey(SessionEngineNavigationTests.yaml),
                                    ["3", "tired", "a deal", ":back", ":back", ":back", "8", "", "y"], recorder: recorder)
        guard case let .failed(message) = run.outcome else {
            Issue.record("expected .failed, got \(run.outcome)")
            return
        }
        #expect(message.contains("could not clear the answer to 'why'"))
    }
}

@Suite("Session engine: skip logic chains")
struct SessionEngineSkipChainTests {
    static let yaml = """
    format: 1
    id: chain
    title: Chain
    kind: check-in
    audience: rep
    questions:
      - {id: mood, text: Mood?, type: scale, min: 1, max: 10}
      - {id: why, text: Why so low?, type: text, when: "mood <= 4"}
      - {id: help, text: Want help with that?, type: yesno, when: "answered(why)"}
      - {id: done, text: All done?, type: yesno}
    """

    @Test("a question that depends on a dropped answer is not asked either")
    func chainDropped() throws {
        let survey = try EngineHarness.survey(Self.yaml)
        let run = EngineHarness.run(survey, ["3", "tired", ":back", ":back", "8", "y"])
        let said = run.conversation.transcript
        let afterChange = try #require(said.range(of: "Enter keeps 3")).upperBound
        #expect(!said[afterChange...].contains("Want help with that?"))
        #expect(said[afterChange...].contains("[2/2] All done?"))
        #expect(run.outcome == .completed)
        #expect(run.recorder.stored == ["mood": .number(8), "done": .bool(true)])
    }
}
