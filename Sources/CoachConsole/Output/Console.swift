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

    /// - Parameter columns: the width tables fit (nil: no fitting).
    public init(useColor: Bool, columns: Int? = nil, out: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.useColor = useColor
        self.measureColumns = { columns }
        self.writeOut = out
        self.writeError = error
    }

    private init(useColor: Bool, measureColumns: @escaping () -> Int?) {
        self.useColor = useColor
        self.measureColumns = measureColumns
        self.writeOut = { Self.writeAll($0, to: STDOUT_FILENO) }
        self.writeError = { Self.writeAll($0, to: STDERR_FILENO) }
    }

    /// The process's standard output and error; tables fit `COLUMNS` or the terminal's width
    /// (`TerminalSize`), measured each time, so a resized window is followed.
    public static func standard(useColor: Bool) -> Console {
        Console(useColor: useColor, measureColumns: TerminalSize.columns)
    }

    /// The width tables are fitted to, or nil when output goes to no terminal and `COLUMNS` is unset.
    public var columns: Int? { measureColumns() }

    /// Writes `text` whole. When whoever reads standard output has gone (`coach trends | head`),
    /// coach ends as other command-line tools do, by SIGPIPE, quietly; a closed standard error
    /// is ignored.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                bytes = bytes.dropFirst(written)
                continue
            }
            if errno == EINTR { continue }
            if errno == EPIPE, descriptor == STDOUT_FILENO {
                signal(SIGPIPE, SIG_DFL)
                raise(SIGPIPE)
            }
            return
        }
    }

    /// Writes a line (or several) to standard output.
    public func line(_ text: String = "") { writeOut(Self.terminalText(text) + "\n") }

    /// Writes text to standard output without a newline.
    public func write(_ text: String) { writeOut(Self.terminalText(text)) }

    /// Writes a problem to standard error.
    public func problem(_ text: String) { writeError(Self.terminalText(text) + "\n") }

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
