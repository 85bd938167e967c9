import ArgumentParser
import CoachStore

/// `share wellbeing on|off`
struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Decide what your manager sees.",
        subcommands: [ShareWellbeing.self])
}

struct ShareWellbeing: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "wellbeing",
        abstract: "Let your manager see your wellbeing band and trend (on), or not (off).",
        discussion: """
        Your wellbeing answers are never shown to anyone else. With sharing off (the default),
        your manager sees wellbeing only as team aggregates over enough people.

        Without on or off, it says what is set now.

        Examples:
          share wellbeing
          share wellbeing on
        """)

    enum Switch: String, ExpressibleByArgument, CaseIterable { case on, off }

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "on or off; left out, the current setting is shown.") var setting: Switch?

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let manager = try context.database().personSummary(named: user.name).manager ?? "your manager"
        guard let setting else {
            let shared = try context.database().person(named: user.name)?.shareWellbeing == true
            context.console.line(shared
                ? "\(manager) sees your wellbeing band and trend (never your answers); 'share wellbeing off' stops it."
                : "Your wellbeing is not shared: \(manager) sees it only in team numbers over enough people; "
                    + "'share wellbeing on' shares your band and trend.")
            return
        }
        try context.database().setShareWellbeing(setting == .on, for: user.name, at: context.clock.now())
        context.console.line(setting == .on
            ? "\(manager) now sees your wellbeing band and trend (never your answers)."
            : "\(manager) no longer sees your wellbeing band and trend.")
    }
}
