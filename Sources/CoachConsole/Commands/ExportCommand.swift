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
        "author", "started", "completed", "state", "phase", "scores", "answers"}], "action_items"};
        each answer is {"question", "type", "value", "is_private"} with value as real JSON (a
        number, string, bool, array, or a one-on-one's structured object).
        CSV (RFC 4180): one row per score, answer, goal and action item, with the columns
        record, session, survey, kind, subject, author, date, key, value, band; an answer's value
        is plain text (4, the text itself, true), choices and structured answers compact JSON.

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
        let data = try context.database().exportData(viewer: user.name)
        if csv {
            context.console.write(try CSVOutput.render(header: ExportCSV.header, rows: ExportCSV.rows(data)))
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        context.console.line(String(decoding: try encoder.encode(data), as: UTF8.self))
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
            for score in session.scores {
                rows.append(["score"] + base + [score.score, score.value.map(exactNumber) ?? "", score.band ?? ""])
            }
            for answer in session.answers {
                rows.append(["answer"] + base + [answer.question, answer.answer?.plainText ?? answer.value, ""])
            }
        }
        for goal in data.goals {
            rows.append(["goal", "", "", "", goal.person, "", goal.period, goal.kpi, exactNumber(goal.target), ""])
        }
        for item in data.actionItems {
            rows.append(["action", "", "", "", item.subject, item.owner, item.due ?? "", "#\(item.id) \(item.status)", item.text, ""])
        }
        return rows
    }
}
