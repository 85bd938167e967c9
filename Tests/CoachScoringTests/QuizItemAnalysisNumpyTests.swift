import Foundation
import Testing
@testable import CoachScoring

/// Runs `scripts/item-analysis-check.py` (numpy) on generated attempts and compares every statistic.
///
/// Skipped when `python3 -c 'import numpy'` fails, so CI without numpy still runs everything else.
@Suite("Quiz item analysis against numpy")
struct QuizItemAnalysisNumpyTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = packageRoot.appendingPathComponent("scripts/item-analysis-check.py")
    static let numpyAvailable: Bool = run(["python3", "-c", "import numpy"], timeout: 30)?.status == 0

    static let ids = (1...8).map { "q\($0)" }
    static let maxMarks: [Double] = [1, 1, 1, 2, 1, 1, 1, 1]

    /// 40 attempts × 8 questions from a seeded ability model. q4 is worth 2 with partial credit;
    /// q8 is miskeyed: the stronger the person, the likelier the "wrong" mark.
    static func generated() -> [QuizAttemptMarks] {
        var random = SplitMix64(seed: 20261127)
        let difficulty: [Double] = [-1.5, -0.8, -0.3, 0, 0.3, 0.8, 1.2, 0]
        return (0..<40).map { _ in
            let ability = random.unit() * 4 - 2
            var marks: [Double] = []
            for (index, b) in difficulty.enumerated() {
                let p = 1 / (1 + exp(-(ability - b) * 1.7))
                switch index {
                case 3: marks.append((random.unit() < p ? 1 : 0) + (random.unit() < p ? 1 : 0))
                case 7: marks.append(random.unit() < 1 - p ? 1 : 0)
                default: marks.append(random.unit() < p ? 1 : 0)
                }
            }
            return attempt(marks, max: maxMarks)
        }
    }

    struct Input: Encodable {
        var questions: [String]
        var pass: Double?
        var attempts: [QuizAttemptMarks]
    }

    struct Expected: Decodable {
        struct Question: Decodable {
            var id: String
            var attempts: Int
            var facility, sd, discrimination, efficiency: Double?
            var flag: String?
        }
        var attempts: Int
        var mean_percent, sd_percent, cic, error_ratio, standard_error, pass_rate: Double?
        var questions: [Question]
    }

    @Test(.enabled(if: numpyAvailable, "needs python3 with numpy (pip install numpy)"))
    func generatedSetMatchesNumpy() throws {
        let attempts = Self.generated()
        let report = ItemAnalysis.analyse(attempts: attempts, questionIDs: Self.ids, passMark: 60)
        let expected = try numpy(Input(questions: Self.ids, pass: 60, attempts: attempts))

        func same(_ swift: Double?, _ python: Double?, _ what: String) {
            switch (swift, python) {
            case (nil, nil): break
            case let (a?, b?): #expect(abs(a - b) <= 1e-6, "\(what): swift \(a), numpy \(b)")
            default: Issue.record("\(what): swift \(String(describing: swift)), numpy \(String(describing: python))")
            }
        }
        #expect(report.attempts == expected.attempts)
        same(report.meanPercent, expected.mean_percent, "mean_percent")
        same(report.sdPercent, expected.sd_percent, "sd_percent")
        same(report.cic, expected.cic, "cic")
        same(report.errorRatio, expected.error_ratio, "error_ratio")
        same(report.standardError, expected.standard_error, "standard_error")
        same(report.passRate, expected.pass_rate, "pass_rate")
        try #require(report.questions.count == expected.questions.count)
        for (mine, theirs) in zip(report.questions, expected.questions) {
            #expect(mine.id == theirs.id && mine.attempts == theirs.attempts)
            same(mine.facility, theirs.facility, "\(mine.id) facility")
            same(mine.sd, theirs.sd, "\(mine.id) sd")
            same(mine.discrimination, theirs.discrimination, "\(mine.id) discrimination")
            same(mine.efficiency, theirs.efficiency, "\(mine.id) efficiency")
            #expect(mine.flag?.rawValue == theirs.flag, "\(mine.id) flag")
        }
        // The set is what it claims to be: a usable test with one miskeyed question.
        #expect(report.questions[7].flag == .likelyMiskeyed)
        #expect(report.questions.prefix(7).allSatisfy { ($0.discrimination ?? -1) > 0 })
        #expect(report.cic != nil && report.passRate != nil)
    }

    @Test(.enabled(if: numpyAvailable, "needs python3 with numpy (pip install numpy)"))
    func handWorkedAndDrawnSetsMatchNumpy() throws {
        var drawn = Self.generated().prefix(15).map { $0 }
        for index in drawn.indices where index % 3 == 0 { drawn[index].marks["q2"] = nil }
        for (attempts, pass) in [(QuizItemAnalysisTests.handWorked, 50.0), (drawn, 70.0)] {
            let ids = attempts.count == 5 ? ["q1", "q2", "q3"] : Self.ids
            let report = ItemAnalysis.analyse(attempts: attempts, questionIDs: ids, passMark: pass)
            let expected = try numpy(Input(questions: ids, pass: pass, attempts: attempts))
            let mine = report.questions.flatMap { [$0.facility, $0.sd, $0.discrimination, $0.efficiency] }
                + [report.meanPercent, report.sdPercent, report.cic, report.errorRatio, report.standardError, report.passRate]
            let theirs = expected.questions.flatMap { [$0.facility, $0.sd, $0.discrimination, $0.efficiency] }
                + [expected.mean_percent, expected.sd_percent, expected.cic, expected.error_ratio,
                   expected.standard_error, expected.pass_rate]
            #expect(mine.count == theirs.count)
            for (a, b) in zip(mine, theirs) {
                #expect((a == nil) == (b == nil))
                if let a, let b { #expect(abs(a - b) <= 1e-6) }
            }
            #expect(report.questions.map { $0.flag?.rawValue } == expected.questions.map(\.flag))
        }
    }

    /// Writes `input` to a temporary file and decodes the script's output.
    func numpy(_ input: Input) throws -> Expected {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("item-analysis-\(UUID().uuidString).json")
        try JSONEncoder().encode(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try #require(Self.run(["python3", Self.script.path, file.path], timeout: 60),
                                  "python3 did not finish in time")
        try #require(result.status == 0, "item-analysis-check.py failed: \(result.error)")
        return try JSONDecoder().decode(Expected.self, from: result.output)
    }

    /// Runs a command; nil when it cannot start or is still running after `timeout` seconds (killed).
    static func run(_ arguments: [String], timeout: TimeInterval) -> (status: Int32, output: Data, error: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                return nil
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, data, message)
    }
}
