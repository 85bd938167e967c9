import ArgumentParser
import CoachCore
import CoachSessions
import CoachStore
import Foundation

/// `one-on-one PERSON` (alias `1on1`)
struct OneOnOneCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "one-on-one",
        abstract: "The guided one-on-one with one of your reps.",
        discussion: """
        Shows the last meeting, open action items, the rep's agenda, recent self-assessment and quiz
        results, goals and attainment, then walks through the template (surveys/one-on-one.yaml):
        review actions (done/carry/drop), the rep's agenda, KPIs against targets, notes shared and
        private, new action items. Ctrl-C or :pause stops; 'resume' continues. --on DATE records
        a meeting held earlier (on paper): it is dated that day, as are its new action items and
        KPI actuals, and marked back-filled.

        Example:
          1on1 Ana
          1on1 Ana --on tuesday
        """,
        aliases: ["1on1"])

    /// The template every guided one-on-one runs.
    static let template = "one-on-one"

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The rep.", completion: .coach(.rep)) var person: String
    @Option(name: .customLong("on"), help: HeldOn.help) var heldOn: String?

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let day = try HeldOn.day(heldOn, context: context)
        let runner = SessionRunner(context: context)
        let template = try runner.survey(id: Self.template)
        let people = try context.database().sessionSubject(kind: .oneOnOne, authorName: user.name, subjectName: person)
        // A day the meeting cannot be recorded on is refused before its header is shown.
        _ = try day.map { try Backfill.time(of: $0, now: context.clock.now(), subject: people.subject) }
        let header = MeetingHeader(context: context, manager: people.author, rep: people.subject, template: template,
                                   now: HeldOn.time(of: day, context: context))
        context.console.line(try header.lines().joined(separator: "\n"))
        context.console.line("")
        try runner.start(surveyID: template.id, for: people.subject.name, heldOn: day)
    }
}
