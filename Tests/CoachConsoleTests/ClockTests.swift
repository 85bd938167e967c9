@testable import CoachConsole
import CoachTestSupport
import CoachCore
@testable import CoachStore
import Foundation
import GRDB
import Testing

/// Commands read "now" from the context's clock: a test sets it, and cadence, due dates and
/// week boundaries follow it rather than the machine's time.
@Suite("The clock of the command context")
struct ClockTests {
    /// Noon UTC on `day` (`2026-11-28`): the same calendar day in any time zone within ±11 h.
    static func noon(_ day: String) -> Date {
        ISO8601DateFormatter().date(from: day + "T12:00:00Z")!
    }

    static func shell(_ lines: [String], at day: String, database: AppDatabase) throws -> TestShell {
        let shell = try TestShell(lines: lines, user: "Ana", database: database, clock: .fixed(noon(day)))
        shell.run()
        return shell
    }

    @Test("a WHO-5 done on Saturday is not due on Sunday, and due again on Monday (a new ISO week)")
    func weeklyCadenceFollowsTheClock() throws {
        let database = try HistoryBuilder.seeded().database
        let done = try Self.shell(["run who-5", "5", "4", "4", "3", "5"], at: "2026-11-28", database: database)
        #expect(done.output.contains("Done: WHO-5 Well-Being Index"), "\(done.output)\(done.errors)")
        let session = try #require(try database.read { db in try Session.fetchOne(db, sql: "SELECT * FROM session") })
        #expect(session.startedAt == Self.noon("2026-11-28"))
        #expect(session.completedAt == Self.noon("2026-11-28"))
        #expect(session.periodKey == "2026-W48")

        let sunday = try Self.shell(["due"], at: "2026-11-29", database: database)
        #expect(!sunday.output.contains("WHO-5"), "\(sunday.output)")
        let monday = try Self.shell(["due"], at: "2026-11-30", database: database)
        #expect(monday.output.contains("WHO-5"), "\(monday.output)")
    }

    @Test("goal set without --period takes the clock's month")
    func goalMonthFollowsTheClock() throws {
        let database = try HistoryBuilder.seeded().database
        let shell = try TestShell(lines: ["goal set Ana revenue 12000"], user: "Marco", database: database,
                                  clock: .fixed(Self.noon("2027-01-15")))
        shell.run()
        #expect(shell.output.contains("in 2027-01"), "\(shell.output)\(shell.errors)")
    }
}
