import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// Builds a `ReviewDocument` from store reads that each apply the viewer's rules: goals and KPI
/// actuals, the timeline (sessions the viewer may see, with their visible scores), action items
/// (the rep and their manager only), score points for trends, and each review session's record.
/// What a viewer is not shown is left out by the store; `notShown` only names it.
struct ReviewBuilder {
    let context: CommandContext
    let viewer: Person
    let period: ReviewPeriod
    let now: Date
    var calendar: Calendar = .current

    /// Who may read a review of `subject`: the person, their manager and HR (docs/privacy.md).
    static func mayView(_ subject: Person, viewer: Person) -> Bool {
        subject.id == viewer.id || (subject.managerID != nil && subject.managerID == viewer.id) || viewer.role == .hr
    }

    var start: Date { period.start(calendar: calendar) }
    /// The end of what is reported: the period's end, or now while it runs.
    var end: Date { min(period.end(calendar: calendar), now) }
    var ended: Bool { period.end(calendar: calendar) <= now }
    var firstDay: String { DateAnswer.iso(start, calendar: calendar) }
    var lastDay: String { DateAnswer.iso(end.addingTimeInterval(ended ? -1 : 0), calendar: calendar) }

    func document(for subject: Person) throws -> ReviewDocument {
        guard Self.mayView(subject, viewer: viewer) else {
            throw StoreError.notAllowed("a review of \(subject.name) is for \(subject.name), their manager and HR")
        }
        let database = try context.database()
        let summary = try database.personSummary(named: subject.name)
        let isSelf = subject.id == viewer.id, isManager = subject.managerID != nil && subject.managerID == viewer.id
        var notShown: [String] = []
        if !(isSelf || isManager) { notShown += ["one_on_ones", "self_assessment", "wellbeing"] }
        if !(isSelf || viewer.role == .hr) { notShown.append("training_feedback") }
        let timeline = try database.timeline(viewer: viewer.name, subject: subject.name)
            .filter { $0.kind == "session" }.sorted { $0.date < $1.date }
        let inPeriod = timeline.filter { $0.date >= start && $0.date < end }
        let (selfAssessment, wellbeing) = try scoreLines(subject: subject)
        let quizzes = inPeriod.filter { $0.sessionKind == SurveyKind.quiz.rawValue }.map(quizLine)
        let reviews = try writtenReviews(timeline.filter { $0.sessionKind == SurveyKind.review.rawValue }, subject: subject)
        return ReviewDocument(
            person: subject.name, team: summary.team, manager: summary.manager, viewer: viewer.name,
            period: period.description, from: firstDay, to: lastDay, ended: ended, notShown: notShown,
            kpis: try kpiLines(subject: subject),
            oneOnOnes: isSelf || isManager ? try oneOnOnes(subject: subject, sessions: inPeriod) : nil,
            selfAssessment: isSelf || isManager ? selfAssessment : [],
            wellbeing: isSelf || isManager ? wellbeing : [],
            quizzes: quizzes, quizGains: gains(timeline: timeline),
            trainingFeedback: inPeriod.filter { $0.sessionKind == SurveyKind.feedback.rawValue }.map { entry in
                ReviewDocument.FeedbackLine(session: entry.sessionID ?? 0, survey: entry.survey ?? "",
                                            date: DateAnswer.iso(entry.date, calendar: calendar),
                                            reaction: entry.scores.first { $0.score == "reaction" }?.value ?? nil)
            },
            managerReview: reviews.manager, ownComments: reviews.own,
            recognition: try database.recognitions(since: start, until: end, involving: subject.name)
                .filter { $0.receiver.caseInsensitiveCompare(subject.name) == .orderedSame }
                .map { ReviewDocument.RecognitionLine(giver: $0.giver, date: DateAnswer.iso($0.givenAt, calendar: calendar),
                                                      value: $0.value, text: $0.text) })
    }

    // MARK: - KPIs

