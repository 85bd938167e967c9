import ArgumentParser
import Foundation

/// The manual page `coach help --man` prints (roff, `man -l`), built from the command table:
/// each command's usage line, abstract, discussion and arguments come from swift-argument-parser's
/// own help information, so a new command needs no change here. Files, environment and exit
/// status say what the README says.
enum ManPage {
    /// The whole page.
    static func render() -> String {
        var page = Roff()
        let release = Coach.version.split(separator: " (").first.map(String.init) ?? Coach.version
        page.request("TH COACH 1 \"\" \"\(Roff.escaped(release))\" \"User Commands\"")
        page.request("nh")  // no hyphenation, ragged right: command words and options copy as typed
        page.request("ad l")
        page.macro("SH", "NAME")
        page.text("coach - " + Coach.configuration.abstract.trimmingCharacters(in: CharacterSet(charactersIn: ".")).lowercasedFirst)
        page.macro("SH", "SYNOPSIS")
        page.synopsis("coach [OPTIONS] [COMMAND [ARGUMENTS...]]")
        page.synopsis("coach --version")
        page.synopsis("coach --generate-completion-script bash|zsh|fish")
        page.macro("SH", "DESCRIPTION")
        page.paragraphs(Coach.configuration.discussion)
        page.paragraphs("""
        coach acts as one person at a time: --as, else COACH_USER, else user: in the config file. \
        On an organisation store (a postgres:// URL as the store) the person is the database login.
        """)
        page.macro("SH", "OPTIONS")
        for argument in arguments(of: GlobalOptions.self) { page.argument(argument) }
        page.argument(label: "--version", "Print the release and the store schemas it reads and writes.")
        page.argument(label: "-h, --help", "Show help; after a command, that command's help.")
        page.argument(label: "--generate-completion-script <shell>",
                      "Print a completion script for bash, zsh or fish.")
        page.macro("SH", "COMMANDS")
        page.paragraphs("Every command runs one-shot (coach COMMAND ...) and in the shell (COMMAND ...).")
        for entry in commands {
            page.macro("SS", entry.name)
            page.synopsis(Coach.usageString(for: entry.type))
            page.text(entry.type.configuration.abstract)
            page.paragraphs(entry.type.configuration.discussion)
            for argument in arguments(of: entry.type) { page.argument(argument) }
        }
        page.macro("SH", "FILES")
        for (path, meaning) in files {
            page.argument(label: path, meaning)
        }
        page.macro("SH", "ENVIRONMENT")
        for (name, meaning) in environment {
            page.argument(label: name, meaning)
        }
        page.macro("SH", "EXIT STATUS")
        page.argument(label: "0", "Success.")
        page.argument(label: "1", "Failure; the reason is on standard error.")
        page.argument(label: "2", "Bad usage (an unknown command, option or value); the message says what to type.")
        page.macro("SH", "EXAMPLES")
        page.example(examples)
        page.macro("SH", "SEE ALSO")
        page.text("The README of the coach repository; docs/privacy.md for who sees what.")
        return page.output
    }

    /// The commands the page describes: every runnable command `help` lists, in table order.
    static var commands: [CommandTable.Entry] { CommandTable.runnable }

    static let files: [(String, String)] = [
        ("$XDG_DATA_HOME/coach/coach.sqlite",
         "The default store (~/.local/share/coach/coach.sqlite), 0600 in a 0700 folder; --store or COACH_STORE picks another."),
        ("$XDG_CONFIG_HOME/coach/config.yaml",
         "The config (~/.config/coach/config.yaml): user:, and privacy and support settings for your own view."),
        ("$XDG_CONFIG_HOME/coach/surveys",
         "Survey files that add to the bundled ones (--surveys or COACH_SURVEYS replaces both)."),
        ("$XDG_STATE_HOME/coach/history",
         "The shell's command history (~/.local/state/coach/history), the last 1,000 lines."),
    ]

    static let environment: [(String, String)] = [
        ("COACH_STORE", "The store: a SQLite file, or a postgres:// URL of an organisation store (as --store)."),
        ("COACH_USER", "Who is at the keyboard on a local store (as --as)."),
        ("COACH_SURVEYS", "A surveys folder replacing the bundled surveys (as --surveys)."),
        ("NO_COLOR", "Never colour the output (as --no-color); colour is also off with TERM=dumb and when output is not a terminal."),
        ("COLUMNS", "The width tables fit on a terminal (else the window's)."),
        ("XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_STATE_HOME", "Where the store, the config and the history live (see FILES)."),
        ("PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE, PGSSLROOTCERT",
         "Read for an organisation store's URL as psql reads them, with ~/.pgpass."),
    ]

