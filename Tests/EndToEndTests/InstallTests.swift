@testable import CoachConsole
import CoachTestSupport
import Foundation
import Testing

/// The manual page `coach help --man` prints, and `scripts/install`, run with the built binary
/// (`--binary`) so that no test builds a release.
@Suite("Installing coach: the manual page, completion and scripts/install")
struct InstallTests {
    /// Requests and macros the page may use; any other line starting with `.` or `'` would be
    /// help text read as a request.
    static let macros: Set<String> = ["TH", "SH", "SS", "PP", "TP", "RS", "RE", "nf", "fi", "br", "nh", "ad"]

    static func manPage() throws -> String {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run(["help", "--man"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.isEmpty, "\(result.stderrText)")
        return result.stdoutText
    }

    @Test("the manual page names every command of the command table, with its usage line and abstract")
    func everyCommand() throws {
        let page = try Self.manPage()
        let commands = CommandTable.runnable
        #expect(commands.count > 30)
        #expect(commands.contains { $0.name == "feedback" }, "a command that runs and holds subcommands is on the page")
        for command in commands {
            let heading = ".SS \"" + Roff.escaped(command.name) + "\""
            #expect(page.contains(heading + "\n\\fB" + Roff.escaped(Coach.usageString(for: command.type))),
                    "no section with the usage line for \(command.name)")
            #expect(page.contains(Roff.escaped(command.type.configuration.abstract)), "no abstract for \(command.name)")
        }
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "FILES", "ENVIRONMENT",
                        "EXIT STATUS", "EXAMPLES"] {
            #expect(page.contains(".SH \"\(section)\"\n"), "no \(section) section")
        }
        for name in ["COACH_USER", "COACH_STORE", "COACH_SURVEYS", "NO_COLOR", "coach.sqlite", "config.yaml"] {
            #expect(page.contains(Roff.escaped(name)), "\(name) is not in the page")
        }
    }

    @Test("the manual page is roff with no stray request, and groff reads it without a warning")
    func validRoff() throws {
        let page = try Self.manPage()
        #expect(page.hasPrefix(".TH COACH 1 "))
        for line in page.split(separator: "\n") {
            #expect(!line.hasPrefix("'"), "a line starts with ': \(line)")
            if line.hasPrefix(".") {
                let name = line.dropFirst().prefix { $0 != " " }
                #expect(Self.macros.contains(String(name)), "unexpected request: \(line)")
            }
            // Every backslash starts one of the escapes Roff writes.
            var rest = Substring(line)
            while let slash = rest.firstIndex(of: "\\") {
                rest = rest[rest.index(after: slash)...]
                let known = ["e", "-", "&", "fB", "fR", "(dq", "[u"].first { rest.hasPrefix($0) }
                #expect(known != nil, "unknown escape in: \(line)")
                rest = rest.dropFirst(known?.count ?? 1)
            }
        }
        guard let groff = ["/usr/bin/groff", "/opt/homebrew/bin/groff", "/usr/local/bin/groff"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else { return }
        let result = try ProcessRunner.run(groff, arguments: ["-man", "-ww", "-z", "-Tutf8"],
                                           stdin: Data(page.utf8), timeout: .seconds(60))
        #expect(result.status == 0 && result.stderrText.isEmpty, "groff: \(result.stderrText)")
    }

    @Test("help --man with a command is bad usage")
    func manWithCommand() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run(["help", "--man", "people"])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("give it no command"), "\(result.stderrText)")
    }

    static let installed = [
        "bin/coach", "share/bash-completion/completions/coach", "share/zsh/site-functions/_coach",
        "share/fish/vendor_completions.d/coach.fish", "share/man/man1/coach.1",
    ]

    func install(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/env", arguments: ["bash", Repository.root.appendingPathComponent("scripts/install").path]
                                + arguments,
                              environment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }, inheritEnvironment: false,
                              stdin: Data(), timeout: .seconds(120))
    }

    @Test("scripts/install --binary puts the binary, completion and man page under the prefix; --uninstall removes exactly those")
    func installAndUninstall() throws {
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let prefix = sandbox.root.appendingPathComponent("prefix")
        // Something of the user's that was there before must stay.
        let mine = prefix.appendingPathComponent("bin/mine")
        try FileManager.default.createDirectory(at: mine.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: mine)

        let result = try install(["--prefix", prefix.path, "--binary", CoachSandbox.binary])
        #expect(result.status == 0, "\(result.stderrText)")
        for path in Self.installed {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) missing")
        }
        #expect(result.stdoutText.contains("is not on your PATH"))
        let version = try ProcessRunner.run(prefix.appendingPathComponent("bin/coach").path, arguments: ["--version"],
                                            timeout: .seconds(60))
        #expect(version.status == 0 && version.stdoutText.hasPrefix("coach "), "\(version.stderrText)")
        let page = try String(contentsOf: prefix.appendingPathComponent("share/man/man1/coach.1"), encoding: .utf8)
        #expect(page.hasPrefix(".TH COACH 1 "))
        let fish = try String(contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/coach.fish"),
                              encoding: .utf8)
        #expect(fish.contains("coach complete person"))

        let removed = try install(["--prefix", prefix.path, "--uninstall"])
        #expect(removed.status == 0, "\(removed.stderrText)")
        let left = FileManager.default.enumerator(atPath: prefix.path).map { $0.compactMap { $0 as? String } } ?? []
        #expect(left.sorted() == ["bin", "bin/mine"], "left behind: \(left)")

        let again = try install(["--prefix", prefix.path, "--uninstall"])
        #expect(again.status == 1 && again.stderrText.contains("nothing to uninstall"), "\(again.stderrText)")
    }

    @Test("the installed bash completion asks coach for the people the user may name")
    func bashCompletionCallsBack() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        try sandbox.seedTeam()
        let prefix = sandbox.root.appendingPathComponent("prefix")
        // PREFIX in the environment is honoured like --prefix.
        let result = try install(["--binary", CoachSandbox.binary], environment: ["PREFIX": prefix.path])
        #expect(result.status == 0, "\(result.stderrText)")
        let script = """
        source "$1"
        complete_line() {
          COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
          _coach coach "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
          printf '%s\\n' "${COMPREPLY[@]}" | sort | paste -sd, -
        }
        shift
        complete_line coach one-on-one ''
        complete_line coach person show M
        complete_line coach run wh
        """
        var environment = sandbox.environment
        environment["PATH"] = prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin"
        environment["COACH_STORE"] = sandbox.store
        environment["COACH_USER"] = "Marco"
        let completion = try ProcessRunner.run(
            "/bin/bash", arguments: ["-c", script, "bash", prefix.appendingPathComponent("share/bash-completion/completions/coach").path],
            environment: environment, inheritEnvironment: false, timeout: .seconds(60))
        #expect(completion.status == 0, "\(completion.stderrText)")
        #expect(completion.stdoutText == "Ana\nMarco\nwho-5\n", "\(completion.stdoutText) \(completion.stderrText)")
    }

    @Test("scripts/install refuses an unknown argument with usage, and a missing binary with a reason")
    func badArguments() throws {
        let unknown = try install(["--prefx", "/tmp/x"])
        #expect(unknown.status == 2 && unknown.stderrText.contains("unknown argument '--prefx'"), "\(unknown.stderrText)")
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let missing = try install(["--prefix", sandbox.root.path, "--binary", sandbox.root.appendingPathComponent("nope").path])
        #expect(missing.status == 1 && missing.stderrText.contains("no coach executable"), "\(missing.stderrText)")
        let help = try install(["--help"])
        #expect(help.status == 0 && help.stdoutText.contains("Example:"))
    }
}
