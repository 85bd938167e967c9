// The only file in CoachConsole that imports CReadline (GNU readline).
import CReadline
import CoachCore
import Foundation

/// Proposes completions for the word being typed.
///
/// - Parameters:
///   - line: the whole line being edited.
///   - wordStart: how many `Character`s of `line` come before the word, so
///     `line.prefix(wordStart)` is the context (e.g. the command name).
///   - word: the word to complete (may be empty). After an unclosed `"` it is the text after
///     the quote, spaces included, and `line.prefix(wordStart)` ends with the quote; readline
///     closes the quote when it inserts a single match, so return candidates unquoted there.
/// - Returns: the candidates; readline keeps those starting with nothing in
///   particular, so return only the ones that fit `word`.
public typealias CompletionProvider = (_ line: String, _ wordStart: Int, _ word: String) -> [String]

/// A ``LineReader`` on GNU readline: line editing, history recall, Tab
/// completion through a ``CompletionProvider``, and Ctrl-C that discards the
/// line and returns ``LineInput/interrupted``.
///
/// Use it only when standard input is a terminal (see ``PlainLineReader``).
/// readline is process-global: create one reader and use it from one thread.
public final class ReadlineLineReader: LineReader {
    private let historyPath: String?

    /// - Parameters:
    ///   - historyPath: the history file (e.g. `$XDG_STATE_HOME/coach/history`),
    ///     read now, appended to by ``addToHistory(_:)`` and rewritten by
    ///     ``saveHistory()``; its folder is created
    ///     with mode 0700 if missing. `nil` keeps history in memory only.
    ///   - completion: proposes Tab completions; `nil` completes nothing.
    public init(historyPath: String?, completion: CompletionProvider? = nil) {
        self.historyPath = historyPath
        ReadlineState.configureOnce()
        ReadlineState.completionProvider = completion
        if let historyPath {
            let folder = URL(fileURLWithPath: historyPath).deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            }
            _ = read_history(historyPath) // a missing file is fine
        }
    }

    /// Proposes Tab completions; `nil` completes nothing.
    public var completion: CompletionProvider? {
        get { ReadlineState.completionProvider }
        set { ReadlineState.completionProvider = newValue }
    }

    /// Reads a line with readline. Ctrl-C clears the line and returns
    /// `.interrupted`; Ctrl-D on an empty line returns `.endOfInput`. In both
    /// cases a newline is printed so the next output starts on a fresh line.
    /// Lines are returned as typed: Tab completion appends a space, so trim.
    public func readLine(prompt: String) -> LineInput {
        var savedSigint = sigaction()
        let handlerInstalled = coach_begin_interruptible_read(&savedSigint) == 0
        let raw = readline(SafeText.escaped(prompt))
        if handlerInstalled { coach_end_interruptible_read(&savedSigint) }
        let interrupted = coach_take_interrupt() != 0
        defer { free(raw) }
        if interrupted {
            coach_write_newline()
            return .interrupted
        }
        guard let raw else {
            coach_write_newline()
            return .endOfInput
        }
        return .line(String(cString: raw))
    }

    /// Adds `line` to the history unless it is blank or repeats the last entry, and appends it
    /// to the history file at once, so a shell that is killed keeps the commands it ran.
    public func addToHistory(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        if let last = coach_last_history_line(), String(cString: last) == line { return }
        add_history(line)
        guard let historyPath else { return }
        // readline appends only to a file that exists: create it private first.
        let file = open(historyPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if file >= 0 { close(file) }
        _ = append_history(1, historyPath)
    }

    /// Rewrites the history file with the history (at most 1000 entries, the oldest dropped),
    /// mode 0600.
    public func saveHistory() {
        guard let historyPath else { return }
        _ = write_history(historyPath)
        chmod(historyPath, 0o600)
    }
}

/// readline's process-wide settings and the state its C callbacks reach.
///
/// readline calls back on the thread that called `readline()`, and the reader
/// is used from one thread, hence `nonisolated(unsafe)`.
private enum ReadlineState {
    nonisolated(unsafe) static var completionProvider: CompletionProvider?
    nonisolated(unsafe) static var pendingMatches: [String] = []
    nonisolated(unsafe) static var nextMatch = 0
    nonisolated(unsafe) static var configured = false

    /// Strings readline keeps pointers to: allocated once, never freed.
    nonisolated(unsafe) static let name = strdup("coach")
    nonisolated(unsafe) static let wordBreaks = strdup(" \t\n")
    /// `"` opens a quoted word (`trends "Sofia H` completes `Sofia H`); `'` does not, as it is
    /// more often an apostrophe in free text (see `ShellWords`).
    nonisolated(unsafe) static let quoteCharacters = strdup("\"")

    static func configureOnce() {
        guard !configured else { return }
        configured = true
        coach_set_readline_name(name)
        coach_install_getc() // also turns off readline's own signal handlers
        coach_set_attempted_completion(attemptCompletion)
        coach_set_word_break_characters(wordBreaks)
        coach_set_completer_quote_characters(quoteCharacters)
        using_history()
        stifle_history(1000)
        // Initialize first, so reading ~/.inputrc cannot turn bracketed paste back on.
        rl_initialize()
        rl_variable_bind("enable-bracketed-paste", "off")
    }
}

/// readline's attempted-completion hook: asks the provider, never falls back
/// to file names.
private func attemptCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    coach_set_attempted_completion_over(1)
    guard let provider = ReadlineState.completionProvider, let text else { return nil }
    let lineBytes = coach_line_buffer().map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
    let line = String(decoding: lineBytes, as: UTF8.self)
    let prefixBytes = lineBytes.prefix(max(0, min(Int(start), lineBytes.count)))
    let wordStart = String(decoding: prefixBytes, as: UTF8.self).count
    ReadlineState.pendingMatches = provider(line, wordStart, String(cString: text))
    ReadlineState.nextMatch = 0
    return rl_completion_matches(text, generateMatch)
}

/// readline's match generator: hands out the pending matches one by one, as
/// `strdup`ed strings that readline frees.
private func generateMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { ReadlineState.nextMatch = 0 }
    guard ReadlineState.nextMatch < ReadlineState.pendingMatches.count else { return nil }
    let match = ReadlineState.pendingMatches[ReadlineState.nextMatch]
    ReadlineState.nextMatch += 1
    return strdup(match)
}
