import CoachCore
import CoachScoring
import CoachSessions
import CoachStore
import Foundation

/// Builds the demo organisation: plans it from the seed, draws every answer per the bundled survey
/// definitions, scores it with the real scorer and grader, and writes it through `bulkImport`, one
/// transaction for the people and one per `sessionsPerTransaction` sessions of history.
///
/// `@unchecked Sendable`: after `run` starts the generator thread, only that thread touches the
/// generation state (`summary`, the id counters), and `run` reads `summary` only after the
/// channel says the thread finished.
public final class DemoBuilder: @unchecked Sendable {
    struct Pack {
        let survey: Survey
        /// Score items answered in reverse (CBI `energy_leisure`).
        let reverse: Set<String>
    }

    private let database: AppDatabase
    let options: DemoOptions
    /// The last action and agenda item ids handed out (generation thread only).
    var nextActionID: Int64 = 0
    var nextAgendaID: Int64 = 0
    let who5: Pack, cbi: Pack, weekly: Pack, oneOnOne: Pack, quiz: Pack
    var summary = DemoSummary()

    public init(database: AppDatabase, options: DemoOptions) throws {
        self.database = database
        self.options = options
        let catalog = SurveyCatalog.load(directories: [], embedded: BundledSurveys.files)
        func pack(_ id: String) throws -> Pack {
            guard let survey = catalog.surveys[id], SurveySource.content(of: survey) != nil else {
                throw DemoError.missingSurvey(id)
            }
            return Pack(survey: survey, reverse: Set(survey.scores.flatMap(\.reverse)))
        }
        who5 = try pack("who-5")
        cbi = try pack("cbi")
        weekly = try pack("weekly-self-assessment")
        oneOnOne = try pack("one-on-one")
        quiz = try pack("crm-basics")
    }

    /// Writes the demo organisation. Refuses a store with anyone in it unless `force`, which adds
    /// the organisation alongside (with names that are free); nothing existing is changed.
    public func run(force: Bool) throws -> DemoSummary {
        let existing = try database.peopleCount()
        if existing > 0, !force { throw DemoError.storeNotEmpty(people: existing) }
        summary = DemoSummary()

        // 1. Survey versions and people, in one transaction.
        let (plan, ids) = try database.bulkImport { importer -> (DemoPlan, People) in
            let taken = try importer.existingNames()
            let plan = DemoPlan.make(options, quizQuestionIDs: quiz.survey.questions.map(\.id),
                                     takenPeople: taken.people, takenTeams: taken.teams)
            let firstSeen = plan.mondays[0].addingTimeInterval(-90 * 86_400)
            for pack in [who5, cbi, weekly, oneOnOne, quiz] {
                guard let content = SurveySource.content(of: pack.survey) else { throw DemoError.missingSurvey(pack.survey.id) }
                try importer.recordSurveyVersion(surveyID: pack.survey.id, hash: pack.survey.contentHash,
                                                 content: content, at: firstSeen)
            }
            let long = plan.mondays[0].addingTimeInterval(-1000 * 86_400)
            let hr = try importer.addPerson(ImportedPerson(name: plan.hr, role: .hr, team: nil, managerID: nil,
                                                           shareWellbeing: nil, createdAt: long))
            var people = People(hr: hr.id ?? 0)
            (people.lastActionID, people.lastAgendaID) = try importer.lastItemIDs()
            for team in plan.teams {
                let manager = try importer.addPerson(ImportedPerson(
                    name: team.manager, role: .manager, team: team.name, managerID: nil,
                    shareWellbeing: nil, createdAt: long.addingTimeInterval(86_400)))
                people.managers.append(manager.id ?? 0)
            }
            for rep in plan.reps {
                let person = try importer.addPerson(ImportedPerson(
                    name: rep.name, role: .rep, team: plan.teams[rep.team].name,
                    managerID: people.managers[rep.team], shareWellbeing: rep.shareWellbeing,
                    createdAt: rep.createdAt))
                people.reps.append(person.id ?? 0)
            }
            return (plan, people)
        }
        summary.hr = plan.hr
        summary.managers = plan.teams.map(\.manager)
        summary.teams = plan.teams.map(\.name)
        summary.reps = plan.reps.count
        for rep in plan.reps { summary.personas[rep.persona, default: []].append(rep.name) }
        summary.firstWeek = Self.weekKey(plan.mondays[0])
        summary.lastWeek = Self.weekKey(plan.mondays[plan.mondays.count - 1])

        // 2. Goals and history, generated rep by rep and written many reps per transaction.
        //    A second thread generates the next reps (answers, scores, effects) while this one
        //    writes: SQLite's inserts take most of the time. New action and agenda items get the ids
        //    SQLite will give them (max + 1, in insertion order, inside our own write transactions);
        //    the import checks every one and stops if another process wrote items in between.
        nextActionID = ids.lastActionID
        nextAgendaID = ids.lastAgendaID
        let channel = DemoChannel()
        let generator = Thread { [self] in
            defer { channel.finish() }
            for (t, team) in plan.teams.enumerated() {
                for r in team.reps {
                    let batch = DemoBatch()
                    do {
                        try history(of: plan.reps[r], plan: plan, team: team, repID: ids.reps[r],
                                    managerID: ids.managers[t], batch: batch)
                        batch.seal(calendar: database.calendar)
                    } catch {
                        channel.fail(error)
                        return
                    }
                    guard channel.put(batch) else { return }
                }
            }
        }
        generator.stackSize = 8 << 20
        generator.start()
        do {
            try database.withRollbackJournal { try write(from: channel) }
        } catch {
            channel.cancel()
            channel.waitUntilFinished()
            throw error
        }
        channel.waitUntilFinished()
        return summary
    }

