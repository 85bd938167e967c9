@testable import CoachConsole
import CoachTestSupport
import CoachCore
import CoachStore
import Foundation
import Testing

/// Tables fitted to the terminal's width: free-text columns cut with `…`, numbers never.
@Suite("Tables that fit the terminal")
struct TableFitTests {
    /// Ana: two self-assessments a week apart (long score labels) and an action item with a long text.
    func builder() throws -> HistoryBuilder {
        let builder = try HistoryBuilder.seeded()
        let scores: [String: Double] = ["communication": 3.5, "targets": 4, "data_crm": 2.5, "customer_feedback": 4.5,
                                        "teamwork": 3, "overall": 3.55]
        try builder.session("weekly-self-assessment", kind: "self-assessment", at: HistoryBuilder.daysAgo(7),
                            scores: scores.mapValues { $0 - 1.25 })
        try builder.session("weekly-self-assessment", kind: "self-assessment", at: HistoryBuilder.daysAgo(0), scores: scores)
        var effects = SessionEffects()
        effects.newActions = [.init(text: "Send the revised pricing sheet for the ACME renewal, with the volume discount "
                                        + "tiers we discussed and the new support terms", owner: "Ana", due: "2030-01-15")]
        try builder.session("one-on-one", kind: "one-on-one", author: "Marco", at: HistoryBuilder.daysAgo(5),
                            scores: ["mood_score": 4], effects: effects)
        return builder
    }

    func render(_ line: String, columns: Int?) throws -> String {
        let shell = try TestShell(lines: [line], user: "Ana", database: try builder().database, columns: columns)
        #expect(shell.run() == 0, "\(shell.errors)")
        return shell.output
    }

    /// The numbers of a table, in order: every cell that reads as a number (`3.55`, `+1.25`, `2`).
    func numbers(_ table: String) -> [String] {
        table.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            .filter { $0.first.map { $0.isNumber || $0 == "+" || $0 == "-" } == true && Double($0) != nil }
    }

    @Test("trends and actions at 80 and 120 columns: no line wider, every number whole", arguments: [80, 120])
    func fitted(_ columns: Int) throws {
        for command in ["trends Ana", "actions"] {
            let wide = try render(command, columns: nil)
            let fitted = try render(command, columns: columns)
            #expect(wide.split(separator: "\n").contains { $0.count > columns }, "\(command) needs fitting at \(columns):\n\(wide)")
            for line in fitted.split(separator: "\n") {
                #expect(line.count <= columns, "\(command) at \(columns): \(line.count) characters:\n\(fitted)")
            }
            #expect(numbers(fitted) == numbers(wide), "\(command): numbers stay whole\n\(fitted)")
            #expect(fitted.contains("…"), "\(command): the free text is cut\n\(fitted)")
        }
    }

    @Test("without a width nothing is cut")
    func unfitted() throws {
        let wide = try render("actions", columns: nil)
        #expect(wide.contains("and the new support terms"))
        #expect(!wide.contains("…"))
    }

    @Test("only shrinkable columns shrink, widest first, not below their floor; a cut cell ends in …")
    func shrinking() {
        var table = Table("ID", "TITLE", "NOTE", "N")
        table.mayShrink("TITLE", "NOTE")
        table.add(["1", String(repeating: "t", count: 30), String(repeating: "n", count: 20), "12345"])
        let lines = table.render(width: 40).components(separatedBy: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        #expect(lines[1].hasSuffix("  12345"))
        #expect(lines[1].contains("…"))
        // Too narrow to fit: the shrinkable columns stop at their floor, nothing else is cut.
        let narrow = table.render(width: 10).components(separatedBy: "\n")
        #expect(narrow[1] == "1   tttt…  nnn…  12345", "\(narrow)")
    }
}
