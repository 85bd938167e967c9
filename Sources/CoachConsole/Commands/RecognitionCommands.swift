import ArgumentParser
import CoachCore
import CoachStore
import Foundation

/// `thanks PERSON TEXT [--for VALUE]`
struct ThanksCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "thanks",
        abstract: "Thank someone in the organisation, optionally for one of its values. Never anonymous.",
        discussion: """
        Anyone may thank anyone else in the organisation (not themselves). A thanks is not
        anonymous and not private: it is stored with your name, theirs, the time and your words,
        and everyone in the organisation may read it ('recognition', 'history'). The person
        thanked sees it when their shell starts (thanks from the last 7 days), and their manager
        sees it in the next one-on-one and in their review.

        --for names one of the organisation's values or skills, as 'org show' lists them (HR sets
        them with 'org set values'); upper or lower case does not matter.

        Example:
          thanks Ana "Took over the Acme call at no notice" --for teamwork
          thanks Bo Shared the pricing sheet with everyone
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "Whom to thank.", completion: .coach(.person)) var person: String
    @Argument(help: "What for, in your words (quotes optional).") var words: [String] = []
    @Option(name: .customLong("for"), help: "One of the organisation's values ('org show').", completion: .coach(.value)) var value: String?
    @Flag(help: "Print JSON for scripts.") var json = false

    func validate() throws {
        guard !words.isEmpty else {
            throw ValidationError("say what you thank \(person) for, e.g. thanks \(ShellWords.quoted(person)) \"Took over the Acme call\"")
        }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let thanks = try context.database().giveThanks(to: person, text: words.joined(separator: " "), value: value,
                                                       by: user.name, at: context.clock.now())
        if json {
            context.console.line(try JSONOutput.encode(thanks))
            return
        }
        let line = "Thanked \(thanks.receiver)" + (thanks.value.map { " for \($0)" } ?? "") + ": \(thanks.text)"
        context.console.line(SafeText.escaped(line, keepingNewlines: false))
        context.console.line("Everyone in the organisation can read it; \(thanks.receiver) sees it when their shell starts.")
    }
}

/// `recognition [--team T] [--weeks N] [--json]`
struct RecognitionCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "recognition",
        abstract: "Who was thanked for what in a team, and who gave or received no thanks.",
        discussion: """
        Lists the thanks given or received by the team's people in the window (date, from, to,
        value, text), how many each person received and gave, and who in the team gave none and
        received none, so that quiet people are noticed. Thanks are never private: everyone in
        the organisation may read them. The team is yours by default (HR: all).

        Example:
          recognition
          recognition --team North --weeks 12
          recognition --team all --json
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Option(help: "The team, or 'all' (default: yours; HR: all).", completion: .coach(.team)) var team: String?
    @Option(help: "How many weeks back.") var weeks = 4
    @Flag(help: "Print JSON for scripts.") var json = false

    func validate() throws {
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 520") }
    }

    func run(in context: CommandContext) throws {
        let user = try context.currentUser()
        let database = try context.database()
        let people = try database.people()
        let now = context.clock.now()
        let since = Calendar.current.date(byAdding: .day, value: -7 * weeks, to: now) ?? now
        let report = try RecognitionReport(team: team, viewer: user, viewerTeam: people.first { $0.name == user.name }?.team,
                                           people: people, thanks: database.recognitions(since: since, until: nil),
                                           since: since, weeks: weeks)
        if json {
            context.console.line(try JSONOutput.encode(report))
            return
        }
        context.console.line(report.lines(width: context.console.columns) { context.console.styled($0, .bold) }.joined(separator: "\n"))
    }
}

/// What `recognition` shows: a team's thanks in a window, counts per person, and the quiet ones.
struct RecognitionReport: Encodable {
    struct Count: Encodable, Equatable {
        let name: String
        let received: Int
        let given: Int
    }

    /// The team's name, or `all`.
    let team: String
    let weeks: Int
    /// The first day of the window, `YYYY-MM-DD`.
    let since: String
    let recognition: [Recognition]
    let people: [Count]
    /// The team's people who neither gave nor received a thanks in the window.
    let quiet: [String]

    init(team requested: String?, viewer: Person, viewerTeam: String?, people: [PersonSummary], thanks: [Recognition],
         since: Date, weeks: Int) throws {
        let teams = Array(Set(people.compactMap(\.team))).sorted()
        let chosen: String
        if let requested {
            if requested.lowercased() == "all" {
                chosen = "all"
            } else if let match = teams.first(where: { $0.lowercased() == requested.lowercased() }) {
                chosen = match
            } else {
                throw StoreError.unknownTeam(requested, suggestion: suggestion(for: requested, among: teams))
            }
        } else if viewer.role == .hr || viewerTeam == nil {
            chosen = "all"
        } else {
            chosen = viewerTeam ?? "all"
        }
        let members = people.filter { chosen == "all" || $0.team == chosen }.map(\.name)
        let inTeam = Set(members.map { $0.lowercased() })
        self.team = chosen
        self.weeks = weeks
        self.since = DateAnswer.iso(since)
        self.recognition = thanks.filter { inTeam.contains($0.giver.lowercased()) || inTeam.contains($0.receiver.lowercased()) }
        self.people = members.map { name in
            Count(name: name, received: thanks.filter { $0.receiver == name }.count, given: thanks.filter { $0.giver == name }.count)
        }.sorted { ($0.received, $0.given, $1.name) > ($1.received, $1.given, $0.name) }
        self.quiet = self.people.filter { $0.received == 0 && $0.given == 0 }.map(\.name).sorted()
    }

    func lines(width: Int?, bold: (String) -> String) -> [String] {
        let scope = team == "all" ? "the organisation" : "team \(team)"
        var lines = [bold("Recognition in \(scope), the last \(weeks) week\(weeks == 1 ? "" : "s") (since \(since))")]
        if recognition.isEmpty {
            lines.append("No thanks given or received yet; 'thanks PERSON TEXT' thanks someone.")
        } else {
            var table = Table("DATE", "FROM", "TO", "FOR", "THANKS")
            table.mayShrink("THANKS")
            for thanks in recognition.reversed() {
                table.add([thanks.date, thanks.giver, thanks.receiver, thanks.value ?? "-", thanks.text])
            }
            lines.append(table.render(width: width, header: bold))
        }
        if !people.isEmpty {
            lines.append("")
            var counts = Table("PERSON", "RECEIVED", "GIVEN")
            for count in people { counts.add([count.name, "\(count.received)", "\(count.given)"]) }
            lines.append(counts.render(width: width, header: bold))
        }
        if !quiet.isEmpty {
            lines.append("")
            lines.append(SafeText.escaped("Gave none and received none: " + quiet.joined(separator: ", "), keepingNewlines: false))
        }
        return lines
    }
}
