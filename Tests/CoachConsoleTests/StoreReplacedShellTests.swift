import CoachConsole
import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// The store file replaced while a session runs in the shell.
@Suite("A store file replaced under the shell")
struct StoreReplacedShellTests {
    @Test("the session is paused with its answers in the file coach opened, the error says to start again, the shell stops")
    func sessionPausesAndShellStops() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-console-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("coach.sqlite").path
        let aside = folder.appendingPathComponent("moved.sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.addPerson(name: "Ana", role: .rep, team: "North", manager: nil, by: nil)
        let shell = try TestShell(lines: ["run who-5", "4", "2", "5", "1", "3", "people"], user: "Ana", database: database)
        shell.reader.beforeReading = { read in
            guard read == 3 else { return }  // "run who-5", "4" and "2" are in; "5" is next
            rename(path, aside)
            FileManager.default.createFile(atPath: path, contents: nil)
        }

        #expect(shell.run() == 1)
        #expect(shell.output.contains("Paused WHO-5 Well-Being Index: the answers given so far stay in the store file coach opened."))
        #expect(shell.errors.contains("the store file \(path) was replaced or removed"), "\(shell.errors)")
        #expect(shell.errors.contains("Start coach again"))
        #expect(!shell.errors.contains("unknown command"), "the answers left were not run as commands")
        #expect(!shell.reader.isFinished)
        let moved = try AppDatabase.open(path: aside)
        // The session is still open in the moved file. (This process still holds its claim, so
        // `resumableSession` would say so; a coach started again takes the claim over.)
        let session = try #require(try moved.session(id: 1))
        #expect(session.state == .inProgress || session.state == .paused)
        #expect(try moved.answers(sessionID: 1).count == 2)
    }
}
