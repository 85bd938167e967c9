import Foundation

/// How a guided session ended.
public enum SessionOutcome: Equatable, Sendable {
    /// Every question that applies was answered or skipped.
    case completed
    /// `:pause`, Ctrl-C or the end of input: every answer given is kept; `resume` continues.
    case paused
    /// An answer could not be saved; the session stops so nothing unsaved looks saved.
    case failed(String)
}

/// What the engine needs besides the survey: the date answers are read against, the meeting
/// data for one-on-one question types, and quiz feedback after each answer.
public struct SessionOptions {
    public var today: Date
    public var calendar: Calendar
    public var meeting: (any MeetingSource)?
    /// Called after each accepted answer; a returned text is shown (quiz `feedback: immediate`).
    public var feedback: ((Question, AnswerValue) -> String?)?

    public init(today: Date = Date(), calendar: Calendar = .current, meeting: (any MeetingSource)? = nil,
                feedback: ((Question, AnswerValue) -> String?)? = nil) {
        self.today = today
        self.calendar = calendar
        self.meeting = meeting
        self.feedback = feedback
    }
}

/// Runs a survey as a guided conversation: one question at a time in order, honouring skip
/// logic, re-asking with the reason on an invalid answer, and handing each accepted answer to
/// the recorder before moving on. `:back`, `:skip`, `:help` and `:pause` work at every question.
public final class SessionEngine {
    public let survey: Survey
    /// The answers given so far, by question id.
    public private(set) var answers: [String: AnswerValue]
    /// Questions answered or skipped, in the order they were; `:back` walks it backwards.
    private var trail: [String]
    private var skipped: Set<String> = []
    /// Skips marked in the store, erased when the session completes.
    private var storedSkips: Set<String> = []
    /// The question `:back` returned to, and those it stepped over on the way.
    private var revisiting: String?
    private var ahead: [String] = []
    private var shownSection: String?
    let conversation: any Conversation
    private let recorder: any AnswerRecorder
    let options: SessionOptions

    /// - Parameter previous: answers already stored for this session, in the order given
    ///   (a resumed session continues at the first unanswered question).
    /// - Parameter skipped: optional questions the stored session skipped on purpose, not asked again.
    public init(survey: Survey, previous: [(questionID: String, value: AnswerValue)] = [], skipped: Set<String> = [],
                conversation: any Conversation, recorder: any AnswerRecorder, options: SessionOptions = SessionOptions()) {
        self.survey = survey
        let known = previous.filter { survey.question(id: $0.questionID) != nil }
        self.answers = Dictionary(known.map { ($0.questionID, $0.value) }, uniquingKeysWith: { $1 })
        let answered = Set(known.map(\.questionID))
        let skips = skipped.filter { survey.question(id: $0)?.required == false && !answered.contains($0) }
        self.skipped = skips
        self.storedSkips = skips
        // The way back after a resume: answers in the order given; with skips, in asking order.
        self.trail = skips.isEmpty ? known.map(\.questionID)
            : survey.questions.map(\.id).filter { answered.contains($0) || skips.contains($0) }
        self.conversation = conversation
        self.recorder = recorder
        self.options = options
    }

    /// Answers to the questions skip logic still asks, in asking order: what scoring uses.
    public var effectiveAnswers: [String: AnswerValue] {
        var kept: [String: AnswerValue] = [:]
        for question in survey.questions where question.isAsked(given: kept) {
            if let answer = answers[question.id] { kept[question.id] = answer }
        }
        return kept
    }

    /// Asks until every question is resolved, or the person pauses.
    public func run() -> SessionOutcome {
        if trail.isEmpty {
            conversation.say(survey.title)
            if let intro = survey.intro { conversation.say(intro.trimmingCharacters(in: .whitespacesAndNewlines)) }
            conversation.say("(:back previous question, :skip an optional one, :help, :pause or Ctrl-C to stop for now)")
        } else {
            let skips = skipped.isEmpty ? "" : ", \(skipped.count) skipped"
            conversation.say("Resuming \(survey.title): \(answers.count) answer\(answers.count == 1 ? "" : "s") kept\(skips).")
        }
        while let question = nextQuestion() {
            showSection(of: question)
            switch ask(question) {
            case let .answered(value):
                do {
                    try recorder.record(questionID: question.id, value: value, isPrivate: question.isPrivate,
                                        position: trail.count)
                } catch {
                    return .failed("could not save the answer to '\(question.id)': \(error)")
                }
                answers[question.id] = value
                resolve(question.id, skipped: false)
                if let text = options.feedback?(question, value) { conversation.say(text) }
            case .skipped:
                // Replaces an answer given before `:back` with the skip mark.
                do {
                    try recorder.recordSkip(questionID: question.id, isPrivate: question.isPrivate, position: trail.count)
                    storedSkips.insert(question.id)
                } catch {
                    return .failed("could not save the skip of '\(question.id)': \(error)")
                }
                answers[question.id] = nil
                resolve(question.id, skipped: true)
            case .back:
                goBack()
            case .pause:
                return .paused
            }
        }
        for id in storedSkips.sorted() where answers[id] == nil {
            do { try recorder.erase(questionID: id) } catch {
                return .failed("could not clear the skip of '\(id)': \(error)")
            }
        }
        let applying = effectiveAnswers
        for id in answers.keys where applying[id] == nil {
            do { try recorder.erase(questionID: id) } catch {
                return .failed("could not clear the answer to '\(id)', which no longer applies: \(error)")
            }
            answers[id] = nil
        }
        return .completed
    }

    private func resolve(_ id: String, skipped isSkipped: Bool) {
        if isSkipped { skipped.insert(id) } else { skipped.remove(id) }
        trail.removeAll { $0 == id }
        trail.append(id)
        revisiting = ahead.popLast()
    }

    private func goBack() {
        guard let previous = trail.popLast() else {
            conversation.say("This is the first question.")
            return
        }
        if let current = revisiting { ahead.append(current) }
        revisiting = previous
        skipped.remove(previous)
    }

    private func nextQuestion() -> Question? {
        // Skip logic reads the answers that still apply: an answer dropped by a changed earlier
        // answer asks nothing that depends on it.
        let applying = effectiveAnswers
        // Walking forward again after :back: a question an earlier answer no longer asks is stepped over.
        while let id = revisiting {
            if let question = survey.question(id: id), question.isAsked(given: applying) { return question }
            revisiting = ahead.popLast()
        }
        return survey.questions.first {
            answers[$0.id] == nil && !skipped.contains($0.id) && $0.isAsked(given: applying)
        }
    }

    private func showSection(of question: Question) {
        guard let section = question.section, section != shownSection else { return }
        shownSection = section
        conversation.say("")
        conversation.say("── \(section) ──")
        if let intro = survey.sections.first(where: { $0.questionIDs.contains(question.id) })?.intro {
            conversation.say(intro.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// `3/12`: the question's place among those skip logic asks, given the answers so far.
    func progress(of question: Question) -> String {
        let applying = effectiveAnswers
        let asked = survey.questions.filter { $0.id == question.id || $0.isAsked(given: applying) }
        let index = (asked.firstIndex { $0.id == question.id } ?? 0) + 1
        return "\(index)/\(asked.count)"
    }

    /// The answer a revisited question had, offered as the default.
    func currentAnswer(of question: Question) -> AnswerValue? {
        revisiting == question.id ? answers[question.id] : nil
    }
}

/// The result of asking one question.
enum Step {
    case answered(AnswerValue)
    case skipped
    case back
    case pause
}
