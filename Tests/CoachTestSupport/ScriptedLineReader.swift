import CoachConsole

/// A ``LineReader`` that replays a fixed script, for tests.
///
/// It records every prompt it was asked with, the lines added to history and
/// how often history was saved, so tests can check what the code under test
/// asked and remembered. After the script ends it returns `.endOfInput`.
public final class ScriptedLineReader: LineReader {
    /// A line that, in ``init(lines:)``, stands for Ctrl-C (`.interrupted`).
    public static let interrupt = "\u{3}"

    private var remaining: ArraySlice<LineInput>

    /// The prompts passed to ``readLine(prompt:)``, in order.
    public private(set) var prompts: [String] = []
    /// The lines passed to ``addToHistory(_:)``, in order.
    public private(set) var history: [String] = []
    /// How many times ``saveHistory()`` was called.
    public private(set) var saveCount = 0
    /// What a terminal would have shown: each prompt followed by the input
    /// given (`^C` for an interrupt), one per line.
    public private(set) var transcript = ""

    /// Replays `script` exactly, one entry per ``readLine(prompt:)`` call.
    public init(_ script: [LineInput]) {
        remaining = script[...]
    }

    /// Replays `lines`; an entry equal to ``interrupt`` simulates Ctrl-C.
    public convenience init(lines: [String]) {
        self.init(lines.map { $0 == Self.interrupt ? .interrupted : .line($0) })
    }

    /// Called before each ``readLine(prompt:)`` with how many entries were read before it:
    /// lets a test change the world at a given point of the script (replace the store file
    /// mid-session, say).
    public var beforeReading: ((Int) -> Void)?
    private var readCount = 0

    /// Whether every scripted entry has been consumed.
    public var isFinished: Bool { remaining.isEmpty }

    public func readLine(prompt: String) -> LineInput {
        beforeReading?(readCount)
        readCount += 1
        prompts.append(prompt)
        let input = remaining.popFirst() ?? .endOfInput
        switch input {
        case .line(let text): transcript += prompt + text + "\n"
        case .interrupted: transcript += prompt + "^C\n"
        case .endOfInput: transcript += prompt + "\n"
        }
        return input
    }

    public func addToHistory(_ line: String) {
        history.append(line)
    }

    public func saveHistory() {
        saveCount += 1
    }
}