    static let examples = """
    export COACH_STORE=/tmp/tour.sqlite
    coach person add Dana --role hr
    export COACH_USER=Dana
    coach person add Ana --role rep --team North
    coach people --json
    coach run who-5 --as Ana
    coach trends --team all
    printf 'people\\nquit\\n' | coach shell --as Dana
    """

    /// One argument, option or flag, as swift-argument-parser's help dump describes it.
    struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }
        let kind: CommandFacts.Argument.Kind
        let names: [Name]?
        let valueName: String?
        let abstract: String?
        let shouldDisplay: Bool
        let isRepeating: Bool?

        /// `<name>`, `--team <team>` or `-h, --help`.
        var label: String {
            let dashed = (names ?? []).map { ($0.kind == "short" ? "-" : "--") + $0.name }.joined(separator: ", ")
            let value = "<\(valueName ?? "value")>" + (isRepeating == true ? " ..." : "")
            switch kind {
            case .positional: return value
            case .option: return dashed + " " + value
            case .flag: return dashed
            }
        }
    }

    private struct Dump: Decodable {
        struct Command: Decodable { let arguments: [Argument]? }
        let command: Command
    }

    /// The arguments a command shows in its help, `--help` left out (every command has it).
    static func arguments(of type: any ParsableArguments.Type) -> [Argument] {
        let dump = try? JSONDecoder().decode(Dump.self, from: Data(type._dumpHelp().utf8))
        return (dump?.command.arguments ?? []).filter {
            $0.shouldDisplay && !($0.names ?? []).contains { $0.name == "help" }
        }
    }
}

/// Writes roff for the man macros, escaping text so that nothing in it is read as a request.
struct Roff {
    private(set) var output = ""

    /// Text as roff reads it literally: `\` as `\e`, `-` as `\-` (a minus, so options copy as
    /// typed), anything outside ASCII as `\[uXXXX]`, and a leading `.` or `'` made harmless.
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\e"
            case "-": result += "\\-"
            case "\t": result += " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            case _ where scalar.isASCII: result.unicodeScalars.append(scalar)
            default: result += "\\[u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "]"
            }
        }
        if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
        return result
    }

    /// A request of roff itself (`nh`), written as it is: only for fixed text of this file.
    mutating func request(_ line: String) {
        output += "." + line + "\n"
    }

    /// A macro call with quoted arguments.
    mutating func macro(_ name: String, _ arguments: String...) {
        let quoted = arguments.map { "\"" + Self.escaped($0).replacingOccurrences(of: "\"", with: "\\(dq") + "\"" }
        output += ([".\(name)"] + quoted).joined(separator: " ") + "\n"
    }

    /// Filled text, one line of input per line of the source (leading spaces dropped, since a
    /// line starting with a space would break the filling).
    mutating func text(_ text: String) {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { output += Self.escaped(trimmed) + "\n" }
        }
    }

    /// A command line in bold.
    mutating func synopsis(_ line: String) {
        output += "\\fB" + Self.escaped(line.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")) + "\\fR\n"
        macro("br")
    }

    /// Paragraphs separated by blank lines; lines indented by two spaces or more (examples) are
    /// kept as they are, indented.
    mutating func paragraphs(_ text: String) {
        var verbatim = false
        for paragraph in text.components(separatedBy: "\n\n") where !paragraph.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            macro("PP")
            for line in paragraph.split(separator: "\n") {
                let isExample = line.hasPrefix("  ")
                if isExample != verbatim {
                    output += isExample ? ".RS 4\n.nf\n" : ".fi\n.RE\n"
                    verbatim = isExample
                }
                if isExample {
                    output += Self.escaped(line.trimmingCharacters(in: .whitespaces)) + "\n"
                } else {
                    self.text(String(line))
                }
            }
            if verbatim {
                output += ".fi\n.RE\n"
                verbatim = false
            }
        }
    }

    /// A block of example lines, kept as they are.
    mutating func example(_ text: String) {
        output += ".PP\n.RS 4\n.nf\n"
        for line in text.split(separator: "\n") { output += Self.escaped(String(line)) + "\n" }
        output += ".fi\n.RE\n"
    }

    /// An indented item: the label in bold, then what it means.
    mutating func argument(label: String, _ meaning: String) {
        macro("TP")
        output += "\\fB" + Self.escaped(label) + "\\fR\n"
        text(meaning)
    }

    mutating func argument(_ argument: ManPage.Argument) {
        self.argument(label: argument.label, argument.abstract ?? "")
    }
}

private extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }

    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
