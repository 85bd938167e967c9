import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `due`
struct DueCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "What is due for you: check-ins, one-on-ones, action items this week.",
        discussion: "Also shown when the shell starts.\n\nExample:\n  due")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let lines = try DueList(context: context, user: user, now: context.clock.now()).lines()
        context.console.line(lines.isEmpty ? "Nothing is due." : lines.joined(separator: "\n"))
    }
}

/// The things due for one person, as lines.
struct DueList {
    let context: CommandContext
    let user: Person
    let now: Date
    var calendar: Calendar = .current

    /// The check-in and self-assessment surveys for the user's role that are due by cadence.
    func dueCheckIns() throws -> [Survey] {
        let last = try context.database().lastCompletions(of: user.name)
        return context.catalog().sorted.filter { survey in
            guard survey.audience == user.role, [.checkIn, .selfAssessment].contains(survey.kind),
                  let cadence = survey.cadence else { return false }
            return cadence.isDue(lastCompleted: last[survey.id], now: now, calendar: calendar)
        }
    }

    func lines() throws -> [String] {
        var lines: [String] = []
        let checkIns = try dueCheckIns()
        if !checkIns.isEmpty {
            lines.append("Check-ins due (type 'checkin'): " + checkIns.map { "\($0.title) (\($0.cadence?.rawValue ?? ""))" }
                .joined(separator: ", "))
        }
        if user.role == .manager, let template = context.catalog().surveys["one-on-one"] {
            let cadence = template.cadence ?? .weekly
            for (rep, last) in try context.database().lastOneOnOnes(managerName: user.name)
            where cadence.isDue(lastCompleted: last, now: now, calendar: calendar) {
                let when = last.map { day in
                    let days = calendar.dateComponents([.day], from: calendar.startOfDay(for: day), to: calendar.startOfDay(for: now)).day ?? 0
                    let overdue = cadence.days.map { days > $0 } ?? false
                    return "last \(DateAnswer.iso(day, calendar: calendar)), \(days) days ago" + (overdue ? ", overdue" : "")
                } ?? "none yet"
                lines.append("One-on-one with \(rep) due (\(when)): one-on-one \(rep)")
            }
        }
        let endOfWeek = DateAnswer.iso(endOfISOWeek(), calendar: calendar)
        let items = try context.database().actionItems(viewer: user.name, subject: nil, openOnly: true)
            .filter { $0.owner == user.name && ($0.due ?? "9999") <= endOfWeek }
        for item in items {
            let late = (item.due ?? "") < DateAnswer.iso(now, calendar: calendar) ? " (late)" : ""
            lines.append("Action #\(item.id) due \(item.due ?? "")\(late): \(item.text)")
        }
        return lines
    }

    private func endOfISOWeek() -> Date {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = calendar.timeZone
        let start = iso.dateInterval(of: .weekOfYear, for: now)?.start ?? now
        return iso.date(byAdding: .day, value: 6, to: start) ?? now
    }
}
