import CoachCore
import CoachStore
import Foundation

/// A guided session's conversation over the shell's line reader and console. Answers are never
/// added to the shell history.
final class ShellConversation: Conversation {
    private let reader: any LineReader
    private let console: Console

    init(reader: any LineReader, console: Console) {
        self.reader = reader
        self.console = console
    }

    func say(_ text: String) { console.line(text) }

    func ask(_ prompt: String) -> ConversationInput {
        switch reader.readLine(prompt: prompt) {
        case let .line(text): return .line(text)
        case .interrupted: return .interrupted
        case .endOfInput: return .endOfInput
        }
    }
}

/// Writes each answer to the store the moment the engine accepts it, in its own transaction.
final class StoreRecorder: AnswerRecorder {
    private let database: AppDatabase
    private let sessionID: Int64

    init(database: AppDatabase, sessionID: Int64) {
        self.database = database
        self.sessionID = sessionID
    }

    func record(questionID: String, value: AnswerValue, isPrivate: Bool, position: Int) throws {
        guard let json = value.jsonText else { throw CoachError.unstorableAnswer(questionID) }
        try database.saveAnswer(sessionID: sessionID, questionID: questionID, valueJSON: json,
                                isPrivate: isPrivate, position: position)
    }

    func erase(questionID: String) throws {
        try database.deleteAnswer(sessionID: sessionID, questionID: questionID)
    }
}

/// The meeting data of a one-on-one, read from the store.
final class StoreMeetingSource: MeetingSource {
    private let database: AppDatabase
    private let subject: Person
    private let today: Date
    let subjectName: String

    init(database: AppDatabase, subject: Person, today: Date) {
        self.database = database
        self.subject = subject
        self.subjectName = subject.name
        self.today = today
    }

    func openActions() -> [OpenActionItem] {
        guard let id = subject.id else { return [] }
        return (try? database.openActionItems(subjectID: id)) ?? []
    }

    func agendaItems() -> [AgendaEntry] {
        guard let id = subject.id else { return [] }
        return (try? database.openAgendaItems(personID: id, on: DateAnswer.iso(today))) ?? []
    }

    func target(kpi: String) -> Double? {
        guard let id = subject.id else { return nil }
        return try? database.target(personID: id, kpi: kpi, period: Period(containing: today))
    }

    /// The last three months before this one.
    func previousAttainment(kpi: String) -> [(period: String, attainment: Double)] {
        guard let id = subject.id, let current = Period(containing: today).previous else { return [] }
        let rows = (try? database.attainmentHistory(personID: id, upTo: current, months: 3)) ?? []
        return Array(rows.filter { $0.kpi == kpi }.prefix(3).map { (period: $0.period, attainment: $0.attainment) })
    }

    func owner(named typed: String) -> Result<String, AnswerProblem> {
        if let person = try? database.person(named: typed) { return .success(person.name) }
        let names = ((try? database.people()) ?? []).map(\.name)
        let hint = suggestion(for: typed, among: names).map { " (did you mean '\($0)'?)" } ?? ""
        return .failure(AnswerProblem("'\(typed)' is not a person in this store\(hint); Enter makes \(subjectName) the owner."))
    }
}
