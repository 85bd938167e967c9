#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One result of asking the user for a line.
public enum LineInput: Equatable, Sendable {
    /// A line the user submitted, without its line terminator.
    case line(String)
    /// The user pressed Ctrl-C at the prompt: the line was discarded.
    /// The shell shows a fresh prompt; a guided session treats it as "pause".
    case interrupted
    /// End of input (Ctrl-D on an empty line, or the end of a file or pipe).
    case endOfInput
}

/// A source of input lines: GNU readline on a terminal, plain lines from a
/// pipe or file, or a script in tests.
///
/// Readers never add to history on their own. The caller adds command lines
/// with ``addToHistory(_:)``, and never answers to private questions.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (if the reader displays prompts) and reads one line.
    func readLine(prompt: String) -> LineInput

    /// Records `line` in the history (for recall with the arrow keys).
    func addToHistory(_ line: String)

    /// Persists the history, if the reader keeps it somewhere.
    func saveHistory()

    /// Reads a secret (a password): not echoed on a terminal, never added to the history.
    func readSecret(prompt: String) -> LineInput
}

extension LineReader {
    /// Readers that echo nothing anyway (a pipe, a script) read a secret as any line.
    public func readSecret(prompt: String) -> LineInput { readLine(prompt: prompt) }
}

/// The reader for this process's standard input: GNU readline on a terminal
/// (with history and completion), plain lines otherwise (a pipe or a file:
/// no prompt, no echo, no history).
///
/// - Parameters:
///   - historyPath: the history file used on a terminal, or `nil`.
///   - completion: Tab completion used on a terminal.
public func standardInputLineReader(
    historyPath: String?, completion: CompletionProvider? = nil
) -> any LineReader {
    if isatty(STDIN_FILENO) != 0 {
        return ReadlineLineReader(historyPath: historyPath, completion: completion)
    }
    return PlainLineReader(fileDescriptor: STDIN_FILENO)
}
