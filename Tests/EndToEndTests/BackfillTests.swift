import CoachCore
import CoachScoring
import CoachTestSupport
import Foundation
import Testing

/// `--on DATE`: a session held earlier, recorded now, on both engines. It is dated its day (and
/// so are its effects), marked back-filled, follows that period's cadence, and never changes the
/// team numbers of a week that has ended. One case at a time: a shell started while the other
/// case starts the PostgreSQL server can miss the end of its input.
@Suite("Back-filled sessions", .serialized)
struct BackfillTests {
    static let calendar = Calendar.current

    /// `days` before today, as `YYYY-MM-DD`.
    static func day(_ days: Int) -> String {
        DateAnswer.iso(calendar.date(byAdding: .day, value: -days, to: Date())!)
    }

    static var today: String { day(0) }

    /// Days back to the last Tuesday before today (1 to 7).
    static var toLastTuesday: Int {
        let weekday = calendar.component(.weekday, from: Date())  // 1 Sunday … 7 Saturday
        let back = (weekday - 3 + 7) % 7
        return back == 0 ? 7 : back
    }

    /// Days since this ISO week's Monday (0 on a Monday).
    static var sinceMonday: Int { (calendar.component(.weekday, from: Date()) + 5) % 7 }

    /// Everyone was added `days` ago, so a back-fill that far back is about someone who existed.
    func addedEarlier(_ store: any EngineStore, _ engine: StoreEngine, days: Int = 60) throws {
        _ = try store.sql(engine == .local
            ? "UPDATE person SET created_at = strftime('%Y-%m-%d %H:%M:%f', created_at, '-\(days) days')"
            : "UPDATE person SET created_at = created_at - interval '\(days) days'")
    }

    /// The day part of a stored time, on either engine.
    func days(_ store: any EngineStore, _ column: String, from table: String, order: String = "id") throws -> [String] {
        try store.sql("SELECT substr(CAST(\(column) AS text), 1, 10) FROM \(table) ORDER BY \(order)")
    }

