import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// What a manager sees before the first question of a one-on-one: the rep, the last meeting and
/// whether this one is overdue, open action items, the rep's agenda, recent self-assessment and
/// quiz results, the thanks they received, goals with attainment, and wellbeing only where the
/// rep shares it.
struct MeetingHeader {
    let context: CommandContext
    let manager: Person
    let rep: Person
    let template: Survey
    let now: Date
    var calendar: Calendar = .current

    func lines() throws -> [String] {
        let database = try context.database()
        let console = context.console
        guard let repID = rep.id else { return [] }
        let summary = try database.personSummary(named: rep.name)
        var lines = [console.styled("One-on-one with \(rep.name)", .bold) + (summary.team.map { " — team \($0)" } ?? "")]

        let last = try database.lastOneOnOnes(managerName: manager.name).first { $0.rep == rep.name }?.last ?? nil
        if let last {
            let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: last), to: calendar.startOfDay(for: now)).day ?? 0
            // A meeting back-filled to an earlier day may come before the last one recorded.
            let when = days >= 0 ? "\(days) day\(days == 1 ? "" : "s") ago" : "\(-days) day\(days == -1 ? "" : "s") after this one"
            var line = "Last one-on-one: \(DateAnswer.iso(last, calendar: calendar)) (\(when))"
            if let cadence = template.cadence, let length = cadence.days, days > length {
                line += " — " + console.styled("overdue (\(cadence.rawValue))", .yellow)
            }
            lines.append(line)
            lines += try agreedLastTime()
        } else {
            lines.append("Last one-on-one: none yet")
        }

        // As on the meeting's day (a back-filled one's): nothing added since.
        let day = DateAnswer.iso(now, calendar: calendar)
        let actions = try database.openActionItems(subjectID: repID).filter { $0.created <= day }
        lines.append(actions.isEmpty ? "Open action items: none" : "Open action items:")
        for item in actions {
            let age = DateAnswer.isoDate(item.created, calendar: calendar).map {
                calendar.dateComponents([.day], from: $0, to: calendar.startOfDay(for: now)).day ?? 0
            } ?? 0
            var line = "  #\(item.id) \(item.text) — \(item.owner)" + (item.due.map { ", due \($0)" } ?? "") + ", \(age) days old"
            if item.carried > 0 { line += ", carried \(item.carried)×" }
            lines.append(item.carried >= 3 ? console.styled(line + "  ‼", .yellow) : line)
        }

        let agenda = try database.openAgendaItems(personID: repID, on: day).filter { $0.created <= day }
        lines.append(agenda.isEmpty ? "\(rep.name)'s agenda: nothing added" : "\(rep.name)'s agenda:")
        lines += agenda.map { "  • \($0.text) (added \($0.created))" }

        var builder = TrendBuilder(context: context, now: now, weeks: 12)
        let rows = try builder.personRows(viewer: manager.name, subject: rep.name, scoreFilter: nil)
        let selfAssessment = rows.filter { $0.survey == "weekly-self-assessment" || surveyKind($0.survey) == .selfAssessment }
        if !selfAssessment.isEmpty {
            lines.append("Latest self-assessment (change since the previous one):")
            lines += selfAssessment.map { row in "  \(row.label): \(describe(row))" }
        }
        let since = last ?? .distantPast
        let quizzes = try database.scorePoints(viewer: manager.name, subject: rep.name, since: since)
            .filter { $0.scoreID == "percent" && surveyKind($0.surveyID) == .quiz }
        if !quizzes.isEmpty {
            lines.append("Quizzes since the last meeting: " + quizzes.map {
                "\(context.catalog().surveys[$0.surveyID]?.title ?? $0.surveyID) \(ScoreFormat.display($0.value))%"
            }.joined(separator: ", "))
        }
        lines += try recognitionLines(since: last)
        lines += try goalLines(repID: repID)
        let wellbeing = rows.filter { surveyKind($0.survey) == .checkIn }
        if !wellbeing.isEmpty {
            lines.append("Wellbeing (shared by \(rep.name)): " + wellbeing.map { row in
                "\(row.label) \(row.summary.band?.label ?? "-")" + (row.summary.reliableChange == .none ? "" : " (\(row.summary.reliableChange.rawValue))")
            }.joined(separator: ", "))
        }
        return lines
    }

    /// What the last one-on-one about the rep agreed: its new action items and, from the
    /// meeting's own notes, the first lines of what both sides saw (never the private notes).
    private func agreedLastTime() throws -> [String] {
        let sessions = try context.database().timeline(viewer: manager.name, subject: rep.name)
        guard let last = sessions.first(where: { $0.sessionKind == SurveyKind.oneOnOne.rawValue }), let id = last.sessionID,
              let record = try ShowCommand.record(id, viewer: manager, context: context) else { return [] }
        var lines: [String] = []
        for item in record.items where !item.isPrivate {
            guard let question = record.survey?.question(id: item.questionID) else { continue }
            switch (question.type, item.body) {
            case let (.actions, .list(entries)) where !entries.isEmpty:
                lines.append("Agreed last time ('show \(id)' for the whole meeting):")
                lines += entries.map { "  • " + $0 }
            case let (.text, .text(text)) where question.multiline && !text.joined().isEmpty:
                let name = question.text.components(separatedBy: " (").first ?? question.text
                lines.append("\(name.trimmingCharacters(in: CharacterSet(charactersIn: ". "))) last time:")
                lines += text.prefix(3).map { "  " + $0 } + (text.count > 3 ? ["  …"] : [])
            default:
                continue
            }
        }
        return lines
    }

    /// The thanks the rep received since the last one-on-one (all of them before the first),
    /// up to the meeting's day: recognition is never private.
    private func recognitionLines(since last: Date?) throws -> [String] {
        let thanks = try context.database().recognitions(since: last, until: now, involving: rep.name)
            .filter { $0.receiver.caseInsensitiveCompare(rep.name) == .orderedSame }
        guard !thanks.isEmpty else { return [] }
        return ["Recognised since the last meeting:"] + thanks.map { thanks in
            SafeText.escaped("  • \(thanks.date) from \(thanks.giver)" + (thanks.value.map { " for \($0)" } ?? "") + ": \(thanks.text)",
                             keepingNewlines: false)
        }
    }

    private func goalLines(repID: Int64) throws -> [String] {
        let period = Period(containing: now, calendar: calendar)
        let goals = try context.database().goals(for: rep.name, viewer: nil).filter { $0.period == period.description }
        guard !goals.isEmpty else { return ["Goals for \(period): none set"] }
        return ["Goals for \(period):"] + (try GoalProgress.rows(goals, person: rep.name, context: context)).map { goal in
            let label = goal.definition?.label ?? goal.goal.kpi
            let show = { (value: Double) in goal.definition?.display(value) ?? formatNumber(value) }
            guard let actual = goal.actual else { return "  \(label): target \(show(goal.goal.target)), no actual yet" }
            let attainment = goal.attainment.map { " (\(ScoreFormat.display($0, decimals: 0))%)" } ?? ""
            return "  \(label): \(show(actual)) of \(show(goal.goal.target))\(attainment)"
        }
    }

    private func surveyKind(_ id: String) -> SurveyKind? { context.catalog().surveys[id]?.kind }

    private func describe(_ row: TrendRow) -> String {
        let summary = row.summary
        var text = summary.latest.map { ScoreFormat.display($0) } ?? "-"
        if let delta = summary.delta { text += " (\(delta > 0 ? "+" : "")\(ScoreFormat.display(delta)))" }
        switch summary.reliableChange {
        case .improved: text += " ▲ improved"
        case .worsened: text += " ▼ worsened"
        case .none: break
        }
        return text
    }
}
