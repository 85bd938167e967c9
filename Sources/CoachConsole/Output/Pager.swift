import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The program long output is shown through, as git and psql do (README, "Long output"):
/// `COACH_PAGER`, else `PAGER`, else `less` with `LESS=FRX` when `LESS` is unset.
struct Pager {
    /// The pager's command line, run by `/bin/sh -c` (so `less -S` or a script with arguments work).
    let command: String
    /// The environment the pager runs with.
    let environment: [String: String]

    /// The pager `environment` chooses, or nil when paging is off: `--no-pager`, an empty
    /// `COACH_PAGER` (or `PAGER`), or `cat`.
    static func chosen(environment: [String: String], noPagerFlag: Bool) -> Pager? {
        if noPagerFlag { return nil }
        let command = (environment["COACH_PAGER"] ?? environment["PAGER"] ?? "less")
            .trimmingCharacters(in: .whitespaces)
        if command.isEmpty || command == "cat" { return nil }
        var pagerEnvironment = environment
        if pagerEnvironment["LESS"] == nil { pagerEnvironment["LESS"] = "FRX" }
        return Pager(command: command, environment: pagerEnvironment)
    }

    /// Shows `text` through the pager on the terminal and waits for the pager to end. The user
    /// may quit before reading everything: the rest is dropped quietly (no SIGPIPE, no error).
    /// - Returns: false, with nothing shown, when the pager could not be started (its program
    ///   is not on `PATH`, or the shell could not find or run it); the caller prints directly.
    func show(_ text: String) -> Bool {
        if let program = Self.program(of: command), !Self.isRunnable(program, path: environment["PATH"]) { return false }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        guard let pid = spawn(readingFrom: readEnd, closing: writeEnd) else {
            close(readEnd)
            close(writeEnd)
            return false
        }
        close(readEnd)
        // While the pager runs, Ctrl-C and a closed pipe are the pager's business: coach waits.
        var savedInterrupt = sigaction(), savedQuit = sigaction(), savedPipe = sigaction()
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        sigemptyset(&ignore.sa_mask)
        sigaction(SIGINT, &ignore, &savedInterrupt)
        sigaction(SIGQUIT, &ignore, &savedQuit)
        sigaction(SIGPIPE, &ignore, &savedPipe)
        defer {
            sigaction(SIGINT, &savedInterrupt, nil)
            sigaction(SIGQUIT, &savedQuit, nil)
            sigaction(SIGPIPE, &savedPipe, nil)
        }
        // Until done or the pager stops reading (EPIPE: the user quit early, which is fine).
        Descriptor.writeAll(text, to: writeEnd)
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // The shell's own "not found" (127) and "cannot run" (126): the pager never showed anything.
        let exited = status & 0x7f == 0, code = (status >> 8) & 0xff
        return !(exited && (code == 126 || code == 127))
    }

    /// Starts `/bin/sh -c COMMAND` with `readEnd` as its standard input, the terminal as its
    /// output, and default signal handling.
    private func spawn(readingFrom readEnd: Int32, closing writeEnd: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        if readEnd != STDIN_FILENO { posix_spawn_file_actions_addclose(&actions, readEnd) }
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv = (["/bin/sh", "-c", command] as [String]).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp) == 0 else { return nil }
        return pid
    }

    /// The program a simple command line starts (`less` of `less -S`), or nil when the line is
    /// more than a plain word and arguments (quotes, variables, pipes): the shell decides then.
    static func program(of command: String) -> String? {
        let plain = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_./+ "))
        guard command.unicodeScalars.allSatisfy(plain.contains),
              let first = command.split(separator: " ").first else { return nil }
        return String(first)
    }

    /// Whether `program` (a path, or a name looked up in `path`) is an executable file.
    static func isRunnable(_ program: String, path: String?) -> Bool {
        if program.contains("/") { return access(program, X_OK) == 0 }
        let folders = (path ?? "/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
        return folders.contains { folder in
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + program
            var info = stat()
            return access(candidate, X_OK) == 0 && stat(candidate, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
        }
    }
}