    /// Each KPI with a target in a month of the period up to now: the months, and the period by
    /// the KPI's rule (Σ actual ÷ Σ target for currency and count, the mean of the months'
    /// attainments for percent and score; a month without an actual is left out of both).
    private func kpiLines(subject: Person) throws -> [ReviewDocument.KPILine] {
        let database = try context.database()
        let months = Set(period.months.filter { $0 <= Period(containing: now, calendar: calendar) }.map(\.description))
        let goals = try database.goals(for: subject.name, viewer: viewer.name).filter { months.contains($0.period) }
        guard let subjectID = subject.id, !goals.isEmpty else { return [] }
        let definitions = try KPIs.definitions(in: context)
        var actuals: [String: [String: Double]] = [:]
        for month in Set(goals.map(\.period)) {
            if let parsed = Period(month) { actuals[month] = try database.kpiActuals(personID: subjectID, period: parsed) }
        }
        var order: [String] = []
        for goal in goals.sorted(by: { $0.kpi < $1.kpi }) where !order.contains(goal.kpi) { order.append(goal.kpi) }
        return order.map { kpi in
            let definition = definitions.first { $0.id == kpi }
            let higherIs = definition?.higherIs ?? .better
            let rows = goals.filter { $0.kpi == kpi }.sorted { $0.period < $1.period }.map { goal in
                let actual = actuals[goal.period]?[kpi]
                return ReviewDocument.KPILine.Month(
                    month: goal.period, target: goal.target, actual: actual,
                    attainment: actual.flatMap { KPIReview.attainment(actual: $0, target: goal.target, higherIs: higherIs) })
            }
            let measured = rows.filter { $0.actual != nil }
            let byMean = [.percent, .score].contains(definition?.effectiveKind)
            let target = measured.isEmpty ? nil : measured.map(\.target).reduce(0, +)
            let actual = measured.isEmpty ? nil : measured.compactMap(\.actual).reduce(0, +)
            let attainment: Double? = byMean
                ? TrendStatistics.mean(measured.compactMap(\.attainment))
                : target.flatMap { total in actual.flatMap { KPIReview.attainment(actual: $0, target: total, higherIs: higherIs) } }
            return ReviewDocument.KPILine(
                kpi: kpi, label: definition?.label ?? kpi, unit: definition?.unit, kind: definition?.effectiveKind?.rawValue,
                lowerIsBetter: higherIs == .worse, months: rows,
                target: byMean ? TrendStatistics.mean(measured.map(\.target)) : target,
                actual: byMean ? TrendStatistics.mean(measured.compactMap(\.actual)) : actual,
                attainment: attainment, rule: byMean ? "mean" : "total")
        }
    }

    // MARK: - One-on-ones and action items

