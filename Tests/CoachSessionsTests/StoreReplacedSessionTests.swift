import CoachCore
import CoachSessions
@testable import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// A conversation that answers from a script and, just before the `at`-th question, runs
/// `action` (the store file replaced mid-session).
private final class InterruptedConversation: Conversation {
    private let script: ScriptedConversation
    private let at: Int
    private let action: () -> Void
    private var asked = 0

    init(_ lines: [String], at: Int, action: @escaping () -> Void) {
        script = ScriptedConversation(lines)
        self.at = at
        self.action = action
    }

    func say(_ text: String) { script.say(text) }

    func ask(_ prompt: String) -> ConversationInput {
        asked += 1
        if asked == at { action() }
        return script.ask(prompt)
    }
}

@Suite("A store file replaced during a session")
struct StoreReplacedSessionTests {
    @Test("the session stops with storeReplaced; the answers before it are in the file coach opened, nothing after")
    func stopsAndKeepsTheOpenedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-sessions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("coach.sqlite").path
        let aside = folder.appendingPathComponent("moved.sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.addPerson(name: "Rita", role: .rep, team: "North", manager: nil, by: nil)
        let service = SessionService(database: database)
        let ready = try service.start(try BundledFixtures.survey("who-5"), authorName: "Rita", subjectName: nil)
        let conversation = InterruptedConversation(["4", "2", "5", "1", "3"], at: 3) {
            rename(path, aside)
            FileManager.default.createFile(atPath: path, contents: nil)
        }

        #expect(throws: StoreError.storeReplaced(path: path)) { try service.run(ready, conversation: conversation) }
        let moved = try AppDatabase.open(path: aside)
        #expect(try moved.answers(sessionID: ready.sessionID).map(\.value)
                == [#"{"type":"choice","value":4}"#, #"{"type":"choice","value":2}"#])
        #expect(try moved.session(id: ready.sessionID)?.state == .inProgress, "resumable from the moved file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty, "nothing written to the new file")
    }
}
