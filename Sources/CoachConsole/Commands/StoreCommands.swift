import ArgumentParser
import CoachStore

/// `check`
struct CheckCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the store: SQLite's integrity check and coach's own invariants.",
        discussion: """
        Exit status 1 when anything is wrong. --repair first stores the scores of any completed
        session whose stored scores differ from what its answers score to (a store written by an
        older coach), then rebuilds what coach derives from the sessions (the weekly aggregates
        team trends read), placing sessions in weeks by your time zone. Answers are never changed.

        Without --repair the store is opened read-only and nothing in it changes, so check works
        on a read-only copy (a 0400 file made by 'backup'). A store from an older coach must be
        migrated first: check --repair opens it for writing, migrates it and then checks it.

        Example:
          check
          check --repair
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Flag(help: "Rescore sessions whose scores differ from their answers, and rebuild the weekly aggregates, before checking.")
    var repair = false

    func run(in context: CommandContext) throws {
        if repair {
            let rescored = try context.localDatabase().repair()
            if rescored > 0 {
                context.console.line("Stored the scores of \(rescored) session\(rescored == 1 ? "" : "s") as their answers score.")
            }
            context.console.line("Rebuilt the weekly aggregates from the sessions.")
        }
        let findings = try (repair ? context.localDatabase() : context.databaseForReading()).check()
        for finding in findings {
            let mark = finding.problem == nil ? context.console.styled("ok  ", .green) : context.console.styled("FAIL", .red)
            context.console.line("\(mark)  \(finding.name)" + (finding.problem.map { ": \($0)" } ?? ""))
        }
        if findings.contains(where: { $0.problem != nil }) { throw ExitCode(1) }
    }
}

/// `backup PATH`
struct BackupCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Make a consistent copy of the store, safe while others write.",
        discussion: "Uses SQLite's online backup; the copy is readable by you only.\n\nExample:\n  backup ~/coach-2026-11-27.sqlite")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The new file.") var path: String

    func run(in context: CommandContext) throws {
        try context.localDatabase().backup(to: path)
        context.console.line("Backed up \(context.paths.store) to \(path).")
    }
}
