import Foundation
import Testing
@testable import CoachCore

/// The one-on-one question types, answered one line per step with a made-up meeting source.
@Suite("Session engine: meeting question types")
struct SessionEngineMeetingTests {
    func meeting(_ question: String) throws -> Survey {
        try EngineHarness.survey("""
        format: 1
        id: meet
        title: Meeting
        kind: one-on-one
        audience: manager
        questions:
          - id: q
        \(question)
          - {id: after, text: Anything else?, type: text, required: false}
        """)
    }

    func run(_ question: String, _ lines: [String], meeting: FakeMeeting) throws -> EngineHarness.Run {
        EngineHarness.run(try self.meeting(question), lines, meeting: meeting)
    }

    static func item(_ id: Int64, _ text: String, carried: Int = 0) -> OpenActionItem {
        OpenActionItem(id: id, text: text, owner: "Ana", due: "2026-11-20", created: "2026-11-0\(id)", carried: carried)
    }

    // MARK: review-actions

    @Test("review-actions: done, carry, drop (and d, c, x); Enter carries; anything else is re-asked")
    func reviewActions() throws {
        let source = FakeMeeting()
        source.actions = [Self.item(1, "Call Acme"), Self.item(2, "Update CRM", carried: 3), Self.item(3, "Send deck"),
                          Self.item(4, "Book training"), Self.item(5, "Fix quote")]
        let run = try run("    text: Open actions\n    type: review-actions", ["done", "", "maybe", "x", "c", "D", ""],
                          meeting: source)
        let said = run.conversation.transcript
        #expect(said.contains("#1 Call Acme — Ana, due 2026-11-20, since 2026-11-01"))
        #expect(said.contains("#2 Update CRM — Ana, due 2026-11-20, since 2026-11-02, ‼ carried 3×"))
        #expect(said.contains("Type done, carry or drop (d, c, x)."))
        let review = try #require(run.recorder.stored["q"]?.decoded(as: ActionReview.self))
        #expect(review.decisions.map(\.item) == [1, 2, 3, 4, 5])
        #expect(review.decisions.map(\.decision) == ["done", "carry", "drop", "carry", "done"])
        #expect(run.outcome == .completed)
    }

    @Test("review-actions with no open items records an empty review without asking")
    func reviewNothing() throws {
        let run = try run("    text: Open actions\n    type: review-actions", [""], meeting: FakeMeeting())
        #expect(run.conversation.transcript.contains("No open action items."))
        #expect(run.recorder.stored["q"]?.decoded(as: ActionReview.self) == ActionReview(decisions: []))
        #expect(run.conversation.prompts.count == 1, "only the next question's prompt")
    }

    @Test("review-actions: :pause half way records nothing for the question; :skip explains the steps")
    func reviewPaused() throws {
        let source = FakeMeeting()
        source.actions = [Self.item(1, "Call Acme"), Self.item(2, "Update CRM")]
        let run = try run("    text: Open actions\n    type: review-actions", [":skip", "done", ":pause"], meeting: source)
        #expect(run.conversation.transcript.contains("Answer each step; Enter takes the default shown in brackets."))
        #expect(run.outcome == .paused)
        #expect(run.recorder.calls.isEmpty)
    }

    // MARK: agenda

    @Test("agenda: discussed takes a line of note (may be empty); carry or Enter carries")
    func agenda() throws {
        let source = FakeMeeting()
        source.agenda = [AgendaEntry(id: 10, text: "Commission plan", created: "2026-11-20"),
                         AgendaEntry(id: 11, text: "Holiday cover", created: "2026-11-21"),
                         AgendaEntry(id: 12, text: "Team lunch", created: "2026-11-22"),
                         AgendaEntry(id: 13, text: "Laptop", created: "2026-11-23")]
        let run = try run("    text: Agenda\n    type: agenda", ["discussed", "Clear now", "later", "c", "y", "", "", ""],
                          meeting: source)
        #expect(run.conversation.transcript.contains("• Commission plan (added 2026-11-20)"))
        #expect(run.conversation.transcript.contains("Type discussed or carry (y, c)."))
        let review = try #require(run.recorder.stored["q"]?.decoded(as: AgendaReview.self))
        #expect(review.items.map(\.decision) == ["discussed", "carry", "discussed", "carry"])
        #expect(review.items.map(\.note) == ["Clear now", nil, nil, nil])
        #expect(review.items.map(\.item) == [10, 11, 12, 13])
        #expect(run.outcome == .completed)
    }

