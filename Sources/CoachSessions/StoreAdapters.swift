import CoachCore
import CoachStore
import Foundation

/// Writes each answer to the store the moment the engine accepts it, in its own transaction.
final class StoreRecorder: AnswerRecorder {
    private let database: any SharedStore
    private let sessionID: Int64
    private let clock: CoachClock
    /// The store file was replaced or removed: the error that stopped the session.
    private(set) var replaced: StoreError?

    init(database: any SharedStore, sessionID: Int64, clock: CoachClock) {
        self.database = database
        self.sessionID = sessionID
        self.clock = clock
    }

    func record(questionID: String, value: AnswerValue, isPrivate: Bool, position: Int) throws {
        guard let json = value.jsonText else { throw SessionError.unstorableAnswer(questionID) }
        try noting {
            try database.saveAnswer(sessionID: sessionID, questionID: questionID, valueJSON: json,
                                    isPrivate: isPrivate, position: position, at: clock.now())
        }
    }

    func erase(questionID: String) throws {
        try noting { try database.deleteAnswer(sessionID: sessionID, questionID: questionID, at: clock.now()) }
    }

    func recordSkip(questionID: String, isPrivate: Bool, position: Int) throws {
        try noting {
            try database.saveAnswer(sessionID: sessionID, questionID: questionID, valueJSON: AnswerValue.skipMarkJSON,
                                    isPrivate: isPrivate, position: position, at: clock.now())
        }
    }

    /// Runs `body`, remembering a `storeReplaced` error it throws.
    private func noting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as StoreError {
            if case .storeReplaced = error { replaced = error }
            throw error
        }
    }
}

/// The meeting data of a one-on-one, read from the store before the first question, so a store
/// error stops the meeting before it starts instead of showing an empty list.
final class StoreMeetingSource: MeetingSource {
    let subjectName: String
    private let actions: [OpenActionItem]
    private let agenda: [AgendaEntry]
    private let targets: [String: Double]
    private let attainment: [(kpi: String, period: String, attainment: Double)]
    private let peopleNames: [String]
    /// The organisation's KPI definitions, which refine or add to the template's.
    private let organisationKPIs: [KPIDefinition]

    init(database: any SharedStore, subject: Person, template: Survey, today: Date) throws {
        subjectName = subject.name
        guard let id = subject.id else { throw StoreError.unknownPerson(subject.name, suggestion: nil) }
        // Only what existed on the meeting's day: a one-on-one back-filled to last Tuesday does
        // not review an item or topic added since.
        let day = DateAnswer.iso(today)
        actions = try database.openActionItems(subjectID: id).filter { $0.created <= day }
        agenda = try database.openAgendaItems(personID: id, on: day).filter { $0.created <= day }
        let period = Period(containing: today)
        var targets: [String: Double] = [:]
        organisationKPIs = try database.orgSettings().kpis
        for kpi in KPICatalog.effective(template: template, organisation: organisationKPIs) {
            targets[kpi.id] = try database.target(personID: id, kpi: kpi.id, period: period)
        }
        self.targets = targets
        // The last three months before this one.
        attainment = try period.previous.map { previous in
            try database.attainmentHistory(personID: id, upTo: previous, months: 3)
                .map { (kpi: $0.kpi, period: $0.period, attainment: $0.attainment) }
        } ?? []
        // An action item from a one-on-one is the rep's or their manager's: anyone else could
        // read the meeting's content through `actions`.
        let manager = try subject.managerID.flatMap { try database.person(id: $0) }
        peopleNames = [subject.name] + (manager.map { [$0.name] } ?? [])
    }

    func openActions() -> [OpenActionItem] { actions }

    func kpis(reviewedBy question: Question) -> [KPIDefinition] {
        KPIDefinition.merged(template: question.kpis, organisation: organisationKPIs)
    }

    func agendaItems() -> [AgendaEntry] { agenda }

    func target(kpi: String) -> Double? { targets[kpi] }

    func previousAttainment(kpi: String) -> [(period: String, attainment: Double)] {
        Array(attainment.filter { $0.kpi == kpi }.prefix(3).map { (period: $0.period, attainment: $0.attainment) })
    }

    func owner(named typed: String) -> Result<String, AnswerProblem> {
        let wanted = typed.lowercased()
        if let name = peopleNames.first(where: { $0.lowercased() == wanted }) { return .success(name) }
        return .failure(AnswerProblem("an action item from this one-on-one is owned by \(peopleNames.joined(separator: " or ")); "
                                      + "Enter makes \(subjectName) the owner."))
    }
}
