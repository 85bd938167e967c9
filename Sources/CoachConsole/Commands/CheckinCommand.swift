import ArgumentParser
import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// `checkin [SURVEY]`
struct CheckinCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin",
        abstract: "Your due check-ins, one after the other (or one by name), then your own trend.",
        discussion: """
        Runs every check-in and self-assessment for your role that is due by its cadence (by default
        the weekly self-assessment and WHO-5 weekly, the burnout inventory monthly). A check-in
        already done this period can be amended: the new one replaces it in trends, both are kept.
        Your wellbeing answers are yours; your manager sees your band and trend only if you share.
        'checkin SURVEY --on DATE' records one done earlier (on paper), for that day's period: it
        counts in that week or month, and amends one already done then, as it would have.

        Example:
          checkin
          checkin who-5
          checkin who-5 --on 2026-11-24
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "One check-in survey to run now (default: all that are due).", completion: .coach(.survey)) var survey: String?
    @Option(name: .customLong("on"), help: HeldOn.help) var heldOn: String?

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let day = try HeldOn.day(heldOn, context: context)
        if day != nil, survey == nil {
            throw CoachError.invalidValue(option: "--on", reason: "name the check-in it records, e.g. 'checkin who-5 --on \(heldOn ?? "")'")
        }
        let runner = SessionRunner(context: context)
        var plan: [(survey: Survey, supersedes: Int64?)] = []
        if let survey {
            let chosen = try runner.survey(id: survey)
            guard [.checkIn, .selfAssessment].contains(chosen.kind) else {
                throw CoachError.notACheckIn(chosen.id, kind: chosen.kind.rawValue)
            }
            guard let step = try amendOrRun(chosen, user: user, at: HeldOn.time(of: day, context: context),
                                            backfill: day != nil, context: context) else { return }
            plan.append(step)
        } else {
            let due = try DueList(context: context, user: user, now: context.clock.now()).dueCheckIns()
                .sorted { order($0) < order($1) }
            if due.isEmpty {
                context.console.line("No check-in is due. 'checkin SURVEY' amends one you did this period.")
                return
            }
            plan = due.map { ($0, nil) }
        }
        var completed: [Survey] = []
        for step in plan {
            if step.survey.kind == .checkIn { try askSharingOnce(user: user, context: context) }
            guard try runner.start(surveyID: step.survey.id, for: nil, supersedes: step.supersedes, heldOn: day) != nil else { return }
            completed.append(step.survey)
            context.console.line("")
        }
        try OwnTrend.show(surveys: completed, user: user, context: context)
    }

    /// Self-assessment first, then the more frequent check-ins: weekly WHO-5 before monthly CBI.
    private func order(_ survey: Survey) -> (Int, Int, String) {
        (survey.kind == .selfAssessment ? 0 : 1, survey.cadence?.days ?? 999, survey.id)
    }

    /// For a check-in done in the period of `time` already (this period, or a back-filled day's):
    /// asks whether to amend it (nil: leave it).
    private func amendOrRun(_ survey: Survey, user: Person, at time: Date, backfill: Bool,
                            context: CommandContext) throws -> (survey: Survey, supersedes: Int64?)? {
        guard let cadence = survey.cadence, let last = try doneInPeriod(survey, cadence: cadence, user: user, at: time,
                                                                       backfill: backfill, context: context)
        else { return (survey, nil) }
        let day = DateAnswer.iso(last.completed)
        let period = backfill ? "that \(cadence.periodName)" : "this \(cadence.periodName)"
        guard Confirm.ask("You did \(survey.title) on \(day), \(period). Amend it? [y/N] ", context: context) else {
            context.console.line("Kept the one from \(day).")
            return nil
        }
        return (survey, last.id)
    }

    /// The session of `survey` already done in the period of `time`: the latest one while live;
    /// for a back-filled day, the newest completed in that day's period.
    private func doneInPeriod(_ survey: Survey, cadence: Cadence, user: Person, at time: Date, backfill: Bool,
                              context: CommandContext) throws -> (id: Int64, completed: Date)? {
        guard backfill else {
            guard let last = try context.database().latestOwnSession(of: user.name, surveyID: survey.id),
                  !cadence.isDue(lastCompleted: last.completed, now: time) else { return nil }
            return last
        }
        let period = cadence.periodKey(for: time)
        return try context.database().timeline(viewer: user.name, subject: user.name)
            .first { $0.survey == survey.id && $0.sessionID != nil && cadence.periodKey(for: $0.date) == period }
            .flatMap { entry in entry.sessionID.map { (id: $0, completed: entry.date) } }
    }

    /// The first wellbeing check-in asks whether the manager may see the band and trend.
    private func askSharingOnce(user: Person, context: CommandContext) throws {
        guard let fresh = try context.database().person(named: user.name), fresh.shareWellbeing == nil else { return }
        let manager = try context.database().personSummary(named: user.name).manager ?? "your manager"
        let share = Confirm.ask("""
            Your wellbeing answers stay private. May \(manager) see your wellbeing band and trend \
            (never your answers)? You can change this any time with 'share wellbeing on|off'. [y/N] 
            """, context: context)
        try context.database().setShareWellbeing(share, for: user.name, at: context.clock.now())
        context.console.line(share ? "\(manager) will see your wellbeing band and trend." : "Kept to yourself.")
    }
}

extension Cadence {
    /// "week", "fortnight", "month".
    var periodName: String {
        switch self {
        case .weekly: return "week"
        case .fortnightly: return "fortnight"
        case .monthly: return "month"
        case .once: return "time"
        }
    }
}

/// A yes/no question outside a survey; anything but y/yes is no (and the end of input is no).
enum Confirm {
    static func ask(_ prompt: String, context: CommandContext) -> Bool {
        guard let reader = context.reader else { return false }
        switch reader.readLine(prompt: prompt) {
        case let .line(text): return ["y", "yes"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
        case .interrupted, .endOfInput: return false
        }
    }
}

/// After a check-in: the person's own trend over 12 weeks, against their own history only.
enum OwnTrend {
    static func show(surveys: [Survey], user: Person, context: CommandContext) throws {
        guard !surveys.isEmpty else { return }
        var builder = TrendBuilder(context: context, now: context.clock.now(), weeks: 12)
        let ids = Set(surveys.map(\.id))
        let rows = try builder.personRows(viewer: user.name, subject: user.name, scoreFilter: nil).filter { ids.contains($0.survey) }
        guard !rows.isEmpty else { return }
        context.console.line(context.console.styled("Your last 12 weeks", .bold))
        context.console.line(TrendTable.render(rows, weeks: 12, console: context.console))
    }
}
