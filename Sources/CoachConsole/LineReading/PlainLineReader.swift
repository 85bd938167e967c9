#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A ``LineReader`` for input that is not a terminal (a pipe or a file).
///
/// It prints no prompt and echoes nothing, so a script can drive the shell
/// with one command or answer per line. Lines end at `\n`; a `\r` before it is
/// dropped; a last line without a newline still counts. Invalid UTF-8 is
/// decoded with replacement characters (never a trap). Reads are buffered in
/// 64 KiB chunks; lines of any length are fine. History is ignored.
public final class PlainLineReader: LineReader {
    private static let chunkSize = 64 * 1024

    private let fileDescriptor: Int32
    private let closesOnDeinit: Bool
    private var buffer: [UInt8] = []
    /// Index of the first byte of `buffer` not yet returned.
    private var start = 0
    /// Index from which `buffer` has not been searched for a newline yet.
    private var scanned = 0
    private var reachedEnd = false

    /// Reads from `fileDescriptor` (standard input by default).
    /// - Parameter closeOnDeinit: whether to close the descriptor when the
    ///   reader goes away.
    public init(fileDescriptor: Int32 = STDIN_FILENO, closeOnDeinit: Bool = false) {
        self.fileDescriptor = fileDescriptor
        self.closesOnDeinit = closeOnDeinit
    }

    /// Reads from `fileHandle`, which must stay open while the reader is used.
    public convenience init(fileHandle: FileHandle) {
        self.init(fileDescriptor: fileHandle.fileDescriptor)
    }

    deinit {
        if closesOnDeinit { close(fileDescriptor) }
    }

    /// Returns the next line; `prompt` is ignored.
    public func readLine(prompt: String) -> LineInput {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = takeLine(upTo: newline)
                start = newline + 1
                scanned = start
                compactIfWorthwhile()
                return .line(line)
            }
            scanned = buffer.count
            if reachedEnd {
                guard start < buffer.count else { return .endOfInput }
                let line = takeLine(upTo: buffer.count)
                start = buffer.count
                scanned = start
                return .line(line)
            }
            fill()
        }
    }

    /// Plain input has no history.
    public func addToHistory(_ line: String) {}

    /// Plain input has no history.
    public func saveHistory() {}

    private func takeLine(upTo end: Int) -> String {
        var end = end
        if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: buffer[start..<end], as: UTF8.self)
    }

    /// Drops consumed bytes once they are the larger part of the buffer, so
    /// the buffer does not grow with the whole input.
    private func compactIfWorthwhile() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
        } else if start >= Self.chunkSize, start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
    }

    /// Appends the next chunk of input, or notes the end of input.
    private func fill() {
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: Self.chunkSize))
        var count = 0
        buffer.withUnsafeMutableBytes { raw in
            let target = raw.baseAddress! + oldCount
            while true {
                let n = read(fileDescriptor, target, Self.chunkSize)
                if n < 0, errno == EINTR { continue }
                count = n
                break
            }
        }
        // n == 0 is end of file; an error (e.g. EIO on a closed terminal) ends input too.
        buffer.removeSubrange((oldCount + max(count, 0))...)
        if count <= 0 { reachedEnd = true }
    }
}
