import ArgumentParser
import CoachOrgStore
import CoachStore

/// The root of the command table: `coach` alone opens the shell.
public struct Coach: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "coach",
        abstract: "A coaching console for people who manage online sales teams.",
        discussion: """
        Run without a command to open the shell; every shell command also runs one-shot,
        e.g. 'coach people --json'. Type 'help COMMAND' for a command's usage and an example.
        """,
        version: version,
        subcommands: commandTable)

    /// This coach's release, and the store schemas it reads and writes (`coach --version`).
    static let version = "coach 0.20.0 (local store schema \(AppDatabase.schemaVersion), "
        + "organisation store schema v\(OrgSchema.latestVersion))"

    /// Every command, once, in the order `help` lists them.
    static let commandTable: [any ParsableCommand.Type] = [
        // the guided sessions
        OneOnOneCommand.self, CheckinCommand.self, QuizCommand.self, RunCommand.self, ResumeCommand.self,
        SessionsCommand.self, AbandonCommand.self,
        // what is due, and what came of it
        DueCommand.self, ActionsCommand.self, ActionCommand.self, AgendaCommand.self, TrendsCommand.self,
        HistoryCommand.self, ShowCommand.self, ReviewCommand.self, ReportCommand.self, ShareCommand.self,
        // assignments
        AssignCommand.self, AssignmentsCommand.self, UnassignCommand.self,
        // the team: recognition, retrospectives, customer feedback
        ThanksCommand.self, RecognitionCommand.self, RetroCommand.self, FeedbackCommand.self,
        // people, goals and surveys
        PersonCommand.self, PeopleCommand.self, GoalCommand.self, GoalsCommand.self, KPICommand.self, SurveysCommand.self, SurveyCommand.self,
        // the store
        ExportCommand.self, CheckCommand.self, BackupCommand.self, DemoCommand.self, OrgCommand.self, PasswordCommand.self,
        // the shell
        ShellCommand.self, HelpCommand.self, QuitCommand.self, ExitCommand.self, CompleteCommand.self,
    ]

    /// The listings whose long output goes through the pager on a terminal (README, "Long
    /// output"). Never a guided session, nor a command that asks anything: a pager would hold
    /// its questions.
    static let pagedCommands: [any ParsableCommand.Type] = [
        HelpCommand.self, DueCommand.self, ActionsCommand.self, AgendaList.self, TrendsCommand.self,
        HistoryCommand.self, ShowCommand.self, ReviewCommand.self, ReportQuiz.self, SessionsCommand.self,
        PersonShow.self, PeopleCommand.self, GoalsCommand.self, KPIList.self, SurveysCommand.self,
        ExportCommand.self, OrgShow.self, AssignmentsCommand.self, RecognitionCommand.self,
        RetroShow.self, FeedbackCommand.self,
    ]

    /// Whether `command`'s output may be paged.
    static func pages(_ command: any ParsableCommand) -> Bool {
        pagedCommands.contains { ObjectIdentifier($0) == ObjectIdentifier(type(of: command)) }
    }

    @OptionGroup public var global: GlobalOptions

    public init() {}
}
