import ArgumentParser
import CoachCore
import CoachSessions
import CoachStore

/// `show ID`
struct ShowCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a past session as you may see it: answers, meeting notes, KPIs, actions and scores.",
        discussion: """
        For a one-on-one: the agenda with its notes, the KPI table, action items reviewed and
        created, shared notes, and private notes to their author only. What you may not see is
        left out (docs/privacy.md). 'history PERSON' lists session numbers; 'history PERSON
        --full' shows every session in full.

        Example:
          show 12
          show 12 --markdown > meeting.md
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The session's number, as 'history' shows it (12 or #12).") var id: String
    @Flag(help: "Print JSON for scripts.") var json = false
    @Flag(help: "Print Markdown, to paste into notes or an HR system.") var markdown = false

    func validate() throws {
        _ = try ItemNumber.required(id, what: "a session", listedBy: "history PERSON")
        if json && markdown { throw ValidationError("choose one of --json and --markdown") }
    }

    func run(in context: CommandContext) throws {
        let number = ItemNumber.parse(id) ?? 0
        let user = try context.currentUser()
        guard let record = try Self.record(number, viewer: user, context: context) else {
            throw StoreError.sessionNotFound(number)
        }
        let isAuthor = record.isAuthored(by: user)
        if json {
            context.console.line(try JSONOutput.encode(record))
        } else if markdown {
            context.console.line(record.markdown(viewerIsAuthor: isAuthor))
        } else {
            record.lines(styled: context.console.styled, viewerIsAuthor: isAuthor).forEach { context.console.line($0) }
        }
    }

    /// Session `id` as `viewer` may see it, read with the survey version it was answered with;
    /// nil when they may not see it. `versions` keeps each survey version parsed once and the
    /// organisation's KPIs read once across the sessions of one command (`history --full`).
    static func record(_ id: Int64, viewer: Person, context: CommandContext,
                       versions: RecordReading = RecordReading()) throws -> SessionRecord? {
        let database = try context.database()
        guard let row = try database.sessionRecord(viewer: viewer.name, id: id) else { return nil }
        var survey: Survey?
        if let session = try database.session(id: id) {
            let key = session.surveyHash + "|" + (session.quizLayout ?? "")
            if let known = versions.surveys[key] {
                survey = known
            } else {
                survey = try? SessionService(database: database, clock: context.clock).storedSurvey(session)
                versions.surveys[key] = survey
            }
        }
        var kpis: [KPIDefinition] = []
        if row.kind == SurveyKind.oneOnOne.rawValue {
            if versions.kpis == nil { versions.kpis = try database.orgSettings().kpis }
            kpis = versions.kpis ?? []
        }
        return SessionRecord(row: row, survey: survey ?? context.catalog().surveys[row.survey], kpis: kpis)
    }
}

/// What reading several session records shares: parsed survey versions and the KPI definitions.
final class RecordReading {
    var surveys: [String: Survey?] = [:]
    var kpis: [KPIDefinition]?
}
