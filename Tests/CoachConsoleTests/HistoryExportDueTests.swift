@testable import CoachConsole
import CoachTestSupport
import CoachCore
import CoachStore
import Foundation
import Testing

/// `history`, `export` and `due`, in process on a store built with past dates.
@Suite("history, export and due, in process")
struct HistoryExportDueTests {
    /// Ana: a self-assessment 20 days ago, a pre quiz run by Dana 10 days ago, a one-on-one by
    /// Marco 5 days ago with a new action item, WHO-5 yesterday.
    func history() throws -> HistoryBuilder {
        let builder = try HistoryBuilder.seeded()
        try builder.session("weekly-self-assessment", kind: "self-assessment", at: HistoryBuilder.daysAgo(20), scores: ["overall": 3.5])
        try builder.session("crm-basics", kind: "quiz", author: "Dana", at: HistoryBuilder.daysAgo(10),
                            scores: ["percent": 60, "passed": 0], phase: .pre)
        var effects = SessionEffects()
        effects.newActions = [.init(text: "Send pricing", owner: "Ana", due: "2030-01-15")]
        try builder.session("one-on-one", kind: "one-on-one", author: "Marco", at: HistoryBuilder.daysAgo(5),
                            scores: ["mood_score": 4], effects: effects)
        try builder.session("who-5", kind: "check-in", at: HistoryBuilder.daysAgo(1), scores: ["wellbeing": 72], band: "ok")
        return builder
    }

    @Test("history --json: sessions and action items, newest first")
    func historyNewestFirst() throws {
        let shell = try TestShell(lines: ["history Ana --json"], user: "Ana", database: try history().database)
        #expect(shell.run() == 0, "\(shell.errors)")
        let entries = shell.jsonArray
        let labels = entries.map { ($0["survey"] as? String) ?? "action:" + (($0["text"] as? String) ?? "") }
        #expect(labels.first == "who-5")
        #expect(Set(labels.dropFirst().prefix(2)) == ["one-on-one", "action:Send pricing"], "the one-on-one and its action, same time")
        #expect(Array(labels.suffix(2)) == ["crm-basics", "weekly-self-assessment"])
        let dates = entries.compactMap { $0["date"] as? String }
        #expect(dates == dates.sorted(by: >))
        let quiz = try #require(entries.first { $0["survey"] as? String == "crm-basics" })
        #expect(quiz["phase"] as? String == "pre")
        #expect(quiz["author"] as? String == "Dana")
        let action = try #require(entries.first { $0["kind"] as? String == "action" })
        #expect(action["status"] as? String == "open")
        #expect(action["due"] as? String == "2030-01-15")
        #expect(action["owner"] as? String == "Ana")
    }

