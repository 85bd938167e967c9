import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The size of the terminal coach writes to, for fitting tables to its width.
enum TerminalSize {
    /// The width to fit output to: `COLUMNS` when it is set to a positive number, else the
    /// terminal's width when standard output is one; nil (do not fit) otherwise.
    static func columns() -> Int? {
        if let text = getenv("COLUMNS").map({ String(cString: $0) }),
           let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
            return columns
        }
        return window()?.columns
    }

    /// Standard output's window size, when it is a terminal that reports one.
    static func window() -> (columns: Int, rows: Int)? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
