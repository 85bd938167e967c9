import Foundation
import Testing
@testable import CoachCore
import CoachTestSupport

/// An in-memory recorder: records every call in order; can be told to throw on a question.
final class MemoryRecorder: AnswerRecorder {
    enum Call: Equatable {
        case record(String, AnswerValue, isPrivate: Bool, position: Int)
        case erase(String)
        case skip(String)
    }
    struct Refused: Error, CustomStringConvertible { var description: String { "disk full" } }

    private(set) var calls: [Call] = []
    /// What the store would hold now, by question id.
    private(set) var stored: [String: AnswerValue] = [:]
    private(set) var privateIDs: Set<String> = []
    /// Recording the answer to this question throws.
    var failOn: String?
    /// Erasing any answer (or marking a skip) throws.
    var failErase = false

    func record(questionID: String, value: AnswerValue, isPrivate: Bool, position: Int) throws {
        if questionID == failOn { throw Refused() }
        calls.append(.record(questionID, value, isPrivate: isPrivate, position: position))
        stored[questionID] = value
        if isPrivate { privateIDs.insert(questionID) }
    }

    func erase(questionID: String) throws {
        if failErase { throw Refused() }
        calls.append(.erase(questionID))
        stored[questionID] = nil
    }

    /// A skip mark replaces the answer in the store, as an erase does.
    func recordSkip(questionID: String, isPrivate: Bool, position: Int) throws {
        if failErase { throw Refused() }
        calls.append(.skip(questionID))
        stored[questionID] = nil
    }

    var recordedIDs: [String] {
        calls.compactMap { if case let .record(id, _, _, _) = $0 { id } else { nil } }
    }
}

/// A one-on-one's meeting data, made up.
final class FakeMeeting: MeetingSource {
    let subjectName = "Ana"
    var actions: [OpenActionItem] = []
    var agenda: [AgendaEntry] = []
    var targets: [String: Double] = [:]
    var people = ["Ana", "Marco"]

    func openActions() -> [OpenActionItem] { actions }
    func agendaItems() -> [AgendaEntry] { agenda }
    func target(kpi: String) -> Double? { targets[kpi] }
    func owner(named typed: String) -> Result<String, AnswerProblem> {
        if let name = people.first(where: { $0.lowercased() == typed.lowercased() }) { return .success(name) }
        return .failure(AnswerProblem("'\(typed)' is not a person in this store; Enter makes Ana the owner."))
    }
}

/// Loading, running and the fixed day every date answer is read against.
enum EngineHarness {
    /// 2026-11-27, a Friday, in UTC.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
    static let today = calendar.date(from: DateComponents(year: 2026, month: 11, day: 27, hour: 15))!

    static func survey(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Survey {
        switch SurveyLoader.load(yaml: yaml, file: "test.yaml") {
        case let .success(survey): return survey
        case let .failure(problems):
            Issue.record("fixture does not load: \(problems)", sourceLocation: sourceLocation)
            throw problems
        }
    }

    /// A survey of one question (YAML of the question's keys, indented by 4).
    static func single(_ question: String, extra: String = "") throws -> Survey {
        try survey("""
        format: 1
        id: one
        title: One question
        kind: check-in
        audience: rep
        \(extra)
        questions:
          - id: q
        \(question)
        """)
    }

    struct Run {
        let outcome: SessionOutcome
        let conversation: ScriptedConversation
        let recorder: MemoryRecorder
        let engine: SessionEngine
    }

    static func run(_ survey: Survey, _ lines: [String], previous: [(questionID: String, value: AnswerValue)] = [],
                    recorder: MemoryRecorder = MemoryRecorder(), meeting: (any MeetingSource)? = nil,
                    today: Date = EngineHarness.today) -> Run {
        run(survey, inputs: lines.map { .line($0) }, previous: previous, recorder: recorder, meeting: meeting, today: today)
    }

    static func run(_ survey: Survey, inputs: [ConversationInput], previous: [(questionID: String, value: AnswerValue)] = [],
                    recorder: MemoryRecorder = MemoryRecorder(), meeting: (any MeetingSource)? = nil,
                    today: Date = EngineHarness.today) -> Run {
        let conversation = ScriptedConversation(inputs: inputs)
        let engine = SessionEngine(survey: survey, previous: previous, conversation: conversation, recorder: recorder,
                                   options: SessionOptions(today: today, calendar: calendar, meeting: meeting))
        return Run(outcome: engine.run(), conversation: conversation, recorder: recorder, engine: engine)
    }
}