    /// Sessions per write transaction (whole reps, at least one): about ten teams. Every commit
    /// writes (and fsyncs) each page the transaction touched, and a rep's sessions touch pages all
    /// over the session indexes (they span the whole history), so one commit per team wrote those
    /// pages again and again. (Measured when the demo still wrote through the write-ahead log,
    /// where bigger transactions only grew the log; not measured again with the rollback journal.)
    var sessionsPerTransaction = 40_000

    /// Writes the batches the generator hands over, a few per transaction, until it finishes.
    private func write(from channel: DemoChannel) throws {
        var next = try channel.take()
        while let first = next {
            try database.bulkImport { importer in
                var batch = first, written = 0
                while true {
                    for goals in batch.goals { try importer.setGoals(goals) }
                    for (index, result) in try importer.importHistory(batch.history).enumerated() {
                        guard result.newActionIDs == batch.actionIDs[index],
                              result.newAgendaIDs == batch.agendaIDs[index] else { throw DemoError.storeChanged }
                    }
                    written += batch.actionIDs.count
                    next = try channel.take()
                    guard written < sessionsPerTransaction, let following = next else { return }
                    batch = following
                }
            }
        }
    }

    private struct People: Sendable {
        var hr: Int64
        var lastActionID: Int64 = 0
        var lastAgendaID: Int64 = 0
        var managers: [Int64] = []
        var reps: [Int64] = []
    }


    /// Whether to check every generated session against the real code paths (tests): each answer
    /// accepted by its question, its stored JSON equal to `AnswerValue.jsonText`, and the effects
    /// equal to what `SessionEffectsBuilder` reads from the answers.
    var checkCoherence = false

    // MARK: - Helpers

    static func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

    /// `2026-W48` (ISO week, UTC).
    static func weekKey(_ date: Date) -> String {
        let parts = DemoPlan.isoUTC.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return (parts.yearForWeekOfYear ?? 0).zeroPadded(4) + "-W" + (parts.weekOfYear ?? 0).zeroPadded(2)
    }

    /// `2026-11-27` (UTC).
    static func day(_ date: Date) -> String {
        let parts = DemoPlan.utc.dateComponents([.year, .month, .day], from: date)
        return (parts.year ?? 0).zeroPadded(4) + "-" + (parts.month ?? 0).zeroPadded(2) + "-" + (parts.day ?? 0).zeroPadded(2)
    }
}
