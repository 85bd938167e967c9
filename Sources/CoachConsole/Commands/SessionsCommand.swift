import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `sessions`
struct SessionsCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List your paused and in-progress sessions.",
        discussion: """
        Newest first. 'resume ID' continues one, 'abandon ID' gives it up. A session held earlier
        (--on DATE) shows its day as STARTED, marked back-filled, and stays on that day when resumed.

        Example:
          sessions
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    /// One open session as `sessions --json` prints it.
    struct Row: Codable, Equatable {
        var id: Int64
        var survey: String
        var title: String
        var subject: String
        var state: String
        var started: String
        var updated: String
        var answers: Int
        /// The day a back-filled session (`--on`) was recorded; absent for a live one.
        var backfilled: String?
    }

    func run(in context: CommandContext) throws {
        let rows = try Self.rows(context: context)
        if json {
            context.console.line(try JSONOutput.encode(rows))
            return
        }
        if rows.isEmpty {
            context.console.line("You have no paused or in-progress sessions.")
            return
        }
        var table = Table("ID", "SURVEY", "ABOUT", "STATE", "STARTED", "UPDATED", "ANSWERS")
        table.mayShrink("SURVEY", "ABOUT")
        for row in rows {
            let started = row.backfilled == nil ? row.started : "\(row.started) (back-filled on \(row.backfilled ?? ""))"
            table.add(["#\(row.id)", row.title, row.subject, row.state, started, row.updated, "\(row.answers)"])
        }
        context.console.line(table.render(width: context.console.columns) { context.console.styled($0, .bold) })
        context.console.line("'resume ID' continues one; 'abandon ID' gives it up.")
    }

    /// The current user's open sessions, newest first.
    static func rows(context: CommandContext) throws -> [Row] {
        let user = try context.currentUser()
        guard let userID = user.id else { return [] }
        let database = try context.database()
        let catalog = context.catalog()
        return try database.openSessions(authorID: userID).map { session in
            let subject = session.subjectID == userID ? user.name : (try database.person(id: session.subjectID)?.name ?? "?")
            return Row(id: session.id ?? 0, survey: session.surveyID,
                       title: catalog.surveys[session.surveyID]?.title ?? session.surveyID, subject: subject,
                       state: session.state == .paused ? "paused" : "in progress",
                       started: DateAnswer.iso(session.startedAt), updated: DateAnswer.iso(session.updatedAt),
                       answers: try database.answers(sessionID: session.id ?? 0).filter { !AnswerValue.isSkipMark($0.value) }.count,
                       backfilled: session.backfilledAt.map { DateAnswer.iso($0) })
        }
    }
}
