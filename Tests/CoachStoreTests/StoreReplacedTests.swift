import Foundation
import GRDB
import Testing
@testable import CoachStore

/// A store file replaced or removed under an open store: nothing more is written, the error
/// says so, and what was acknowledged is in the file coach opened.
@Suite("The store file replaced under coach")
struct StoreReplacedTests {
    @Test("a file renamed over the store: writes are refused, the moved original holds everything acknowledged, the new file is untouched")
    func renamedOver() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let aside = folder.appendingPathComponent("moved.sqlite").path
            let other = folder.appendingPathComponent("other.sqlite").path
            let store = try AppDatabase.open(path: path)
            try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            try AppDatabase.open(path: other).addPerson(name: "Zed", role: .hr, team: nil, manager: nil, by: nil)
            #expect(rename(path, aside) == 0)
            #expect(rename(other, path) == 0)

            let error = storeError { try store.addPerson(name: "Mia", role: .manager, team: "North", manager: nil, by: "Hana") }
            #expect(error == .storeReplaced(path: path))
            #expect(error?.description.contains("Start coach again") == true)
            #expect(try AppDatabase.open(path: aside).people().map(\.name) == ["Hana"])
            let replacement = try AppDatabase.open(path: path)
            #expect(try replacement.people().map(\.name) == ["Zed"])
            #expect(try replacement.check().compactMap(\.problem) == [])
        }
    }

    @Test("a deleted store file: the next write is refused")
    func removed() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("coach.sqlite").path
            let store = try AppDatabase.open(path: path)
            try store.addPerson(name: "Hana", role: .hr, team: nil, manager: nil, by: nil)
            #expect(unlink(path) == 0)
            #expect(storeError { try store.addPerson(name: "Mia", role: .hr, team: nil, manager: nil, by: "Hana") }
                    == .storeReplaced(path: path))
            #expect(!FileManager.default.fileExists(atPath: path), "the write did not bring the file back")
        }
    }
}