    private func oneOnOnes(subject: Person, sessions: [TimelineEntry]) throws -> ReviewDocument.OneOnOnes {
        let cadence = context.catalog().surveys[OneOnOneCommand.template]?.cadence
        let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: start),
                                           to: calendar.startOfDay(for: end.addingTimeInterval(ended ? 0 : 86_400))).day ?? 0
        let items = try context.database().actionItems(viewer: viewer.name, subject: subject.name, openOnly: false)
        let inPeriod = { (day: String) in day >= firstDay && day <= lastDay }
        let closedInPeriod = items.filter { $0.closed.map(inPeriod) ?? false }
        let ages = closedInPeriod.compactMap { item -> Double? in
            guard let created = DateAnswer.isoDate(item.created, calendar: calendar),
                  let closed = item.closed.flatMap({ DateAnswer.isoDate($0, calendar: calendar) }) else { return nil }
            return Double(calendar.dateComponents([.day], from: created, to: closed).day ?? 0)
        }
        return ReviewDocument.OneOnOnes(
            cadence: cadence?.rawValue, due: cadence?.days.map { days / $0 },
            held: sessions.filter { $0.sessionKind == SurveyKind.oneOnOne.rawValue }.count,
            actionsCreated: items.filter { inPeriod($0.created) }.count,
            actionsDone: closedInPeriod.filter { $0.status == "done" }.count,
            actionsDropped: closedInPeriod.filter { $0.status == "dropped" }.count,
            actionsOpenAtEnd: items.filter { $0.created <= lastDay && ($0.closed.map { $0 > lastDay } ?? true) }.count,
            medianDaysToClose: Self.median(ages))
    }

    static func median(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    // MARK: - Scores over the period

    /// Self-assessment and wellbeing scores in the period, as `trends` reads them for the viewer,
    /// with the change and reliable change from the period's first value to its latest.
    private func scoreLines(subject: Person) throws -> (selfAssessment: [ReviewDocument.ScoreLine], wellbeing: [ReviewDocument.ScoreLine]) {
        var builder = TrendBuilder(context: context, now: end, weeks: 1)
        builder.calendar = calendar
        builder.since = start
        builder.until = end
        let rows = try builder.personRows(viewer: viewer.name, subject: subject.name, scoreFilter: nil)
        let kind = { (survey: String) in context.catalog().surveys[survey]?.kind }
        let lines = { (wanted: SurveyKind) in
            rows.filter { kind($0.survey) == wanted }.map { row in
                let change = row.periodChange
                return ReviewDocument.ScoreLine(
                    survey: row.survey, score: row.score, label: row.label, n: row.n, first: row.points.first?.value,
                    latest: row.summary.latest, change: change?.delta ?? (row.n == 1 ? 0 : nil), mean: row.summary.mean,
                    slopePerWeek: row.summary.slopePerWeek, band: row.summary.band?.label,
                    reliableChange: (change?.reliableChange ?? .none).rawValue)
            }
        }
        return (lines(.selfAssessment), lines(.checkIn))
    }

    // MARK: - Quizzes

    private func quizLine(_ entry: TimelineEntry) -> ReviewDocument.QuizLine {
        let value = { (id: String) in entry.scores.first { $0.score == id }?.value ?? nil }
        let quiz = entry.survey ?? ""
        return ReviewDocument.QuizLine(session: entry.sessionID ?? 0, quiz: quiz, title: context.catalog().surveys[quiz]?.title ?? quiz,
                                       date: DateAnswer.iso(entry.date, calendar: calendar), phase: entry.phase,
                                       percent: value("percent"), passed: value("passed").map { $0 >= 1 })
    }

    /// For each quiz with a post-training attempt in the period: the first pre-training attempt
    /// (whenever taken) against the period's last post attempt (`TrainingGain`).
    private func gains(timeline: [TimelineEntry]) -> [ReviewDocument.QuizGain] {
        let quizzes = timeline.filter { $0.sessionKind == SurveyKind.quiz.rawValue }
        let percent = { (entry: TimelineEntry) in entry.scores.first { $0.score == "percent" }?.value ?? nil }
        var gains: [ReviewDocument.QuizGain] = []
        for quiz in Set(quizzes.compactMap(\.survey)).sorted() {
            let attempts = quizzes.filter { $0.survey == quiz }
            guard let pre = attempts.first(where: { $0.phase == SessionPhase.pre.rawValue }).flatMap(percent),
                  let post = attempts.last(where: { $0.phase == SessionPhase.post.rawValue && $0.date >= start && $0.date < end })
                    .flatMap(percent) else { continue }
            gains.append(.init(quiz: quiz, pre: pre, post: post, gain: TrainingGain.gain(pre: pre, post: post)))
        }
        return gains
    }

    // MARK: - Written reviews

    /// The latest review session for the period (its period key inside the period) written by
    /// someone else (the manager's assessment) and by the person themselves (their comments).
    private func writtenReviews(_ entries: [TimelineEntry], subject: Person) throws
        -> (manager: ReviewDocument.WrittenReview?, own: ReviewDocument.WrittenReview?) {
        let database = try context.database()
        var manager: ReviewDocument.WrittenReview?, own: ReviewDocument.WrittenReview?
        for entry in entries {
            guard let id = entry.sessionID, let session = try database.session(id: id), let key = session.periodKey,
                  period.covers(key), let record = try ShowCommand.record(id, viewer: viewer, context: context) else { continue }
            let written = ReviewDocument.WrittenReview(
                session: id, survey: record.row.survey, author: record.row.author,
                date: DateAnswer.iso(entry.date, calendar: calendar), reviewPeriod: key,
                answers: record.items.map { item in
                    let display: String = switch item.body {
                    case let .text(lines): lines.joined(separator: "\n")
                    case let .list(entries): entries.joined(separator: "\n")
                    case let .table(_, rows): rows.map { $0.joined(separator: " ") }.joined(separator: "\n")
                    }
                    var value: Double?
                    if case let .number(number)? = item.value { value = number }
                    if case let .choice(choice)? = item.value { value = choice.number }
                    return .init(question: item.questionID, text: item.question, display: display, value: value)
                })
            if session.authorID == subject.id { own = written } else { manager = written }
        }
        return (manager, own)
    }
}
