import CoachCore
import Foundation

/// Where commands write: standard output for results, standard error for problems.
/// Tests capture both by passing their own sinks.
///
/// Everything written passes `SafeText`: a control or bidirectional character in a name, a note
/// or a survey label is shown as an escape, never obeyed by the terminal. The only escape
/// sequences that reach the terminal are the styles `styled` asks for.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeError: (String) -> Void
    /// Whether ANSI colour may be used (see `ColorChoice`).
    public let useColor: Bool
    private let measureColumns: () -> Int?
    /// Where long output goes (nil: nowhere, it is printed); set for the terminal by `standard`.
    private let pager: Pager?
    /// Output held by `paging`, in the order it was written (nil: written as it comes).
    private var held: [(text: String, isProblem: Bool)]?
    /// Whether `paging` holds problems too (standard error is the same terminal), or writes them at once.
    private var holdsProblems = false
    /// Guards `held`: a notice may come from another thread (the server connection's reconnect).
    private let heldLock = NSLock()

    /// - Parameter columns: the width tables fit (nil: no fitting).
    public init(useColor: Bool, columns: Int? = nil, out: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.useColor = useColor
        self.measureColumns = { columns }
        self.pager = nil
        self.writeOut = out
        self.writeError = error
    }

    private init(useColor: Bool, measureColumns: @escaping () -> Int?, pager: Pager?) {
        self.useColor = useColor
        self.measureColumns = measureColumns
        self.pager = pager
        self.writeOut = { Self.writeAll($0, to: STDOUT_FILENO) }
        self.writeError = { Self.writeAll($0, to: STDERR_FILENO) }
    }

    /// The process's standard output and error; tables fit `COLUMNS` or the terminal's width
    /// (`TerminalSize`), measured each time, so a resized window is followed. Output longer than
    /// the window goes through `pager` when a command asks for it (`paging`).
    public static func standard(useColor: Bool) -> Console { standard(useColor: useColor, pager: nil) }

    static func standard(useColor: Bool, pager: Pager?) -> Console {
        Console(useColor: useColor, measureColumns: TerminalSize.columns, pager: pager)
    }

    /// The width tables are fitted to, or nil when output goes to no terminal and `COLUMNS` is unset.
    public var columns: Int? { measureColumns() }

    /// Writes `text` whole. When whoever reads standard output has gone (`coach trends | head`),
    /// coach ends as other command-line tools do, by SIGPIPE, quietly; a closed standard error
    /// is ignored.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        if Descriptor.writeAll(text, to: descriptor) == EPIPE, descriptor == STDOUT_FILENO {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
    }

    /// Writes a line (or several) to standard output.
    public func line(_ text: String = "") { emit(Self.terminalText(text) + "\n", isProblem: false) }

    /// Writes text to standard output without a newline.
    public func write(_ text: String) { emit(Self.terminalText(text), isProblem: false) }

    /// Writes a problem to standard error.
    public func problem(_ text: String) { emit(Self.terminalText(text) + "\n", isProblem: true) }

    private func emit(_ text: String, isProblem: Bool) {
        let wasHeld: Bool = heldLock.withLock {
            guard held != nil, !isProblem || holdsProblems else { return false }
            held!.append((text, isProblem))
            return true
        }
        if wasHeld { return }
        if isProblem { writeError(text) } else { writeOut(text) }
    }

    /// Runs `body` (a listing command) with its output held, then shows it through the pager
    /// when it does not fit above the next prompt (as many lines as the window has rows, or
    /// more), else writes it as it came. Problems
    /// stay in their place among the lines (through the pager too, as git does) when standard
    /// error is the terminal as well; elsewhere they are written at once. Nothing is held without
    /// a pager, when standard output is not a terminal, or in a body already paging; if the pager
    /// cannot start, the output is written directly.
    func paging<Result>(_ body: () throws -> Result) rethrows -> Result {
        guard let pager, heldLock.withLock({ held == nil }), isatty(STDOUT_FILENO) == 1 else { return try body() }
        heldLock.withLock {
            held = []
            holdsProblems = isatty(STDERR_FILENO) == 1
        }
        defer {
            let output: [(text: String, isProblem: Bool)] = heldLock.withLock {
                defer { held = nil }
                return held ?? []
            }
            let text = output.map(\.text).joined()
            let rows = TerminalSize.window()?.rows ?? 0
            if rows == 0 || Self.screenLines(text, columns: columns) < rows || !pager.show(text) {
                for (text, isProblem) in output { emit(text, isProblem: isProblem) }
            }
        }
        return try body()
    }

    /// How many rows of a `columns`-wide screen `text` takes (ANSI styles take none).
    static func screenLines(_ text: String, columns: Int?) -> Int {
        let plain = text.replacing(/\u{1b}\[[0-9;]*m/, with: "")
        var lines = plain.split(separator: "\n", omittingEmptySubsequences: false)
        if plain.hasSuffix("\n") { lines.removeLast() }
        guard let columns, columns > 0 else { return lines.count }
        return lines.reduce(0) { $0 + max(1, ($1.count + columns - 1) / columns) }
    }

    /// Marks text for an ANSI style when colour is on; the console turns the marks into escape
    /// sequences as it writes (`terminalText`), after escaping everything else.
    public func styled(_ text: String, _ style: TextStyle) -> String {
        useColor ? Self.mark(style.rawValue) + text + Self.mark(TextStyle.reset) : text
    }

    /// A style mark: two Unicode noncharacters around the style's number. Noncharacters never
    /// come from people or survey files (input and lint refuse them; `SafeText` escapes them).
    private static func mark(_ code: String) -> String { String(markStart) + code + String(markEnd) }
    private static let markStart = Character(Unicode.Scalar(UInt8(0)).withValue(0xFDD0))
    private static let markEnd = Character(Unicode.Scalar(UInt8(0)).withValue(0xFDD1))

    /// `text` made safe for a terminal: style marks become their ANSI sequences, every other
    /// character `SafeText` names is shown escaped; line feeds and tabs are kept.
    static func terminalText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: SafeText.needsEscape) else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstIndex(of: markStart) {
            result += SafeText.escaped(String(rest[..<start]))
            let afterStart = rest.index(after: start)
            if let end = rest[afterStart...].firstIndex(of: markEnd),
               TextStyle.codes.contains(String(rest[afterStart..<end])) {
                result += "\u{1b}[" + rest[afterStart..<end] + "m"
                rest = rest[rest.index(after: end)...]
            } else {
                result += SafeText.escaped(String(rest[start]))
                rest = rest[afterStart...]
            }
        }
        return result + SafeText.escaped(String(rest))
    }
}

/// The few ANSI styles coach uses.
public enum TextStyle: String, Sendable, CaseIterable {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"

    /// The code that ends a style.
    static let reset = "0"
    /// Every code `Console.styled` writes.
    static let codes: Set<String> = Set(allCases.map(\.rawValue) + [reset])
}

private extension Unicode.Scalar {
    /// The scalar `value` (a constant known to be valid), or this one if it is not.
    func withValue(_ value: UInt32) -> Unicode.Scalar { Unicode.Scalar(value) ?? self }
}