    func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8))
    }

    /// A one-on-one with no open items or agenda: mood 7, a win, revenue 9000, one new action
    /// item due a week after the meeting, shared and private notes.
    static let meeting = ["7", "Closed Acme", "9000", "", "", "", "", "", "", "", "None", "", "", "", "",
                          "Send pricing", "Marco", "+7d", "", "Shared BACKFILL-NOTE", ".", "Private note", "."]

    @Test("a one-on-one held last Tuesday: dated that day with its action item and KPI, marked back-filled everywhere",
          arguments: StoreEngine.allCases)
    func oneOnOneLastTuesday(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try addedEarlier(store, engine)
        let tuesday = Self.day(Self.toLastTuesday)
        let held = try store.shell(["1on1 Ana --on tuesday"] + Self.meeting, as: "Marco")
        #expect(held.status == 0, "\(held.stderrText)")
        #expect(held.stdoutText.contains("is recorded as held on \(tuesday)"), "\(held.stdoutText)")
        let dueDay = DateAnswer.iso(Self.calendar.date(byAdding: .day, value: 7, to: DateAnswer.isoDate(tuesday)!)!)
        #expect(held.stdoutText.contains("Send pricing — Marco, due \(dueDay)"), "+7d counts from the meeting's day")

        #expect(try days(store, "started_at", from: "session") == [tuesday])
        #expect(try days(store, "completed_at", from: "session") == [tuesday])
        #expect(try days(store, "backfilled_at", from: "session") == [Self.today])
        #expect(try days(store, "created_at", from: "action_item") == [tuesday], "its action item was created that day")
        #expect(try store.sql("SELECT text, due FROM action_item") == ["Send pricing|\(dueDay)"])
        let month = Period(containing: DateAnswer.isoDate(tuesday)!).description
        #expect(try store.sql("SELECT kpi, period, actual FROM kpi_actual") == ["revenue|\(month)|9000.0"])

        let history = try store.run(["history", "Ana"], as: "Marco")
        #expect(history.status == 0, "\(history.stderrText)")
        #expect(history.stdoutText.contains("\(tuesday)  #1 One-on-one by Marco (back-filled on \(Self.today))"), "\(history.stdoutText)")
        let show = try store.run(["show", "1"], as: "Ana")
        #expect(show.status == 0, "\(show.stderrText)")
        #expect(show.stdoutText.contains(tuesday))
        #expect(show.stdoutText.contains("back-filled on \(Self.today)"), "\(show.stdoutText)")
        let shown = try #require(try json(store.run(["show", "1", "--json"], as: "Marco")) as? [String: Any])
        #expect(shown["backfilled"] as? String == Self.today)
        #expect(shown["started"] as? String == tuesday)

        let export = try #require(try json(store.run(["export", "--json"], as: "Marco")) as? [String: Any])
        let sessions = try #require(export["sessions"] as? [[String: Any]])
        #expect(sessions.count == 1)
        #expect((sessions.first?["backfilled"] as? String)?.hasPrefix(Self.today) == true, "\(sessions)")
        let csv = try store.run(["export", "--csv"], as: "Marco")
        #expect(csv.stdoutText.contains("backfilled,1,one-on-one,one-on-one,Ana,Marco,"), "\(csv.stdoutText)")
        // A live session carries the field too, as null.
        #expect(try store.shell(["run who-5"] + Array(repeating: "3", count: 5), as: "Ana").status == 0)
        let own = try #require(try json(store.run(["export", "--json"], as: "Ana")) as? [String: Any])
        let live = try #require((own["sessions"] as? [[String: Any]])?.first { $0["survey"] as? String == "who-5" })
        #expect(live["backfilled"] is NSNull)
    }

    @Test("a one-on-one back-filled to last Tuesday reviews only what existed then: a topic added today waits for the next",
          arguments: StoreEngine.allCases)
    func onlyWhatExistedThen(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try addedEarlier(store, engine)
        #expect(try store.run(["agenda", "add", "TODAY-TOPIC"], as: "Ana").status == 0)
        let held = try store.shell(["1on1 Ana --on tuesday"] + Self.meeting, as: "Marco")
        #expect(held.status == 0, "\(held.stderrText)")
        #expect(!held.stdoutText.contains("TODAY-TOPIC"), "added after the meeting's day: \(held.stdoutText)")
        #expect(try store.sql("SELECT text, status FROM agenda_item") == ["TODAY-TOPIC|open"])
    }

    @Test("a one-on-one back-filled to before the last one: its header says the last one came after it",
          arguments: StoreEngine.allCases)
    func backfillBeforeTheLastMeeting(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try addedEarlier(store, engine)
        #expect(try store.shell(["1on1 Ana"] + Self.meeting, as: "Marco").status == 0)
        let held = try store.shell(["1on1 Ana --on=-3d", "7", "Closed Acme", ""] + Self.meeting.dropFirst(2), as: "Marco")  // carries the open item
        #expect(held.status == 0, "\(held.stderrText)")
        #expect(held.stdoutText.contains("Last one-on-one: \(Self.today) (3 days after this one)"), "\(held.stdoutText)")
        #expect(try days(store, "completed_at", from: "session") == [Self.today, Self.day(3)])
    }

    @Test("a paused back-filled one-on-one resumes on its day; a live start is refused while it is open",
          arguments: StoreEngine.allCases)
    func pausedStaysOnItsDay(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try addedEarlier(store, engine)
        let held = Self.day(3)
        let paused = try store.shell(["1on1 Ana --on \(held)", "7", "Closed Acme"], as: "Marco")
        #expect(paused.status == 0, "\(paused.stderrText)")
        let open = try #require(try json(store.run(["sessions", "--json"], as: "Marco")) as? [[String: Any]])
        #expect(open.first?["started"] as? String == held)
        #expect(open.first?["backfilled"] as? String == Self.today)
        let live = try store.shell(["1on1 Ana"], as: "Marco")
        #expect(live.status == 1)
        #expect(live.stderrText.contains("(session #1, back-filled to \(held)) is still open"), "\(live.stderrText)")

        let resumed = try store.shell(["resume"] + Self.meeting.dropFirst(2), as: "Marco")
        #expect(resumed.status == 0, "\(resumed.stderrText)")
        #expect(try store.sql("SELECT state FROM session") == ["completed"])
        #expect(try days(store, "completed_at", from: "session") == [held])
        #expect(try days(store, "created_at", from: "action_item") == [held])
    }

    @Test("a check-in back-filled to an earlier week counts there, and a second one that week amends it as live",
          arguments: StoreEngine.allCases)
    func checkinEarlierWeek(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try addedEarlier(store, engine)
        let held = Self.day(14)
        let first = try store.shell(["checkin who-5 --on \(held)", "n", "3", "3", "3", "3", "3"], as: "Ana")
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(try days(store, "completed_at", from: "session") == [held])
        let week = try #require(ISOWeek.of(DateAnswer.isoDate(held)!, calendar: ISOWeek.calendar(timeZone: .current)))
        #expect(try store.sql("SELECT period_key FROM session") == [week.description])

        let trends = try store.run(["trends", "Ana", "--json"], as: "Ana")
        #expect(trends.status == 0, "\(trends.stderrText)")
        let rows = try #require(try json(trends) as? [[String: Any]])
        let wellbeing = try #require(rows.first { $0["score"] as? String == "wellbeing" })
        let points = try #require(wellbeing["points"] as? [[String: Any]])
        #expect(points.count == 1, "\(points)")
        #expect(points.first?["value"] as? Double == 60)
        #expect((points.first?["date"] as? String)?.hasPrefix(held) == true, "\(points)")

        // That week is done: a second back-fill into it is asked to amend, as a live one would be.
        let amended = try store.shell(["checkin who-5 --on \(held)", "y", "4", "4", "4", "4", "4"], as: "Ana")
        #expect(amended.status == 0, "\(amended.stderrText)")
        #expect(try store.sql("SELECT id, supersedes_id FROM session ORDER BY id") == ["1|", "2|1"])
        let kept = try store.shell(["checkin who-5 --on \(held)", "n"], as: "Ana")
        #expect(kept.stdoutText.contains("Kept the one from \(held)"), "\(kept.stdoutText)")
        // `run` amends without asking, and says so, as it does live.
        let run = try store.shell(["run who-5 --on \(held)"] + Array(repeating: "5", count: 5), as: "Ana")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.contains("this one amends it"), "\(run.stdoutText)")
        #expect(try store.sql("SELECT id, supersedes_id FROM session ORDER BY id") == ["1|", "2|1", "3|2"])
        let latest = try store.run(["trends", "Ana", "--json"], as: "Ana")
        #expect(latest.stdoutText.contains("\"latest\" : 100"), "\(latest.stdoutText)")
        if engine == .local {
            let check = try store.run(["check"], as: "Dana")
            #expect(check.status == 0, "\(check.stdoutText)\(check.stderrText)")
        }
    }

    @Test("a day in the future, before the person was added, or no date at all is refused with the reason",
          arguments: StoreEngine.allCases)
    func limits(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        let future = try store.run(["checkin", "who-5", "--on", Self.day(-3)], as: "Ana")
        #expect(future.status == 2)
        #expect(future.stderrText.contains("\(Self.day(-3)) is in the future"), "\(future.stderrText)")
        for bad in ["2026-02-30", "someday", "+3d"] {
            let result = try store.run(["run", "who-5", "--on", bad], as: "Ana")
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderrText.contains("is not a date"), "\(bad): \(result.stderrText)")
        }
        let before = try store.run(["1on1", "Ana", "--on", "2020-01-06"], as: "Marco")
        #expect(before.status == 1)
        #expect(before.stderrText.contains("2020-01-06 is before Ana was added to coach (\(Self.today))"), "\(before.stderrText)")
        let unnamed = try store.run(["checkin", "--on", "yesterday"], as: "Ana")
        #expect(unnamed.status == 2)
        #expect(unnamed.stderrText.contains("name the check-in it records"), "\(unnamed.stderrText)")
        #expect(try store.sqlValue("SELECT count(*) FROM session") == "0")
        // Today is a live session, not a back-fill.
        let today = try store.shell(["run who-5 --on today"] + Array(repeating: "3", count: 5), as: "Ana")
        #expect(today.status == 0, "\(today.stderrText)")
        #expect(!today.stdoutText.contains("Back-filling"))
        #expect(try store.sql("SELECT count(*) FROM session WHERE backfilled_at IS NULL") == ["1"])
    }

    @Test("org import carries the back-fill mark from a local store to the organisation's")
    func importCarriesTheMark() throws {
        let local = try LocalEngineStore.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North"), ("Ana", "rep", "North")])
        defer { local.remove() }
        try addedEarlier(local, .local)
        let held = try local.shell(["run who-5 --on yesterday"] + Array(repeating: "3", count: 5), as: "Ana")
        #expect(held.status == 0, "\(held.stderrText)")
        let live = try local.shell(["run who-5"] + Array(repeating: "4", count: 5), as: "Ana")
        #expect(live.status == 0, "\(live.stderrText)")
        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let admin = "postgres://postgres@localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let moved = try organisation.sandbox.run(["org", "import", local.sandbox.store, admin], timeout: .seconds(120))
        #expect(moved.status == 0, "\(moved.stderrText)")
        #expect(try organisation.sql("""
            SELECT substr(CAST(completed_at AS text), 1, 10), coalesce(substr(CAST(backfilled_at AS text), 1, 10), '-')
            FROM session ORDER BY id
            """) == ["\(Self.day(1))|\(Self.today)", "\(Self.today)|-"])
    }

    @Test("quiz --on: the attempt is dated that day and marked", arguments: StoreEngine.allCases)
    func quizYesterday(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        try addedEarlier(store, engine)
        let quiz = try BundledFixtures.survey("crm-basics")
        let answers = QuizKeys.translate(QuizEndToEndTests.correct, survey: quiz, layout: QuizLayout.make(survey: quiz, seed: 42))
        let taken = try store.shell(["quiz crm-basics --for Ana --on yesterday --seed 42"] + answers, as: "Marco")
        #expect(taken.status == 0, "\(taken.stderrText)")
        #expect(try days(store, "completed_at", from: "session") == [Self.day(1)])
        #expect(try days(store, "backfilled_at", from: "session") == [Self.today])
        let history = try store.run(["history", "Ana"], as: "Ana")
        #expect(history.stdoutText.contains("\(Self.day(1))  #1 CRM basics"), "\(history.stdoutText)")
        #expect(history.stdoutText.contains("(back-filled on \(Self.today))"))
    }
}

/// Team numbers of an ended week stay as they were when a check-in is back-filled into it.
@Suite("Back-filled sessions and team numbers", .serialized)
struct BackfillTeamTests {
    /// Dana (HR, minimum group 3 for the organisation and her own view), Marco (North) and three
    /// reps who each answered WHO-5 at 60 on the Monday two weeks ago.
    func organisation(_ engine: StoreEngine) throws -> any EngineStore {
        let reps = ["Ana", "Ben", "Cy"]
        let store = try engine.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North")] + reps.map { ($0, "rep", "North") })
        #expect(try store.run(["org", "set", "min-group", "3"], as: "Dana").status == 0)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: store.configFile).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try "privacy:\n  min_group: 3\n".write(toFile: store.configFile, atomically: true, encoding: .utf8)
        for rep in reps {
            let run = try store.shell(["run who-5"] + Array(repeating: "3", count: 5), as: rep)
            guard run.status == 0 else { throw EngineStoreError(description: run.stderrText) }
        }
        try store.backdate(days: 14 + BackfillTests.sinceMonday)
        _ = try store.sql(engine == .local
            ? "UPDATE person SET created_at = strftime('%Y-%m-%d %H:%M:%f', created_at, '-60 days')"
            : "UPDATE person SET created_at = created_at - interval '60 days'")
        return store
    }

    func north(_ store: any EngineStore) throws -> [[String: Any]] {
        let result = try store.run(["trends", "--team", "North", "--score", "wellbeing", "--json"], as: "Dana")
        #expect(result.status == 0, "\(result.stderrText)")
        return try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [[String: Any]] ?? []
    }

    func points(_ rows: [[String: Any]]) -> [String] {
        (rows.first?["points"] as? [[String: Any]] ?? []).map { "\($0["date"] ?? "")=\($0["value"] ?? "")/\($0["n"] ?? "")" }
    }

    @Test("a week never read, then read: a back-filled check-in into it changes neither; one into this week counts as live",
          arguments: StoreEngine.allCases)
    func endedWeekUnchanged(_ engine: StoreEngine) throws {
        let store = try organisation(engine)
        defer { store.remove() }
        // The Sunday ending that week, later than the Monday answers: the rep's newest value there.
        let sunday = BackfillTests.day(8 + BackfillTests.sinceMonday)
        let zeros = Array(repeating: "0", count: 5)
        // Never read before: the back-fill freezes the week as it was, and only then counts.
        // Each rep already answered that week: the back-fill amends it (y), sharing stays off (n).
        let never = try store.shell(["checkin who-5 --on \(sunday)", "y", "n"] + zeros, as: "Ana")
        #expect(never.status == 0, "\(never.stderrText)")
        let first = try north(store)
        #expect(first.first?["latest"] as? Double == 60, "Ana's back-filled 0 is not in the frozen week: \(first)")
        #expect(first.first?["n"] as? Int == 3)
        // Read already: another back-fill changes nothing either.
        let read = try store.shell(["checkin who-5 --on \(sunday)", "y", "n"] + zeros, as: "Ben")
        #expect(read.status == 0, "\(read.stderrText)")
        let second = try north(store)
        #expect(points(second) == points(first), "\(second)")
        #expect(second.first?["latest"] as? Double == 60)
        // The reps' own records have it, on that day.
        let own = try store.run(["trends", "Ana", "--json"], as: "Ana")
        #expect(own.stdoutText.contains("\"latest\" : 0"), "\(own.stdoutText)")
        if engine == .local {
            let check = try store.run(["check"], as: "Dana")
            #expect(check.status == 0, "\(check.stdoutText)\(check.stderrText)")
        }
        // This week, still open: a back-fill is a late check-in like any other.
        guard BackfillTests.sinceMonday > 0 else { return }
        let thisWeek = try #require(ISOWeek.of(Date(), calendar: ISOWeek.calendar(timeZone: .current))).description
        let late = try store.shell(["checkin who-5 --on \(BackfillTests.day(1))", "n"] + zeros, as: "Cy")
        #expect(late.status == 0, "\(late.stderrText)")
        #expect(try store.sql("""
            SELECT count(*) FROM week_score w JOIN person p ON p.id = w.subject_id WHERE p.name = 'Cy' AND w.week = '\(thisWeek)'
            """) == ["1"])
        let again = try store.shell(["checkin who-5", "n"], as: "Cy")
        #expect(again.stdoutText.contains("Kept the one from \(BackfillTests.day(1))"), "this week is done, as live: \(again.stdoutText)")
    }

    @Test("a rep back-filled into a frozen week is not counted as known: a manager who sees 3 of its 4 still gets no mean",
          arguments: StoreEngine.allCases)
    func backfillAddsNoKnownRespondent(_ engine: StoreEngine) throws {
        let reps = ["Ana", "Ben", "Cy", "Dee", "Eve"]
        let store = try engine.make(people: [("Dana", "hr", nil), ("Marco", "manager", "North")] + reps.map { ($0, "rep", "North") })
        defer { store.remove() }
        #expect(try store.run(["org", "set", "min-group", "3"], as: "Dana").status == 0)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: store.configFile).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try "privacy:\n  min_group: 3\n".write(toFile: store.configFile, atomically: true, encoding: .utf8)
        for rep in ["Ana", "Ben", "Cy", "Eve"] { #expect(try store.run(["share", "wellbeing", "on"], as: rep).status == 0) }
        for rep in reps.prefix(4) {
            let run = try store.shell(["run who-5"] + Array(repeating: "3", count: 5), as: rep)
            #expect(run.status == 0, "\(run.stderrText)")
        }
        try store.backdate(days: 14 + BackfillTests.sinceMonday)
        _ = try store.sql(engine == .local
            ? "UPDATE person SET created_at = strftime('%Y-%m-%d %H:%M:%f', created_at, '-60 days')"
            : "UPDATE person SET created_at = created_at - interval '60 days'")
        func north() throws -> String {
            try store.run(["trends", "--team", "North", "--score", "wellbeing", "--json"], as: "Marco").stdoutText
        }
        // Marco sees Ana, Ben and Cy one by one: the fourth, Dee, would be the rest of a mean.
        #expect(!(try north()).contains("\"n\""), "3 of 4 known: hidden")
        let sunday = BackfillTests.day(8 + BackfillTests.sinceMonday)
        let late = try store.shell(["checkin who-5 --on \(sunday)"] + Array(repeating: "5", count: 5), as: "Eve")
        #expect(late.status == 0, "\(late.stderrText)")
        #expect(!(try north()).contains("\"n\""), "Eve's back-fill is not one of the week's 4: still hidden")
    }
}
