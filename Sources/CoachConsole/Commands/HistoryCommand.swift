import ArgumentParser
import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// `history PERSON`
struct HistoryCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "A person's timeline of sessions, scores, action items and thanks, newest first.",
        discussion: """
        Shows only what you may see: a manager sees their reps' one-on-ones, self-assessments and
        quizzes, and wellbeing only where the rep shares it; HR sees quizzes. Thanks the person
        gave or received ('thanks') are never private: everyone sees them.

        Each session shows its number; 'show ID' prints it in full, and --full prints every
        session in full (one-on-one notes, KPIs and actions as you may see them).

        Example:
          history Ana
          history Ana --full
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whose history.", completion: .coach(.visible)) var person: String
    @Flag(help: "Print each session in full, as 'show ID' does.") var full = false
    @Flag(help: "Print JSON for scripts.") var json = false

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let database = try context.database()
        let entries = try (database.timeline(viewer: user.name, subject: person)
            + Self.recognitionEntries(of: try database.person(named: person)?.name ?? person, database: database)).sorted { $0.date > $1.date }
        let reading = RecordReading()
        if json && full {
            let records = try entries.compactMap { entry in
                try entry.sessionID.flatMap { try ShowCommand.record($0, viewer: user, context: context, versions: reading) }
            }
            context.console.line(try JSONOutput.encode(records))
            return
        }
        if json {
            context.console.line(try JSONOutput.encode(entries))
            return
        }
        if entries.isEmpty {
            context.console.line("Nothing in \(person)'s history that you can see yet.")
            return
        }
        let catalog = context.catalog()
        for entry in entries {
            let day = DateAnswer.iso(entry.date)
            if entry.kind == "recognition" {
                let line = "\(day)  thanks from \(entry.giver ?? "") to \(entry.receiver ?? "")"
                    + (entry.value.map { " for \($0)" } ?? "") + ": \(entry.text ?? "")"
                context.console.line(SafeText.escaped(line, keepingNewlines: false))
                continue
            }
            if entry.kind == "action" {
                var line = "\(day)  action #\(entry.actionID ?? 0) \(entry.status ?? "")  \(entry.text ?? "")"
                line += " (\(entry.owner ?? "")" + (entry.due.map { ", due \($0)" } ?? "") + ")"
                context.console.line(line)
                continue
            }
            let survey = entry.survey.flatMap { catalog.surveys[$0] }
            var line = "\(day)  #\(entry.sessionID ?? 0) " + context.console.styled(survey?.title ?? entry.survey ?? "", .bold)
            if let phase = entry.phase { line += " (\(phase))" }
            if let author = entry.author, author.caseInsensitiveCompare(person) != .orderedSame { line += " by \(author)" }
            if let recorded = entry.backfilledAt { line += " (back-filled on \(DateAnswer.iso(recorded)))" }
            let scores = entry.scores.compactMap { score -> String? in
                guard let value = score.value else { return nil }
                let label = survey?.score(id: score.score)?.label ?? score.score
                let band = score.band.flatMap { id in survey?.score(id: score.score)?.bands.first { $0.id == id }?.label ?? id }
                return "\(label) \(ScoreFormat.display(value))" + (band.map { " (\($0))" } ?? "")
            }
            if !scores.isEmpty { line += "  " + scores.joined(separator: ", ") }
            context.console.line(line)
            if full, let id = entry.sessionID,
               let record = try ShowCommand.record(id, viewer: user, context: context, versions: reading) {
                record.lines(styled: context.console.styled, viewerIsAuthor: record.isAuthored(by: user)).dropFirst(2)
                    .forEach { context.console.line($0.isEmpty ? "" : "    " + $0) }
                context.console.line("")
            }
        }
    }

    /// The thanks `person` (as stored) gave or received, as timeline entries: everyone may see them.
    static func recognitionEntries(of person: String, database: any Store) throws -> [TimelineEntry] {
        try database.recognitions(since: nil, until: nil, involving: person).map { thanks in
            var entry = TimelineEntry(date: thanks.givenAt, kind: "recognition", text: thanks.text)
            entry.giver = thanks.giver
            entry.receiver = thanks.receiver
            entry.value = thanks.value
            return entry
        }
    }
}
