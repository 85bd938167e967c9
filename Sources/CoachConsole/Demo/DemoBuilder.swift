import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// Why `demo` did not run.
enum DemoError: Error, Equatable, LocalizedError, CustomStringConvertible {
    case storeNotEmpty(people: Int)
    case missingSurvey(String)
    /// Another process added action or agenda items while the demo was writing.
    case storeChanged
    /// A generated session that the real code would read differently (a bug in the demo).
    case incoherent(String)

    var description: String {
        switch self {
        case let .storeNotEmpty(people):
            return "the store already holds \(people) \(people == 1 ? "person" : "people"); demo fills an empty store. "
                + "Use another store (coach --store /tmp/demo.sqlite demo), or 'demo --force' to ADD a demo "
                + "organisation alongside (nothing is changed or deleted)"
        case let .missingSurvey(id):
            return "the bundled survey '\(id)' is missing or does not load; the demo cannot run"
        case .storeChanged:
            return "another coach wrote to the store while demo was filling it; the teams written so far are kept, run demo --force again or use an empty store"
        case let .incoherent(message):
            return "demo generated an answer the survey engine would not: \(message)"
        }
    }

    var errorDescription: String? { description }
}

/// What the demo wrote.
struct DemoSummary: Sendable, Equatable {
    var hr = ""
    var managers: [String] = []
    var teams: [String] = []
    var reps = 0
    var personas: [DemoPersona: [String]] = [:]
    var sessions = 0
    var answers = 0
    var goals = 0
    var actionItems = 0
    var agendaItems = 0
    var firstWeek = ""
    var lastWeek = ""
    var people: Int { 1 + managers.count + reps }
}

/// Builds the demo organisation: plans it from the seed, draws every answer per the bundled survey
/// definitions, scores it with the real scorer and grader, and writes it through `bulkImport`, one
/// transaction for the people and one per team.
///
/// `@unchecked Sendable`: after `run` starts the generator thread, only that thread touches the
/// generation state (`summary`, the id counters), and `run` reads `summary` only after the
/// channel says the thread finished.
final class DemoBuilder: @unchecked Sendable {
    private struct Pack {
        let survey: Survey
        /// Score items answered in reverse (CBI `energy_leisure`).
        let reverse: Set<String>
    }

    private let database: AppDatabase
    private let options: DemoOptions
    /// The last action and agenda item ids handed out (generation thread only).
    private var nextActionID: Int64 = 0
    private var nextAgendaID: Int64 = 0
    private let who5: Pack, cbi: Pack, weekly: Pack, oneOnOne: Pack, quiz: Pack
    private var summary = DemoSummary()

