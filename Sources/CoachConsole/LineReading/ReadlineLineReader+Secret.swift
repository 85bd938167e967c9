import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ReadlineLineReader {
    /// Reads a line with the terminal's echo off, outside readline, so it is neither shown nor
    /// kept in the history; the terminal's settings come back however the read ends.
    public func readSecret(prompt: String) -> LineInput {
        var saved = termios()
        let canHide = tcgetattr(STDIN_FILENO, &saved) == 0
        if canHide {
            var hidden = saved
            hidden.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden)
        }
        defer {
            if canHide { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
        FileHandle.standardOutput.write(Data(prompt.utf8))
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }
}
