import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `export [--json|--csv]`
struct ExportCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Everything you may see, as JSON (default) or CSV.",
        discussion: """
        The same privacy rules as every other command: a manager's private notes appear only in
        that manager's export; wellbeing answers only in the rep's own.

        JSON: {"exported_by", "people", "goals", "sessions": [{"id", "survey", "kind", "subject",
        "author", "started", "completed", "state", "phase", "backfilled", "scores", "answers"}],
        "action_items", "assignments", "recognition", "retros", "customer_feedback"}; "assignments" is what 'assignments --json' prints (to you,
        and by you: done or not, never answers); "recognition" is every thanks in the organisation
        ({"id", "giver", "receiver", "date", "given_at", "value", "text"}: never private); "retros" are the
        retros of your team or the team you run ({"id", "team", "manager", "opened", "closed", "stage",
        "votes_per_person", "items": [{"id", "list", "text", "author", "added_on", "topic"}], "topics":
        [{"number", "title", "votes"}], "actions"}; an anonymous item's author is null); "customer_feedback" is
        what 'feedback --json' prints, of any age. "backfilled" is when a session held earlier (--on) was recorded, else null;
        each answer is {"question", "type", "value", "is_private"} with value as real JSON (a
        number, string, bool, array, or a one-on-one's structured object).
        Each goal carries the month's "actual" (null until a one-on-one records one).
        CSV (RFC 4180): one row per score, answer, goal, goal actual, action item, assignment and thanks, with the columns
        record, session, survey, kind, subject, author, date, key, value, band; an answer's value
        is plain text (4, the text itself, true), choices and structured answers compact JSON. A
        back-filled session also has a "backfilled" row whose value is when it was recorded. A
        thanks is a "recognition" row: subject the receiver, author the giver, key the value. A retro
        is a "retro" row (kind its #id, subject the team, author its manager, key its stage), with
        "retro_item" rows (author empty when anonymous, date the day, key the list, band the topic),
        "retro_topic" rows (key the number, value the title, band the votes) and "retro_action" rows. A
        piece of customer feedback is a "feedback" row: kind its source, subject who it came from,
        date the day heard, key "#ID kind status" (and its action item), value the text.

        Example:
          export --csv > coach.csv
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "JSON (the default).") var json = false
    @Flag(help: "CSV, RFC 4180.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        var data = try context.database().exportData(viewer: user.name)
        data.goals = try Self.withActuals(data.goals, context: context)
        let assignments = try AssignmentListing.read(for: user.name, context: context)
        let recognition = try context.database().recognitions(since: nil, until: nil)
        let retros = try RetroExport.read(for: user.name, store: try context.database())
        let feedback = try context.database().customerFeedback(viewer: user.name, filter: FeedbackFilter())
        if csv {
            let rows = ExportCSV.rows(data) + ExportCSV.rows(assignments, viewer: user.name) + ExportCSV.rows(recognition)
                + ExportCSV.rows(retros) + ExportCSV.rows(feedback)
            context.console.write(try CSVOutput.render(header: ExportCSV.header, rows: rows))
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let document = ExportDocument(data: data, assignments: assignments, recognition: recognition, retros: retros,
                                      customerFeedback: feedback)
        context.console.line(String(decoding: try encoder.encode(document), as: UTF8.self))
    }
}

/// The export's JSON: the store's records, the assignments as `assignments --json` lists them,
/// and every thanks (everyone may read them).
private struct ExportDocument: Encodable {
    let data: ExportData
    let assignments: AssignmentListing
    let recognition: [Recognition]
    let retros: [RetroExport]
    let customerFeedback: [CustomerFeedback]

    enum CodingKeys: String, CodingKey {
        case assignments, recognition, retros
        case customerFeedback = "customer_feedback"
    }

    func encode(to encoder: any Encoder) throws {
        try data.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(assignments, forKey: .assignments)
        try container.encode(recognition, forKey: .recognition)
        try container.encode(retros, forKey: .retros)
        try container.encode(customerFeedback, forKey: .customerFeedback)
    }
}

extension ExportCommand {
    /// `goals` with each month's actual, as `goals PERSON` shows it.
    static func withActuals(_ goals: [ExportData.GoalRow], context: CommandContext) throws -> [ExportData.GoalRow] {
        var actuals = MonthlyActuals(database: try context.database())
        return try goals.map { goal in
            var goal = goal
            goal.actual = try actuals.actual(person: goal.person, period: goal.period, kpi: goal.kpi)
            return goal
        }
    }
}

/// The long-format CSV of an export.
enum ExportCSV {
    static let header = ["record", "session", "survey", "kind", "subject", "author", "date", "key", "value", "band"]

    static func rows(_ data: ExportData) -> [[String]] {
        var rows: [[String]] = []
        for session in data.sessions {
            let date = (session.completed ?? session.started).ISO8601Format()
            let base = [String(session.id), session.survey, session.kind, session.subject, session.author, date]
            if let recorded = session.backfilled {
                rows.append(["backfilled"] + base + ["recorded", recorded.ISO8601Format(), ""])
            }
            for score in session.scores {
                rows.append(["score"] + base + [score.score, score.value.map(exactNumber) ?? "", score.band ?? ""])
            }
            for answer in session.answers {
                rows.append(["answer"] + base + [answer.question, answer.answer?.plainText ?? answer.value, ""])
            }
        }
        for goal in data.goals {
            rows.append(["goal", "", "", "", goal.person, "", goal.period, goal.kpi, exactNumber(goal.target), ""])
            if let actual = goal.actual {
                rows.append(["goal_actual", "", "", "", goal.person, "", goal.period, goal.kpi, exactNumber(actual), ""])
            }
        }
        for item in data.actionItems {
            rows.append(["action", "", "", "", item.subject, item.owner, item.due ?? "", "#\(item.id) \(item.status)", item.text, ""])
        }
        return rows
    }

    /// One row per piece of customer feedback: kind the source, subject who it came from (a rep,
    /// or a retro's team), key its kind and status, value the text.
    static func rows(_ feedback: [CustomerFeedback]) -> [[String]] {
        feedback.map {
            ["feedback", "", "", $0.source, $0.from, "", $0.heardOn,
             "#\($0.id) \($0.kind.rawValue) \($0.status.rawValue)" + ($0.actionItem.map { " action #\($0)" } ?? ""), $0.text, ""]
        }
    }

    /// One row per thanks: subject the receiver, author the giver, key the value, value the text.
    static func rows(_ recognition: [Recognition]) -> [[String]] {
        recognition.map { ["recognition", "", "", "", $0.receiver, $0.giver, $0.givenAt.ISO8601Format(), $0.value ?? "", $0.text, ""] }
    }

    /// One row per assignment to the viewer and, for each the viewer made, per person (key: `done`,
    /// `not done`, `overdue` or `open`; value: `#ID`, with a quiz's phase) or per team told only as
    /// a count (key: `count`; value: `1 of 2 done`). The author column is who assigned it.
    static func rows(_ listing: AssignmentListing, viewer: String) -> [[String]] {
        var rows: [[String]] = []
        func reference(_ id: Int64, _ phase: String?) -> String { "#\(id)" + (phase.map { " \($0)" } ?? "") }
        for item in listing.assignedToMe {
            rows.append(["assignment", "", item.survey, "", viewer, item.from, item.due, item.status, reference(item.id, item.phase), ""])
        }
        for entry in listing.assignedByMe {
            let base = ["assignment", "", entry.survey, entry.kind]
            let overdue = Set(entry.overdue), id = reference(entry.id, entry.phase)
            for person in entry.done { rows.append(base + [person, viewer, entry.due, "done", id, ""]) }
            for person in entry.notDone {
                rows.append(base + [person, viewer, entry.due, overdue.contains(person) ? "overdue" : "not done", id, ""])
            }
            for count in entry.counts {
                rows.append(base + [count.team.map { "team \($0)" } ?? "no team", viewer, entry.due, "count",
                                    "\(count.done) of \(count.assigned) done", ""])
            }
        }
        return rows
    }
}