    @Test("history as a table: one line per entry, the quiz's phase and author, the action's owner and due date")
    func historyTable() throws {
        let shell = try TestShell(lines: ["history Ana"], user: "Marco", database: try history().database)
        #expect(shell.run() == 0, "\(shell.errors)")
        let lines = shell.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "Marco does not see the unshared WHO-5: \(lines)")
        #expect(lines.contains { $0.contains("CRM basics (pre) by Dana") && $0.contains("60") })
        #expect(lines.contains { $0.contains("action #1 open  Send pricing (Ana, due 2030-01-15)") })
        #expect(!shell.output.contains("WHO-5"))
    }

    @Test("export --json has its documented field names in every record, null where there is no value")
    func exportFieldNames() throws {
        let builder = try history()
        let ana = try builder.database.person(named: "Ana")!.id!
        try builder.database.recordSurveyVersion(surveyID: "who-5", hash: "test-who-5", content: "")
        _ = try builder.database.startSession(surveyID: "who-5", surveyHash: "test-who-5", kind: "check-in",
                                              subjectID: ana, authorID: ana)  // in progress: no completed date
        try builder.database.giveThanks(to: "Ana", text: "Covered the Acme call", value: nil, by: "Dana", at: Date())
        let shell = try TestShell(lines: ["export --json"], user: "Ana", database: builder.database)
        #expect(shell.run() == 0, "\(shell.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shell.output.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["exported_by", "people", "goals", "sessions", "action_items", "assignments", "recognition",
                                     "retros", "customer_feedback"])
        #expect(object["exported_by"] as? String == "Ana")
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(sessions.count == 5)
        for session in sessions {
            #expect(Set(session.keys) == ["id", "survey", "kind", "subject", "author", "started", "completed", "state", "phase",
                                          "backfilled", "scores", "answers"], "\(session.keys.sorted())")
            #expect(session["backfilled"] is NSNull, "none of these was back-filled")
            for score in session["scores"] as? [[String: Any]] ?? [] {
                #expect(Set(score.keys) == ["score", "value", "band", "alert"])
            }
        }
        for person in object["people"] as? [[String: Any]] ?? [] {
            #expect(Set(person.keys) == ["name", "role", "team", "manager", "email"])
        }
        for item in object["action_items"] as? [[String: Any]] ?? [] {
            #expect(Set(item.keys) == ["id", "subject", "owner", "text", "due", "status", "created", "carried"])
        }
        let recognition = try #require(object["recognition"] as? [[String: Any]])
        #expect(recognition.count == 1)
        for thanks in recognition {
            #expect(Set(thanks.keys) == ["id", "giver", "receiver", "date", "given_at", "value", "text"])
            #expect(thanks["value"] is NSNull)
        }
    }

    @Test("export --csv: the documented columns, one row per score, CRLF")
    func exportCSV() throws {
        let shell = try TestShell(lines: ["export --csv"], user: "Marco", database: try history().database)
        #expect(shell.run() == 0, "\(shell.errors)")
        let lines = shell.output.components(separatedBy: "\r\n")
        #expect(lines.first == "record,session,survey,kind,subject,author,date,key,value,band")
        #expect(lines.contains { $0.hasPrefix("score,") && $0.contains(",weekly-self-assessment,self-assessment,Ana,Ana,") && $0.hasSuffix(",overall,3.5,") })
        #expect(lines.contains { $0.hasPrefix("action,,,,Ana,Ana,2030-01-15,#1 open,Send pricing,") })
        #expect(!shell.output.contains("who-5"), "not shared")
    }

    @Test("export --csv and --json carry a score's full value: 350/6 is 58.333333333333336, not 58.33")
    func exportFullPrecision() throws {
        let builder = try HistoryBuilder.seeded()
        try builder.session("who-5", kind: "check-in", at: HistoryBuilder.daysAgo(1), scores: ["wellbeing": 350.0 / 6])
        let csv = try TestShell(lines: ["export --csv"], user: "Ana", database: builder.database)
        #expect(csv.run() == 0, "\(csv.errors)")
        #expect(csv.output.contains(",wellbeing,58.333333333333336,"), "\(csv.output)")
        let json = try TestShell(lines: ["export --json"], user: "Ana", database: builder.database)
        #expect(json.run() == 0, "\(json.errors)")
        #expect(json.output.contains("58.333333333333336"), "\(json.output)")
    }

    // MARK: - due, with a fixed clock in a fixed time zone

    static let newYork = TimeZone(identifier: "America/New_York")!

    static func date(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = newYork
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    func due(lastWHO5: String?, lastCBI: String?, now: String) throws -> [String] {
        let builder = try HistoryBuilder.seeded()
        if let lastWHO5 { try builder.session("who-5", kind: "check-in", at: Self.date(lastWHO5), scores: ["wellbeing": 60]) }
        if let lastCBI { try builder.session("cbi", kind: "check-in", at: Self.date(lastCBI), scores: ["personal": 40]) }
        try builder.session("weekly-self-assessment", kind: "self-assessment", at: Self.date(now).addingTimeInterval(-60),
                            scores: ["overall": 3])
        let shell = try TestShell(lines: [], user: "Ana", database: builder.database)
        var list = DueList(context: shell.context, user: try builder.database.person(named: "Ana")!, now: Self.date(now))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.newYork
        list.calendar = calendar
        return try list.dueCheckIns().map(\.id)
    }

    @Test("weekly: Sunday 23:30 and Monday 08:00 New York time are different ISO weeks (same UTC week)")
    func weekBoundary() throws {
        #expect(try due(lastWHO5: "2026-11-29 23:30", lastCBI: "2026-11-02 10:00", now: "2026-11-30 08:00") == ["who-5"])
        #expect(try due(lastWHO5: "2026-11-30 00:10", lastCBI: "2026-12-01 10:00", now: "2026-12-06 23:50") == [])
    }

    @Test("monthly: the CBI of 30 November is due again on 1 December, not until then; never done is due")
    func monthBoundary() throws {
        #expect(try due(lastWHO5: "2026-11-30 09:00", lastCBI: "2026-11-30 23:00", now: "2026-12-01 09:00") == ["cbi"])
        #expect(try due(lastWHO5: "2026-12-28 09:00", lastCBI: "2026-12-01 00:30", now: "2026-12-31 23:59") == [])
        #expect(try due(lastWHO5: nil, lastCBI: nil, now: "2026-12-31 23:59") == ["cbi", "who-5"])
    }

    @Test("ISO week across the new year: 31 Dec 2026 (W53) and 3 Jan 2027 (still W53) share a week")
    func newYear() throws {
        #expect(try due(lastWHO5: "2026-12-31 20:00", lastCBI: "2027-01-01 09:00", now: "2027-01-03 22:00") == [])
        #expect(try due(lastWHO5: "2027-01-03 22:00", lastCBI: "2027-01-01 09:00", now: "2027-01-04 06:00") == ["who-5"])
    }
}
