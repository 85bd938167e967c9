import Foundation
import Testing
@testable import CoachConsole

/// A reader over a pipe fed by a background thread (so inputs bigger than the
/// pipe buffer work), closed when the reader goes away.
private func reader(for bytes: [UInt8]) -> PlainLineReader {
    let pipe = Pipe()
    let writer = pipe.fileHandleForWriting
    Thread.detachNewThread {
        try? writer.write(contentsOf: Data(bytes))
        try? writer.close()
    }
    let fd = dup(pipe.fileHandleForReading.fileDescriptor)
    return PlainLineReader(fileDescriptor: fd, closeOnDeinit: true)
}

private func reader(for text: String) -> PlainLineReader {
    reader(for: Array(text.utf8))
}

private func readAll(_ reader: PlainLineReader) -> [LineInput] {
    var inputs: [LineInput] = []
    while true {
        let input = reader.readLine(prompt: "> ")
        inputs.append(input)
        if input == .endOfInput { return inputs }
    }
}

@Suite("PlainLineReader")
struct PlainLineReaderTests {
    @Test func readsLinesThenEndOfInput() {
        #expect(readAll(reader(for: "help\npeople\n")) == [.line("help"), .line("people"), .endOfInput])
    }

    @Test func emptyInputIsEndOfInput() {
        let plain = reader(for: "")
        #expect(plain.readLine(prompt: "> ") == .endOfInput)
        #expect(plain.readLine(prompt: "> ") == .endOfInput)
    }

    @Test func stripsCarriageReturns() {
        #expect(readAll(reader(for: "one\r\ntwo\r\n\r\n")) == [.line("one"), .line("two"), .line(""), .endOfInput])
    }

    @Test func keepsALastLineWithoutNewline() {
        #expect(readAll(reader(for: "first\nlast")) == [.line("first"), .line("last"), .endOfInput])
        #expect(readAll(reader(for: "only\r")) == [.line("only"), .endOfInput])
    }

    @Test func keepsBlankLinesAndSpaces() {
        #expect(readAll(reader(for: "\n  a b  \n")) == [.line(""), .line("  a b  "), .endOfInput])
    }

    @Test func decodesInvalidUTF8Lossily() {
        let bytes: [UInt8] = Array("ok ".utf8) + [0xFF, 0xC3] + Array("\ncafé\n".utf8)
        #expect(readAll(reader(for: bytes)) == [.line("ok \u{FFFD}\u{FFFD}"), .line("café"), .endOfInput])
    }

    @Test func readsAVeryLongLine() {
        let long = String(repeating: "abcdefghij", count: 20_000) // 200 kB
        let lines = readAll(reader(for: long + "\nafter\n" + long))
        #expect(lines == [.line(long), .line("after"), .line(long), .endOfInput])
    }

    @Test func readsManyLines() {
        let lines = (0..<50_000).map { "line \($0)" }
        let inputs = readAll(reader(for: lines.joined(separator: "\n") + "\n"))
        #expect(inputs == lines.map { .line($0) } + [.endOfInput])
    }

    @Test func ignoresPromptAndHistory() {
        let plain = reader(for: "x\n")
        plain.addToHistory("x")
        plain.saveHistory()
        #expect(plain.readLine(prompt: "secret? ") == .line("x"))
    }
}
