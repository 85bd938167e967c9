import ArgumentParser
import CoachCore
import CoachSessions
import CoachStore
import Foundation

/// `due`
struct DueCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "What is due for you: paused sessions, check-ins, one-on-ones, assignments, action items this week, "
            + "customer complaints past the response time.",
        discussion: """
        Also shown when the shell starts. A customer complaint you may see ('feedback') is listed
        once it has been open longer than the organisation's response time ('org show').

        JSON: {"paused", "check_ins", "one_on_ones", "assignments", "actions", "complaints"};
        each complaint as 'feedback --json' prints it, with "days_open".

        Example:
          due
          due --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let list = DueList(context: context, user: user, now: context.clock.now())
        if json {
            context.console.line(try JSONOutput.encode(try list.document()))
            return
        }
        let lines = try list.lines()
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

    func items() throws -> DueItems {
        try DueItems(for: user, surveys: context.catalog().sorted, oneOnOneTemplate: context.catalog().surveys[OneOnOneCommand.template],
                     database: context.database(), now: now, calendar: calendar)
    }

    func lines() throws -> [String] {
        let due = try items()
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
        let today = DateAnswer.iso(now, calendar: calendar)
        for complaint in due.complaints {
            let days = complaint.daysOpen(today: today, calendar: calendar)
            lines.append(SafeText.escaped("Complaint from \(complaint.from), \(days) day\(days == 1 ? "" : "s") open: "
                                          + "\(complaint.text); 'feedback act \(complaint.id)'", keepingNewlines: false))
        }
        return lines
    }

    /// What `due --json` prints.
    func document() throws -> DueDocument {
        let due = try items()
        let today = DateAnswer.iso(now, calendar: calendar)
        return DueDocument(
            paused: due.open.map { .init(session: $0.id ?? 0, survey: $0.surveyID, since: DateAnswer.iso($0.updatedAt, calendar: calendar)) },
            checkIns: due.checkIns.map(\.id),
            oneOnOnes: due.oneOnOnes.map {
                .init(rep: $0.rep, last: $0.last.map { DateAnswer.iso($0, calendar: calendar) }, overdue: $0.overdue)
            },
            assignments: due.assigned.map { .init(survey: $0.surveyID, phase: $0.phase, due: $0.due, overdue: $0.overdue) },
            actions: due.actions.map { .init(id: $0.item.id, text: $0.item.text, due: $0.item.due, late: $0.late) },
            complaints: due.complaints.map { .init(feedback: $0, daysOpen: $0.daysOpen(today: today, calendar: calendar)) })
    }
}

/// `due --json`.
struct DueDocument: Encodable {
    struct Paused: Encodable { let session: Int64; let survey: String; let since: String }
    struct Meeting: Encodable { let rep: String; let last: String?; let overdue: Bool }
    struct Assignment: Encodable { let survey: String; let phase: String?; let due: String; let overdue: Bool }
    struct Action: Encodable { let id: Int64; let text: String; let due: String?; let late: Bool }
    struct Complaint: Encodable {
        let feedback: CustomerFeedback
        let daysOpen: Int

        enum CodingKeys: String, CodingKey { case daysOpen = "days_open" }

        func encode(to encoder: any Encoder) throws {
            try feedback.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(daysOpen, forKey: .daysOpen)
        }
    }

    let paused: [Paused]
    let checkIns: [String]
    let oneOnOnes: [Meeting]
    let assignments: [Assignment]
    let actions: [Action]
    let complaints: [Complaint]

    enum CodingKeys: String, CodingKey {
        case paused, assignments, actions, complaints
        case checkIns = "check_ins"
        case oneOnOnes = "one_on_ones"
    }
}
