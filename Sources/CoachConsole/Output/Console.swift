import Foundation

/// Where commands write: standard output for results, standard error for problems.
/// Tests capture both by passing their own sinks.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeError: (String) -> Void
    /// Whether ANSI colour may be used (see `ColorChoice`).
    public let useColor: Bool

    public init(useColor: Bool, out: @escaping (String) -> Void, error: @escaping (String) -> Void) {
        self.useColor = useColor
        self.writeOut = out
        self.writeError = error
    }

    /// The process's standard output and error.
    public static func standard(useColor: Bool) -> Console {
        Console(useColor: useColor,
                out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                error: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    /// Writes a line (or several) to standard output.
    public func line(_ text: String = "") { writeOut(text + "\n") }

    /// Writes text to standard output without a newline.
    public func write(_ text: String) { writeOut(text) }

    /// Writes a problem to standard error.
    public func problem(_ text: String) { writeError(text + "\n") }

    /// Wraps text in an ANSI style when colour is on.
    public func styled(_ text: String, _ style: TextStyle) -> String {
        useColor ? "\u{1b}[\(style.rawValue)m\(text)\u{1b}[0m" : text
    }
}

/// The few ANSI styles coach uses.
public enum TextStyle: String, Sendable {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"
}
