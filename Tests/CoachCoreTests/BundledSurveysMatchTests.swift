import Foundation
import Testing
import CoachCore

/// The surveys compiled into the binary (`Sources/CoachCore/Bundled/BundledSurveys.swift`) must be
/// exactly the files in `surveys/`. When this fails, run `scripts/embed-surveys` and commit.
@Suite struct BundledSurveysMatchTests {
    /// The repository root, three levels above this file: Tests/CoachCoreTests/<file>.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func surveyFilesOnDisk() throws -> [String: [UInt8]] {
        let dir = root.appendingPathComponent("surveys")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".yaml") }
        var files: [String: [UInt8]] = [:]
        for name in names {
            files[name] = Array(try Data(contentsOf: dir.appendingPathComponent(name)))
        }
        return files
    }

    @Test func sameFileNames() throws {
        let onDisk = try Self.surveyFilesOnDisk()
        let embedded = BundledSurveys.files.map(\.name)
        #expect(!onDisk.isEmpty, "no surveys found under \(Self.root.path)/surveys")
        #expect(embedded == onDisk.keys.sorted(),
                "bundled survey names differ from surveys/*.yaml: run scripts/embed-surveys")
    }

    @Test func sameContentByteForByte() throws {
        let onDisk = try Self.surveyFilesOnDisk()
        for file in BundledSurveys.files {
            guard let bytes = onDisk[file.name] else {
                Issue.record("\(file.name) is bundled but not in surveys/: run scripts/embed-surveys")
                continue
            }
            // Compare UTF-8 bytes, not Strings: String equality ignores Unicode normalisation.
            let embedded = Array(file.content.utf8)
            if embedded != bytes {
                let common = min(embedded.count, bytes.count)
                let offset = (0..<common).first { embedded[$0] != bytes[$0] } ?? common
                let line = bytes.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1
                Issue.record("""
                    \(file.name) differs from surveys/\(file.name) from line \(line) \
                    (embedded \(embedded.count) bytes, on disk \(bytes.count)): run scripts/embed-surveys
                    """)
            }
        }
    }

    @Test func namesAreSortedAndUnique() {
        let names = BundledSurveys.files.map(\.name)
        #expect(names == names.sorted(), "bundled surveys not sorted: run scripts/embed-surveys")
        #expect(Set(names).count == names.count, "duplicate bundled survey names")
    }
}
