import CoachConsole
import CoachCore
import CoachStore
import Foundation

/// A shell on an in-memory store with scripted input and captured output, for in-process tests.
public final class TestShell {
    public let database: AppDatabase
    public let reader: ScriptedLineReader
    public let context: CommandContext
    private let outBuffer = Buffer()
    private let errorBuffer = Buffer()

    /// What the shell printed on standard output, and on standard error.
    public var output: String { outBuffer.text }
    public var errors: String { errorBuffer.text }

    public init(lines: [String], user: String? = nil, terminal: Bool = false, database: AppDatabase? = nil,
         clock: CoachClock = .system, color: Bool = false, columns: Int? = nil) throws {
        self.database = try database ?? AppDatabase.inMemory()
        reader = ScriptedLineReader(lines: lines)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-console-\(UUID().uuidString)")
        let paths = CoachPaths.resolve(storeFlag: ":memory:", surveysFlag: nil,
                                       environment: ["HOME": folder.path], fileExists: { _ in false })
        let out = outBuffer, error = errorBuffer
        context = CommandContext(paths: paths, config: CoachConfig(),
                                 console: Console(useColor: color, columns: columns, out: { out.text += $0 }, error: { error.text += $0 }),
                                 reader: reader, isTerminal: terminal, userName: user, database: self.database,
                                 clock: clock)
    }

    /// Runs the shell over the scripted lines; returns its exit status.
    @discardableResult
    public func run() -> Int32 { Shell(context: context).run() }

    final class Buffer: @unchecked Sendable { var text = "" }
}