    init(database: AppDatabase, options: DemoOptions) throws {
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
    func run(force: Bool) throws -> DemoSummary {
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

        // 2. Goals and history, one transaction per team. A second thread generates the next team
        //    (answers, scores, effects) while this one writes the previous: SQLite's inserts and the
        //    generation each take about half the time. New action and agenda items get the ids SQLite
        //    will give them (max + 1, in insertion order, inside our own write transactions); the
        //    import checks every one and stops if another process wrote items in between.
        nextActionID = ids.lastActionID
        nextAgendaID = ids.lastAgendaID
        let channel = DemoChannel()
        let generator = Thread { [self] in
            defer { channel.finish() }
            for (t, team) in plan.teams.enumerated() {
                let batch = DemoBatch()
                do {
                    for r in team.reps {
                        try history(of: plan.reps[r], plan: plan, team: team, repID: ids.reps[r],
                                    managerID: ids.managers[t], batch: batch)
                    }
                } catch {
                    channel.fail(error)
                    return
                }
                guard channel.put(batch) else { return }
            }
        }
        generator.stackSize = 8 << 20
        generator.start()
        do {
            while let batch = try channel.take() {
                try database.bulkImport { importer in
                    try importer.setGoals(batch.goals)
                    for (index, input) in batch.sessions.enumerated() {
                        let result = try importer.importSession(input)
                        guard result.newActionIDs == batch.actionIDs[index],
                              result.newAgendaIDs == batch.agendaIDs[index] else { throw DemoError.storeChanged }
                    }
                }
            }
        } catch {
            channel.cancel()
            channel.waitUntilFinished()
            throw error
        }
        channel.waitUntilFinished()
        return summary
    }

    private struct People: Sendable {
        var hr: Int64
        var lastActionID: Int64 = 0
        var lastAgendaID: Int64 = 0
        var managers: [Int64] = []
        var reps: [Int64] = []
    }

    // MARK: - One rep's history

    private struct OpenItem {
        var id: Int64
        var text: String
        var carried: Int
    }

    private enum Event {
        case who5, cbi, weekly, oneOnOne, quiz(SessionPhase)
    }

    private func history(of rep: DemoPlan.Rep, plan: DemoPlan, team: DemoPlan.Team, repID: Int64,
                         managerID: Int64, batch: DemoBatch) throws {
        var rng = SplitMix64(seed: options.seed, stream: 1_000 + UInt64(rep.index))
        let weeks = plan.mondays.count
        let manager = team.manager

        // Goals: every month from the rep's first week to the current month.
        var goals: [ImportedGoal] = []
        var month = Period(containing: plan.mondays[rep.joinWeek], calendar: DemoPlan.utc)
        let lastMonth = Period(containing: options.now, calendar: DemoPlan.utc)
        var monthIndex = 0
        while month <= lastMonth {
            let first = DemoPlan.utc.date(from: DateComponents(year: month.year, month: month.month, day: 1, hour: 8))!
            for kpi in DemoPlan.kpis {
                goals.append(ImportedGoal(personID: repID, kpi: kpi, period: month,
                                          target: target(kpi, rep: rep, monthIndex: monthIndex),
                                          setByID: managerID, setAt: max(first, rep.createdAt)))
            }
            monthIndex += 1
            month = month.month == 12 ? Period(year: month.year + 1, month: 1)! : Period(year: month.year, month: month.month + 1)!
        }
        batch.goals += goals
        summary.goals += goals.count
        let firstMonth = Period(containing: plan.mondays[rep.joinWeek], calendar: DemoPlan.utc)

        // Quiz weeks: the team's training, or for a new hire shortly after joining.
        var preWeek = rep.persona == .newHire ? rep.joinWeek : team.trainingWeek
        var postWeek = rep.persona == .newHire ? rep.joinWeek + 3 : team.trainingWeek + 2
        if postWeek >= weeks { postWeek = weeks - 1 }
        if preWeek > postWeek { preWeek = postWeek }

        var openActions: [OpenItem] = []
        var openAgenda: [OpenItem] = []
        var previousMonday: Date?
        let span = Double(max(1, weeks - 1 - rep.joinWeek))

        for w in rep.joinWeek..<weeks {
            let monday = plan.mondays[w]
            let week = plan.weekKeys[w]
            defer { previousMonday = monday }
            if rep.vacationWeeks.contains(w) { continue }
            let x = Double(w - rep.joinWeek) / span
            let compliance = rep.trajectory.compliance(x)
            var events: [(Date, Event)] = []
            func at(_ day: Int, _ hour: Int) -> Date {
                monday.addingTimeInterval(Double(day * 86_400 + hour * 3_600 + rng.int(0...59) * 60))
            }
            if rng.chance(compliance) { events.append((at(rng.int(0...4), rng.int(8...17)), .who5)) }
            if rng.chance(compliance - 0.04) { events.append((at(rng.int(3...4), rng.int(13...17)), .weekly)) }
            let newMonth = previousMonday.map { DemoPlan.utc.component(.month, from: $0) != DemoPlan.utc.component(.month, from: monday) } ?? true
            if newMonth, rng.chance(0.85 * compliance + 0.1) { events.append((at(rng.int(0...2), rng.int(9...16)), .cbi)) }
            if (w - rep.joinWeek) % rep.cadence == 0, rng.chance(0.9) {
                events.append((at(rng.int(1...3), rng.int(10...15)), .oneOnOne))
            }
            if rep.takesQuiz {
                if w == preWeek { events.append((at(0, 9), .quiz(.pre))) }
                if w == postWeek { events.append((at(4, 15), .quiz(.post))) }
            }
            events.sort { $0.0 < $1.0 }

            for (date, event) in events {
                switch event {
                case .who5:
                    let level = rep.trajectory.wellbeing(x)
                    let answers = checkin(who5, date: date, rng: &rng) { _ in level }
                    try store(who5, answers: answers, subject: repID, author: repID, date: date,
                              periodKey: week, batch: batch)
                case .cbi:
                    let level = rep.trajectory.burnout(x)
                    let answers = checkin(cbi, date: date, rng: &rng, skip: 0.03) { _ in level }
                    try store(cbi, answers: answers, subject: repID, author: repID, date: date,
                              periodKey: Period(containing: date, calendar: DemoPlan.utc).description, batch: batch)
                case .weekly:
                    let m = rep.trajectory.motivation(x), wb = rep.trajectory.wellbeing(x)
                    let learning = rep.trajectory.learning(x)
                    let answers = checkin(weekly, date: date, rng: &rng) { id in
                        switch id {
                        case "workload", "focus": return 0.5 * m + 0.5 * wb
                        case "learned", "learning_applied": return learning
                        case "motivated", "recognised": return m
                        default: return 0.75 * m + 0.2
                        }
                    }
                    let stored = try store(weekly, answers: answers, subject: repID, author: repID, date: date,
                                           periodKey: week, batch: batch)
                    for (id, text) in zip(stored.newAgendaIDs, stored.agendaTexts) {
                        openAgenda.append(OpenItem(id: id, text: text, carried: 0))
                    }
                case .oneOnOne:
                    let (answers, effects) = meeting(rep: rep, x: x, date: date, manager: manager,
                                          actions: &openActions, agenda: &openAgenda, rng: &rng,
                                          target: { kpi in
                                              let period = Period(containing: date, calendar: DemoPlan.utc)
                                              let index = (period.year - firstMonth.year) * 12 + period.month - firstMonth.month
                                              return self.target(kpi, rep: rep, monthIndex: index)
                                          })
                    let stored = try store(oneOnOne, answers: answers, subject: repID, author: managerID, date: date,
                                           periodKey: week, effects: effects, batch: batch)
                    for (id, text) in zip(stored.newActionIDs, stored.actionTexts) {
                        openActions.append(OpenItem(id: id, text: text, carried: 0))
                    }
                case .quiz(let phase):
                    let answers = quizAttempt(rep: rep, phase: phase, plan: plan, rng: &rng)
                    try store(quiz, answers: answers, subject: repID, author: repID, date: date,
                              periodKey: nil, phase: phase, batch: batch)
                }
            }
        }
    }

    private func target(_ kpi: String, rep: DemoPlan.Rep, monthIndex: Int) -> Double {
        switch kpi {
        case "revenue": return ((rep.revenueBase * (1 + 0.01 * Double(monthIndex))) / 500).rounded() * 500
        case "new_customers": return rep.customersBase
        case "conversion_rate": return rep.conversionBase
        default: return rep.satisfactionBase
        }
    }

    // MARK: - Answers

    /// A check-in's answers: each scored item near `level(id)` with noise (reverse items mirrored),
    /// optional items sometimes skipped, multi and text questions sometimes answered.
    private func checkin(_ pack: Pack, date: Date, rng: inout SplitMix64, skip: Double = 0,
                         level: (String) -> Double) -> [(Question, AnswerValue)] {
        var given: [String: AnswerValue] = [:]
        var result: [(Question, AnswerValue)] = []
        for question in pack.survey.questions where question.when == nil || question.isAsked(given: given) {
            var value: AnswerValue?
            switch question.type {
            case .choice:
                if !question.required, rng.chance(skip) { break }
                var f = level(question.id) + rng.normal() * 0.13
                if pack.reverse.contains(question.id) { f = 1 - f }
                value = DemoAnswers.choice(question, fraction: f)
            case .scale:
                value = DemoAnswers.scale(question, fraction: level(question.id) + rng.normal() * 0.1)
            case .multi:
                if rng.chance(0.3), !question.choices.isEmpty {
                    let first = rng.pick(question.choices).value
                    let second = rng.pick(question.choices).value
                    value = .choices(first == second || rng.chance(0.5) ? [first] : [first, second])
                }
            case .text:
                let p: Double = question.required ? 1 : question.feedsAgenda ? 0.2 : 0.08
                if rng.chance(p) { value = .text(DemoTexts.text(for: question.id, rng: &rng)) }
            default:
                break
            }
            if let value {
                given[question.id] = value
                result.append((question, value))
            }
        }
        return result
    }

    /// A one-on-one run by the manager: mood, wins, a decision on every open action item and agenda
    /// topic, month-to-date KPI actuals against the targets, blockers, new action items, notes.
    private func meeting(rep: DemoPlan.Rep, x: Double, date: Date, manager: String,
                         actions: inout [OpenItem], agenda: inout [OpenItem], rng: inout SplitMix64,
                         target: (String) -> Double) -> (answers: [(Question, AnswerValue)], effects: SessionEffects) {
        var given: [String: AnswerValue] = [:]
        var result: [(Question, AnswerValue)] = []
        var effects = SessionEffects()
        let wb = rep.trajectory.wellbeing(x), m = rep.trajectory.motivation(x)
        for question in oneOnOne.survey.questions where question.when == nil || question.isAsked(given: given) {
            var value: AnswerValue?
            switch question.type {
            case .scale:
                value = DemoAnswers.scale(question, fraction: 0.55 * wb + 0.45 * m + rng.normal() * 0.08)
            case .text:
                let p: Double
                switch question.id {
                case _ where question.required || question.when != nil: p = 1
                case "private_notes", "career": p = 0.15
                default: p = 0.3
                }
                if rng.chance(p) { value = .text(DemoTexts.text(for: question.id, rng: &rng)) }
            case .reviewActions:
                var decisions: [JSONValue] = []
                var still: [OpenItem] = []
                for var item in actions {
                    let u = rng.unit()
                    let decision = item.carried >= 3 ? (u < 0.5 ? "done" : "drop")
                        : u < 0.5 ? "done" : u < 0.9 ? "carry" : "drop"
                    decisions.append(.object(["item": .number(Double(item.id)), "text": .string(item.text),
                                              "decision": .string(decision)]))
                    effects.actionDecisions.append(SessionEffects.ActionDecision(itemID: item.id, decision: decision))
                    if decision == "carry" { item.carried += 1; still.append(item) }
                }
                actions = still
                value = .structured(.object(["decisions": .array(decisions)]))
            case .agenda:
                var entries: [JSONValue] = []
                var still: [OpenItem] = []
                for var item in agenda {
                    var entry: [String: JSONValue] = ["item": .number(Double(item.id)), "text": .string(item.text)]
                    if rng.chance(0.85) {
                        entry["decision"] = .string("discussed")
                        var note: String?
                        if rng.chance(0.7) { note = rng.pick(["Agreed a plan", "Will revisit next month", "Sorted"]) }
                        if let note { entry["note"] = .string(note) }
                        effects.agendaDecisions.append(SessionEffects.AgendaDecision(itemID: item.id, decision: "discussed", note: note))
                    } else {
                        entry["decision"] = .string("carry")
                        effects.agendaDecisions.append(SessionEffects.AgendaDecision(itemID: item.id, decision: "carry", note: nil))
                        item.carried += 1
                        still.append(item)
                    }
                    entries.append(.object(entry))
                }
                agenda = still
                value = .structured(.object(["items": .array(entries)]))
            case .kpi:
                let day = Double(DemoPlan.utc.component(.day, from: date))
                let days = Double(DemoPlan.utc.range(of: .day, in: .month, for: date)?.count ?? 30)
                let attainment = 0.7 + 0.45 * m + rng.normal() * 0.08
                var actuals: [JSONValue] = []
                for kpi in question.kpis {
                    let goal = target(kpi.id)
                    let actual: Double
                    switch kpi.id {
                    case "revenue": actual = (goal * attainment * day / days / 10).rounded() * 10
                    case "new_customers": actual = (goal * attainment * day / days).rounded()
                    case "conversion_rate": actual = (goal * (0.8 + 0.3 * m + rng.normal() * 0.05) * 10).rounded() / 10
                    case "customer_satisfaction":
                        if rng.chance(0.3) { continue }
                        actual = (min(100, goal * (0.94 + 0.1 * wb)) * 10).rounded() / 10
                    default: continue
                    }
                    var object: [String: JSONValue] = ["kpi": .string(kpi.id), "actual": .number(actual), "target": .number(goal)]
                    if goal > 0 { object["attainment"] = .number(actual / goal * 100) }
                    actuals.append(.object(object))
                    effects.kpiActuals.append(SessionEffects.KPIActual(kpi: kpi.id, actual: actual))
                }
                value = .structured(.object(["actuals": .array(actuals)]))
            case .actions:
                let count = rng.chance(0.3) ? 0 : rng.chance(0.65) ? 1 : 2
                var items: [JSONValue] = []
                for _ in 0..<count {
                    let due = Self.day(date.addingTimeInterval(Double(rng.chance(0.7) ? 7 : 14) * 86_400))
                    let text = rng.pick(DemoTexts.actionTexts)
                    let owner = rng.chance(0.8) ? rep.name : manager
                    items.append(.object(["text": .string(text), "owner": .string(owner), "due": .string(due)]))
                    effects.newActions.append(SessionEffects.NewAction(text: text, owner: owner, due: due))
                }
                value = .structured(.object(["items": .array(items)]))
            default:
                break
            }
            if let value {
                given[question.id] = value
                result.append((question, value))
            }
        }
        return (result, effects)
    }

    /// A quiz attempt: each question right with a probability rising with the rep's ability
    /// (higher after training); the miskeyed question the other way round.
    private func quizAttempt(rep: DemoPlan.Rep, phase: SessionPhase, plan: DemoPlan,
                             rng: inout SplitMix64) -> [(Question, AnswerValue)] {
        let ability: Double
        if rep.persona == .newHire {
            ability = phase == .pre ? -1.4 + rng.normal() * 0.2 : 1.4 + rng.normal() * 0.2
        } else {
            ability = rep.skill + (phase == .post ? 0.8 : 0)
        }
        var result: [(Question, AnswerValue)] = []
        for question in quiz.survey.questions where question.answer != nil {
            let difficulty = plan.difficulty[question.id] ?? 0
            let right: Bool
            if question.id == DemoPlan.miskeyedQuestion {
                right = !rng.chance(Self.sigmoid(1.6 * ability - 0.2))
            } else {
                right = rng.chance(Self.sigmoid(1.0 + 1.5 * ability - difficulty))
            }
            if let value = DemoAnswers.quiz(question, right: right, rng: &rng) { result.append((question, value)) }
        }
        return result
    }

    // MARK: - Storing

    private struct Stored {
        var newActionIDs: [Int64]
        var actionTexts: [String]
        var newAgendaIDs: [Int64]
        var agendaTexts: [String]
    }

    /// Scores the answers with the real scorer (or grades them), and imports the completed session
    /// with the effects the real session runner would apply.
    @discardableResult
    private func store(_ pack: Pack, answers: [(Question, AnswerValue)], subject: Int64, author: Int64,
                       date: Date, periodKey: String?, phase: SessionPhase? = nil,
                       effects known: SessionEffects? = nil, batch: DemoBatch) throws -> Stored {
        let survey = pack.survey
        var dictionary: [String: AnswerValue] = [:]
        dictionary.reserveCapacity(answers.count)
        var imported: [ImportedAnswer] = []
        imported.reserveCapacity(answers.count)
        for (position, (question, value)) in answers.enumerated() {
            dictionary[question.id] = value
            imported.append(ImportedAnswer(questionID: question.id, valueJSON: DemoJSON.text(value),
                                           isPrivate: question.isPrivate, position: position,
                                           answeredAt: date.addingTimeInterval(Double(20 * (position + 1)))))
        }
        var scores: [ScoreRow]
        var marks: [MarkRow] = []
        if survey.kind == .quiz {
            let graded = QuizGrader.grade(survey: survey, answers: dictionary)
            scores = graded.asScores.map { ScoreRow(scoreID: $0.scoreID, value: $0.value, band: $0.bandID, alert: $0.alert) }
            marks = graded.marks.map { MarkRow(questionID: $0.questionID, mark: $0.mark, maxMark: $0.maxMark) }
        } else {
            scores = SessionScorer.score(survey: survey, answers: dictionary)
                .map { ScoreRow(scoreID: $0.scoreID, value: $0.value, band: $0.bandID, alert: $0.alert) }
        }
        // A one-on-one's effects come with its answers (reading them back from the structured
        // answers costs a JSON round trip per answer); `checkCoherence` compares the two.
        let effects = known ?? SessionEffectsBuilder.effects(survey: survey, answers: dictionary)
        if checkCoherence { try verify(survey, answers: answers, dictionary: dictionary, effects: effects) }
        let completed = date.addingTimeInterval(Double(20 * (answers.count + 1) + 30))
        batch.sessions.append(BulkImporter.prepare(CompletedSessionInput(
            surveyID: survey.id, surveyHash: survey.contentHash, kind: survey.kind.rawValue,
            subjectID: subject, authorID: author, phase: phase, periodKey: periodKey,
            startedAt: date, completedAt: completed, answers: imported, scores: scores, marks: marks,
            effects: effects)))
        let actionIDs = effects.newActions.map { _ -> Int64 in nextActionID += 1; return nextActionID }
        let agendaIDs = effects.newAgendaItems.map { _ -> Int64 in nextAgendaID += 1; return nextAgendaID }
        batch.actionIDs.append(actionIDs)
        batch.agendaIDs.append(agendaIDs)
        summary.sessions += 1
        summary.answers += imported.count
        summary.actionItems += actionIDs.count
        summary.agendaItems += agendaIDs.count
        return Stored(newActionIDs: actionIDs, actionTexts: effects.newActions.map(\.text),
                      newAgendaIDs: agendaIDs, agendaTexts: effects.newAgendaItems)
    }

    /// Whether to check every generated session against the real code paths (tests): each answer
    /// accepted by its question, its stored JSON equal to `AnswerValue.jsonText`, and the effects
    /// equal to what `SessionEffectsBuilder` reads from the answers.
    var checkCoherence = false

    private func verify(_ survey: Survey, answers: [(Question, AnswerValue)], dictionary: [String: AnswerValue],
                        effects: SessionEffects) throws {
        var given: [String: AnswerValue] = [:]
        for (question, value) in answers {
            guard question.isAsked(given: given), question.accepts(value, given: given) else {
                throw DemoError.incoherent("\(survey.id).\(question.id): \(value) is not a valid answer")
            }
            guard DemoJSON.text(value) == value.jsonText else {
                throw DemoError.incoherent("\(survey.id).\(question.id): JSON \(DemoJSON.text(value)) != \(value.jsonText ?? "nil")")
            }
            given[question.id] = value
        }
        let read = SessionEffectsBuilder.effects(survey: survey, answers: dictionary)
        guard read == effects else { throw DemoError.incoherent("\(survey.id): effects \(effects) != \(read)") }
    }

    // MARK: - Helpers

    static func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

    /// `2026-W48` (ISO week, UTC).
    static func weekKey(_ date: Date) -> String {
        let parts = DemoPlan.isoUTC.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return pad(parts.yearForWeekOfYear ?? 0, 4) + "-W" + pad(parts.weekOfYear ?? 0, 2)
    }

    /// `2026-11-27` (UTC).
    static func day(_ date: Date) -> String {
        let parts = DemoPlan.utc.dateComponents([.year, .month, .day], from: date)
        return pad(parts.year ?? 0, 4) + "-" + pad(parts.month ?? 0, 2) + "-" + pad(parts.day ?? 0, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// One team's generated rows, with the item ids the import must produce.
final class DemoBatch: @unchecked Sendable {
    var goals: [ImportedGoal] = []
    /// Prepared on the generator thread, so the writer only binds and steps.
    var sessions: [PreparedSession] = []
    var actionIDs: [[Int64]] = []
    var agendaIDs: [[Int64]] = []
}

/// Hands batches from the generator thread to the writer, at most two ahead.
final class DemoChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [DemoBatch] = []
    private var finished = false
    private var cancelled = false
    private var error: (any Error)?

    /// Waits for room; false once the writer cancelled.
    func put(_ batch: DemoBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= 2, !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch; nil when the generator finished; throws what the generator threw.
    func take() throws -> DemoBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !finished { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let error { throw error }
        return nil
    }

    func fail(_ error: any Error) {
        condition.lock()
        self.error = error
        condition.unlock()
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
