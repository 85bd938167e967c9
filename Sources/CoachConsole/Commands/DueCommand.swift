import ArgumentParser
import CoachCore
import CoachSessions
import CoachStore
import Foundation

/// `due`
struct DueCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "What is due for you: paused sessions, check-ins, one-on-ones, assignments, action items this week.",
        discussion: "Also shown when the shell starts.\n\nExample:\n  due")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let lines = try DueList(context: context, user: user, now: context.clock.now()).lines()
        context.console.line(lines.isEmpty ? "Nothing is due." : lines.joined(separator: "\n"))
    }
}

/// The things due for one person (`DueItems`), as the lines `due` and the greeting print.
struct DueList {
    let context: CommandContext
    let user: Person
    let now: Date
    var calendar: Calendar = .current

    /// The check-in and self-assessment surveys for the user's role that are due by cadence.
    func dueCheckIns() throws -> [Survey] {
        try DueItems.checkIns(for: user, surveys: context.catalog().sorted, database: context.database(), now: now,
                              calendar: calendar)
    }

    func lines() throws -> [String] {
        let due = try DueItems(for: user, surveys: context.catalog().sorted,
                               oneOnOneTemplate: context.catalog().surveys[OneOnOneCommand.template],
                               database: context.database(), now: now, calendar: calendar)
        var lines: [String] = []
        for (index, session) in due.open.enumerated() {
            let title = context.catalog().surveys[session.surveyID]?.title ?? session.surveyID
            let about = session.subjectID == session.authorID ? ""
                : " with " + ((try context.database().person(id: session.subjectID)?.name) ?? "someone")
            let since = DateAnswer.iso(session.updatedAt, calendar: calendar)
            lines.append("Paused: \(title)\(about) (session #\(session.id ?? 0), since \(since))"
                         + (index == 0 ? ": 'resume' continues it" : ": 'resume \(session.id ?? 0)'"))
        }
        if !due.checkIns.isEmpty {
            lines.append("Check-ins due (type 'checkin'): " + due.checkIns.map { "\($0.title) (\($0.cadence?.rawValue ?? ""))" }
                .joined(separator: ", "))
        }
        for meeting in due.oneOnOnes {
            let when = meeting.last.map { day in
                "last \(DateAnswer.iso(day, calendar: calendar)), \(meeting.daysSince ?? 0) days ago" + (meeting.overdue ? ", overdue" : "")
            } ?? "none yet"
            lines.append("One-on-one with \(meeting.rep) due (\(when)): one-on-one \(ShellWords.quoted(meeting.rep))")
        }
        for item in due.assigned {
            lines.append(AssignedLine.text(item, title: context.catalog().surveys[item.surveyID]?.title))
        }
        for action in due.actions {
            lines.append("Action #\(action.item.id) due \(action.item.due ?? "")\(action.late ? " (late)" : ""): \(action.item.text)")
        }
        return lines
    }
}
