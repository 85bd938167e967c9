import ArgumentParser
import CoachCore
import CoachSessions
import CoachStore
import Foundation

/// `assignments [--json]`
struct AssignmentsCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "assignments",
        abstract: "What was assigned to you, and who has done what you assigned.",
        discussion: """
        For each assignment you made: who has done it, who has not, who is overdue. Never anyone's
        answers or scores. For a wellbeing check-in, a team where fewer people were assigned than the
        organisation's minimum group ('org show') shows only a count ("1 of 2 done"), never names.
        The number is what 'unassign' takes.

        Example:
          assignments
          assignments --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let database = try context.database()
        let minimum = try database.orgSettings().effectiveMinGroup(requested: context.config.minGroup)
        let listing = try AssignmentListing.read(for: user.name, context: context)
        if json {
            context.console.line(try JSONOutput.encode(listing))
            return
        }
        var lines: [String] = []
        if !listing.assignedToMe.isEmpty || user.role == .rep {
            if listing.assignedToMe.isEmpty {
                lines.append("Nothing is assigned to you.")
            } else {
                lines.append(context.console.styled("Assigned to you:", .bold))
                var table = Table("ID", "SURVEY", "PHASE", "FROM", "DUE", "STATUS")
                for item in listing.assignedToMe {
                    table.add(["#\(item.id)", item.survey, item.phase ?? "-", item.from, item.due, item.status])
                }
                lines.append(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
            }
        }
        if user.role != .rep {
            if !lines.isEmpty { lines.append("") }
            if listing.assignedByMe.isEmpty {
                lines.append("You have assigned nothing; 'assign SURVEY --team TEAM --due DATE' assigns a survey.")
            } else {
                lines.append(context.console.styled("Assigned by you:", .bold))
                for entry in listing.assignedByMe { lines += Self.lines(entry, minimum: minimum) }
            }
        }
        context.console.line(lines.joined(separator: "\n"))
    }

    /// One assignment you made: its heading, then who has done it and who has not.
    static func lines(_ entry: AssignmentListing.Entry, minimum: Int) -> [String] {
        let phase = entry.phase.map { " (\($0))" } ?? ""
        var lines = ["#\(entry.id)  \(entry.survey)\(phase) to \(entry.to), due \(entry.due), assigned \(entry.assigned)"
            + (entry.wellbeing ? " (wellbeing: done or not, nothing more)" : "")]
        let named = !entry.done.isEmpty || !entry.notDone.isEmpty
        if named || entry.counts.isEmpty {
            lines.append("    done: " + (entry.done.isEmpty ? "nobody yet" : entry.done.joined(separator: ", ")))
            let notDone = entry.notDone.map { entry.overdue.contains($0) ? "\($0) (overdue)" : $0 }
            lines.append("    not done: " + (notDone.isEmpty ? "nobody" : notDone.joined(separator: ", ")))
        }
        for count in entry.counts {
            lines.append("    \(count.team.map { "team \($0)" } ?? "no team"): \(count.done) of \(count.assigned) done"
                         + " (fewer than \(minimum) assigned there: a count, no names)")
        }
        return lines.map { SafeText.escaped($0, keepingNewlines: false) }
    }
}

/// `assignments` as data: what was assigned to the viewer, and each assignment they made with
/// who has done it, built from the rows the store lets the viewer see.
struct AssignmentListing: Encodable {
    /// What `viewer` may see of assignments, as the store gives it (`assignmentRows`).
    static func read(for viewer: String, context: CommandContext) throws -> AssignmentListing {
        let rows = try context.database().assignmentRows(viewer: viewer, minGroup: context.config.minGroup)
        return AssignmentListing(rows: rows, viewer: viewer, today: DateAnswer.iso(context.clock.now()),
                                 titles: try context.catalog().surveys.mapValues(\.title))
    }

    /// An assignment to the viewer.
    struct ToMe: Encodable {
        let id: Int64
        let survey: String
        let title: String?
        let phase: String?
        let from: String
        let due: String
        let assigned: String
        /// `done`, `open` or `overdue`.
        let status: String

        enum CodingKeys: String, CodingKey { case id, survey, title, phase, from, due, assigned, status }

        /// `title` and `phase` are written as null when there is none, never left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(survey, forKey: .survey)
            try container.encode(title, forKey: .title)
            try container.encode(phase, forKey: .phase)
            try container.encode(from, forKey: .from)
            try container.encode(due, forKey: .due)
            try container.encode(assigned, forKey: .assigned)
            try container.encode(status, forKey: .status)
        }
    }

    /// An assignment the viewer made.
    struct Entry: Encodable {
        let id: Int64
        let survey: String
        let title: String?
        let kind: String
        let phase: String?
        /// How it was addressed: `Ana`, `team North`, `everyone`.
        let to: String
        let due: String
        let assigned: String
        let wellbeing: Bool
        let done: [String]
        let notDone: [String]
        /// Those of `notDone` past the due date.
        let overdue: [String]
        /// Teams told only as counts (a wellbeing check-in's groups below the minimum group).
        let counts: [TeamCount]

        enum CodingKeys: String, CodingKey {
            case id, survey, title, kind, phase, to, due, assigned, wellbeing, done, overdue, counts
            case notDone = "not_done"
        }

        /// `title` and `phase` are written as null when there is none, never left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(survey, forKey: .survey)
            try container.encode(title, forKey: .title)
            try container.encode(kind, forKey: .kind)
            try container.encode(phase, forKey: .phase)
            try container.encode(to, forKey: .to)
            try container.encode(due, forKey: .due)
            try container.encode(assigned, forKey: .assigned)
            try container.encode(wellbeing, forKey: .wellbeing)
            try container.encode(done, forKey: .done)
            try container.encode(notDone, forKey: .notDone)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(counts, forKey: .counts)
        }
    }

    struct TeamCount: Encodable {
        let team: String?
        let done: Int
        let assigned: Int

        enum CodingKeys: String, CodingKey { case team, done, assigned }

        /// `team` is written as null for people in no team, never left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(team, forKey: .team)
            try container.encode(done, forKey: .done)
            try container.encode(assigned, forKey: .assigned)
        }
    }

    let assignedToMe: [ToMe]
    let assignedByMe: [Entry]

    enum CodingKeys: String, CodingKey {
        case assignedToMe = "assigned_to_me"
        case assignedByMe = "assigned_by_me"
    }

    init(rows: [AssignmentRow], viewer: String, today: String, titles: [String: String]) {
        assignedToMe = rows.filter { $0.person == viewer }.compactMap { row in
            row.id.map { id in
                ToMe(id: id, survey: row.surveyID, title: titles[row.surveyID], phase: row.phase, from: row.assignedBy,
                     due: row.due, assigned: DateAnswer.iso(row.assignedAt),
                     status: row.done ? "done" : row.due < today ? "overdue" : "open")
            }
        }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        let mine = Dictionary(grouping: rows.filter { $0.assignedBy == viewer }, by: \.entry)
        assignedByMe = mine.keys.sorted().compactMap { key in
            guard let group = mine[key], let first = group.first else { return nil }
            let named = group.filter { $0.person != nil }
            let done = named.filter(\.done).compactMap(\.person).sorted()
            let notDone = named.filter { !$0.done }.compactMap(\.person).sorted()
            let hidden = Dictionary(grouping: group.filter { $0.person == nil }) { $0.team ?? "" }
            let counts = hidden.keys.sorted().map { team in
                TeamCount(team: team.isEmpty ? nil : team, done: hidden[team]?.filter(\.done).count ?? 0,
                          assigned: hidden[team]?.count ?? 0)
            }
            return Entry(id: key, survey: first.surveyID, title: titles[first.surveyID], kind: first.kind, phase: first.phase,
                         to: first.addressed, due: first.due, assigned: DateAnswer.iso(group.map(\.assignedAt).min() ?? first.assignedAt),
                         wellbeing: first.kind == SurveyKind.checkIn.rawValue, done: done, notDone: notDone,
                         overdue: first.due < today ? notDone : [], counts: counts)
        }
    }
}

/// The line `due` and the shell's greeting show for an assignment not done yet.
enum AssignedLine {
    static func text(_ item: DueItems.Assigned, title: String?) -> String {
        let phase = item.phase.map { " (\($0))" } ?? ""
        let command: String
        switch SurveyKind(rawValue: item.kind) {
        case .quiz?: command = "quiz \(item.surveyID)" + (item.phase.map { " --phase \($0)" } ?? "")
        case .checkIn?, .selfAssessment?: command = "checkin \(item.surveyID)"
        default: command = "run \(item.surveyID)"
        }
        return "Assigned: \(title ?? item.surveyID)\(phase) from \(item.from.joined(separator: " and ")), due \(item.due)"
            + (item.overdue ? " (overdue)" : "") + ": '\(command)'"
    }
}
