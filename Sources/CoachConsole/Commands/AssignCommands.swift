import ArgumentParser
import CoachCore
import CoachStore

/// `assign SURVEY (--person P | --team T | --all) --due DATE [--phase pre|post]`
struct AssignCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign a survey or quiz to a person, a team or everyone, with a due date (HR, managers).",
        discussion: """
        A manager assigns to their own reps (--team: their team; --all: all their reps); HR to
        anyone (--all: everyone the survey is for). One assignment per person is stored, so someone
        who joins the team later is not included. Assigning it again to someone who has it from you
        updates the due date (and it counts from now). The assignee sees it in 'due' until a session
        of it is completed; 'assignments' shows who has done it, 'unassign' withdraws it. A check-in
        assigned once is done by the next one completed (the weekly check-in counts).

        The due date is YYYY-MM-DD, today, tomorrow, +7d, +2w or a weekday, and not in the past.

        Example:
          assign crm-basics --team North --due 2026-12-15 --phase post
          assign who-5 --person Ana --due friday
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The survey or quiz id (see 'surveys').", completion: .coach(.survey)) var survey: String
    @Option(help: "One person.", completion: .coach(.managed)) var person: String?
    @Option(help: "Everyone in a team that the survey is for.", completion: .coach(.team)) var team: String?
    @Flag(help: "A manager's reps; for HR everyone the survey is for.") var all = false
    @Option(help: "The due date (YYYY-MM-DD, +7d, friday, ...).") var due: String
    @Option(help: "For a quiz: pre (before the training) or post (after).") var phase: SessionPhase?
    @Flag(help: "Print JSON for scripts: who was added and who updated.") var json = false

    func validate() throws {
        let scopes = [person != nil, team != nil, all].filter { $0 }.count
        guard scopes == 1 else {
            throw ValidationError("say whom with one of --person P, --team T or --all (e.g. assign \(survey) --team North --due +7d)")
        }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let found = try SessionRunner(context: context).survey(id: survey)
        if context.catalog().drafts.contains(found.id) {
            throw StoreError.notAllowed("\(found.id) is a draft, not one of the organisation's surveys; HR publishes it first "
                                        + "('survey publish FILE')")
        }
        if phase != nil, found.kind != .quiz {
            throw CoachError.invalidValue(option: "--phase", reason: AssignmentError.phaseNotAQuiz(survey: found.id,
                                                                                                  kind: found.kind.rawValue).description)
        }
        let day: String
        switch DateAnswer.parseDue(due, today: context.clock.now()) {
        case let .success(parsed): day = parsed
        case let .failure(problem): throw CoachError.invalidValue(option: "--due", reason: problem.reason)
        }
        let scope: AssignmentScope = person.map { .person($0) } ?? team.map { .team($0) } ?? .all
        let request = AssignmentRequest(surveyID: found.id, kind: found.kind, audience: found.audience, phase: phase,
                                        scope: scope, due: day)
        let outcome = try context.database().assign(request, by: user.name, at: context.clock.now())
        if json {
            context.console.line(try JSONOutput.encode(AssignedJSON(survey: found.id, phase: phase?.rawValue, due: day,
                                                                    to: outcome.addressed, added: outcome.added,
                                                                    updated: outcome.updated)))
            return
        }
        let label = found.id + (phase.map { " (\($0.rawValue))" } ?? "")
        if !outcome.added.isEmpty {
            let whom = outcome.addressed == outcome.added.first && outcome.added.count == 1
                ? outcome.addressed : "\(outcome.addressed) (\(outcome.added.joined(separator: ", ")))"
            context.console.line("Assigned \(label) to \(whom), due \(day).")
        }
        if !outcome.updated.isEmpty {
            context.console.line("Already assigned by you, now due \(day) and counted from now: "
                                 + outcome.updated.joined(separator: ", ") + ".")
        }
    }
}

/// What `assign --json` prints.
private struct AssignedJSON: Encodable {
    let survey: String
    let phase: String?
    let due: String
    let to: String
    let added: [String]
    let updated: [String]

    enum CodingKeys: String, CodingKey { case survey, phase, due, to, added, updated }

    /// `phase` is written as null when there is none, never left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(survey, forKey: .survey)
        try container.encode(phase, forKey: .phase)
        try container.encode(due, forKey: .due)
        try container.encode(to, forKey: .to)
        try container.encode(added, forKey: .added)
        try container.encode(updated, forKey: .updated)
    }
}

/// `unassign ID [--person P]`
struct UnassignCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "unassign",
        abstract: "Withdraw an assignment you made, for everyone in it or one person.",
        discussion: """
        ID is the number 'assignments' shows. The assignment leaves the assignees' 'due'; sessions
        already completed stay as they are.

        Example:
          unassign 3
          unassign 3 --person Ana
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The assignment's number, as 'assignments' shows it (3 or #3).") var id: String
    @Option(help: "Withdraw it for this person only.", completion: .coach(.managed)) var person: String?

    func validate() throws {
        _ = try ItemNumber.required(id, what: "an assignment", listedBy: "assignments")
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let number = ItemNumber.parse(id) ?? 0
        let removed = try context.database().unassign(id: number, person: person, by: user.name)
        let label = removed.surveyID + (removed.phase.map { " (\($0))" } ?? "")
        context.console.line("Withdrew assignment #\(number), \(label), for \(removed.people.joined(separator: ", ")).")
    }
}