    // MARK: kpi

    static let kpis = """
        text: Numbers
        type: kpi
        kpis:
          - {id: revenue, label: Revenue, unit: EUR}
          - {id: meetings, label: Meetings}
          - {id: calls, label: Calls}
    """

    @Test("kpi: targets are shown, attainment computed and stored; Enter leaves a KPI out; non-numbers re-asked")
    func kpi() throws {
        let source = FakeMeeting()
        source.targets = ["revenue": 10_000, "calls": 0]
        let run = try run(Self.kpis, ["12000 EUR", "lots", "", "40", ""], meeting: source)
        #expect(run.conversation.prompts.contains("  Revenue (target 10000 EUR): "))
        #expect(run.conversation.prompts.contains("  Meetings (no target set): "))
        #expect(run.conversation.transcript.contains("→ 120% of target"))
        #expect(run.conversation.transcript.contains("'lots' is not a number"))
        let review = try #require(run.recorder.stored["q"]?.decoded(as: KPIReview.self))
        #expect(review.actuals == [
            KPIReview.Actual(kpi: "revenue", actual: 12_000, target: 10_000, attainment: 120),
            KPIReview.Actual(kpi: "calls", actual: 40, target: 0, attainment: nil),
        ])
    }

    @Test("kpi: attainment below target")
    func kpiBelow() throws {
        let source = FakeMeeting()
        source.targets = ["revenue": 8_000]
        let run = try run(Self.kpis, ["6000", "3", "1"], meeting: source)
        let review = try #require(run.recorder.stored["q"]?.decoded(as: KPIReview.self))
        #expect(review.actuals.first?.attainment == 75)
        #expect(review.actuals.map(\.kpi) == ["revenue", "meetings", "calls"])
        #expect(run.conversation.transcript.contains("→ 75% of target"))
    }

    // MARK: actions

    @Test("actions: owner defaults to the subject, an unknown owner is refused, due defaults to +7d, a past due date is re-asked")
    func actions() throws {
        let run = try run("    text: New actions\n    type: actions",
                          ["Call Bob", "", "", "Prepare deck", "Zed", "marco", "someday", "2025-03-01", "2026-12-10", "Book room", "", "friday",
                           "", ""],
                          meeting: FakeMeeting())
        #expect(run.conversation.prompts.contains("  owner [Ana]: "))
        #expect(run.conversation.prompts.contains("  due [+7d]: "))
        #expect(run.conversation.transcript.contains("'Zed' is not a person in this store"))
        #expect(run.conversation.transcript.contains("'someday' is not a date"))
        #expect(run.conversation.transcript.contains("2025-03-01 is in the past; a due date is today (2026-11-27) or later"))
        #expect(run.conversation.transcript.contains("→ Call Bob — Ana, due 2026-12-04"))
        let added = try #require(run.recorder.stored["q"]?.decoded(as: NewActions.self))
        #expect(added.items == [
            NewActions.Item(text: "Call Bob", owner: "Ana", due: "2026-12-04"),
            NewActions.Item(text: "Prepare deck", owner: "Marco", due: "2026-12-10"),
            NewActions.Item(text: "Book room", owner: "Ana", due: "2026-12-04"),
        ])
        #expect(run.outcome == .completed)
    }

    @Test("actions: a blank first line records no new items")
    func actionsNone() throws {
        let run = try run("    text: New actions\n    type: actions", ["", ""], meeting: FakeMeeting())
        #expect(run.recorder.stored["q"]?.decoded(as: NewActions.self) == NewActions(items: []))
    }

    @Test(":back from a meeting question returns to the previous question")
    func meetingBack() throws {
        let survey = try EngineHarness.survey("""
        format: 1
        id: meet
        title: Meeting
        kind: one-on-one
        audience: manager
        questions:
          - {id: wins, text: Wins?, type: text}
          - {id: actions, text: New actions, type: actions}
        """)
        // :back at the owner returns to the item's text; :back there, with no item yet, leaves the question.
        let run = EngineHarness.run(survey, ["A deal", "Call Bob", ":back", ":back", "", ""], meeting: FakeMeeting())
        #expect(run.conversation.transcript.contains("(back to the text of action 1: Call Bob)"))
        #expect(run.conversation.transcript.contains("Enter keeps A deal"))
        #expect(run.outcome == .completed)
        #expect(run.recorder.stored["actions"]?.decoded(as: NewActions.self) == NewActions(items: []))
    }

    @Test(":back inside new actions steps back one step and keeps the actions already typed")
    func actionsBackKeepsTypedWork() throws {
        let run = try run("    text: New actions\n    type: actions",
                          ["Call Bob", "", "", "Prepare deck", "marco", "2026-12-10", "Book room", ":back",
                           "Book the big room", "", ":back", "marco", "friday", ":back", "2026-12-11", "", ""],
                          meeting: FakeMeeting())
        let said = run.conversation.transcript
        #expect(said.contains("(back to the text of action 3: Book room)"))
        #expect(said.contains("(back to action 3: Book the big room — Marco)"), "\(said)")
        let added = try #require(run.recorder.stored["q"]?.decoded(as: NewActions.self))
        #expect(added.items == [
            NewActions.Item(text: "Call Bob", owner: "Ana", due: "2026-12-04"),
            NewActions.Item(text: "Prepare deck", owner: "Marco", due: "2026-12-10"),
            NewActions.Item(text: "Book the big room", owner: "Marco", due: "2026-12-11"),
        ])
        #expect(run.outcome == .completed)
    }

    @Test(":back in the agenda and the action review steps back one item and keeps the notes typed")
    func agendaBackKeepsNotes() throws {
        let source = FakeMeeting()
        source.agenda = [AgendaEntry(id: 10, text: "Commission plan", created: "2026-11-20"),
                         AgendaEntry(id: 11, text: "Holiday cover", created: "2026-11-21"),
                         AgendaEntry(id: 12, text: "Team lunch", created: "2026-11-22")]
        let run = try run("    text: Agenda\n    type: agenda",
                          ["y", "Clear now", "y", "Anna covers", "y", ":back", ":back", "y", "Anna covers week 2", "c", ""],
                          meeting: source)
        #expect(run.conversation.transcript.contains("(back to 'Holiday cover'; it was discussed, note: Anna covers)"))
        let review = try #require(run.recorder.stored["q"]?.decoded(as: AgendaReview.self))
        #expect(review.items.map(\.note) == ["Clear now", "Anna covers week 2", nil])
        #expect(review.items.map(\.decision) == ["discussed", "discussed", "carry"])

        let actions = FakeMeeting()
        actions.actions = [Self.item(1, "Call Acme"), Self.item(2, "Update CRM")]
        let reviewed = try self.run("    text: Open actions\n    type: review-actions", ["d", ":back", "x", "c", ""], meeting: actions)
        let decisions = try #require(reviewed.recorder.stored["q"]?.decoded(as: ActionReview.self))
        #expect(decisions.decisions.map(\.decision) == ["drop", "carry"])
    }

    @Test(":back in the KPI review returns to the KPI before, keeping the others")
    func kpiBack() throws {
        let run = try run(Self.kpis, ["12000", "3", ":back", "4", "", ""], meeting: FakeMeeting())
        let review = try #require(run.recorder.stored["q"]?.decoded(as: KPIReview.self))
        #expect(review.actuals.map(\.actual) == [12000, 4])
    }
}
