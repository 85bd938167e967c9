import CoachTestSupport
import Foundation
import Testing

/// The organisation's KPIs: defined by HR, with a kind, a range and a direction; used by
/// `goal set`, the one-on-one, `goals` and `person show`.
@Suite("KPIs with units and ranges")
struct KPITests {
    @Test("HR defines KPIs; others may list them but not add; a bad definition says why", arguments: StoreEngine.allCases)
    func defineAndList(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let added = try sandbox.run(["kpi", "add", "calls_made", "--label", "Calls made", "--unit", "calls", "--kind", "count"],
                                    as: "Dana")
        #expect(added.status == 0, "\(added.stderrText)")
        #expect(added.stdoutText.contains("Added KPI calls_made: Calls made (count, 0 or more, higher is better)."))
        let score = try sandbox.run(["kpi", "add", "customer_satisfaction", "--label", "Customer satisfaction",
                                     "--unit", "points", "--kind", "score", "--min", "1", "--max", "5"], as: "Dana")
        #expect(score.status == 0, "\(score.stderrText)")
        let marco = try sandbox.run(["kpi", "add", "meetings", "--label", "Meetings", "--unit", "meetings", "--kind", "count"],
                                    as: "Marco")
        #expect(marco.status == 1)
        #expect(marco.stderrText.contains("only HR defines the organisation's KPIs"))
        let again = try sandbox.run(["kpi", "add", "calls_made", "--label", "Calls", "--unit", "calls", "--kind", "count"],
                                    as: "Dana")
        #expect(again.status == 1)
        #expect(again.stderrText.contains("the organisation already defines 'calls_made'"))
        let noScale = try sandbox.run(["kpi", "add", "nps", "--label", "NPS", "--unit", "points", "--kind", "score"], as: "Dana")
        #expect(noScale.status == 1)
        #expect(noScale.stderrText.contains("a score KPI declares its scale with --min and --max"))
        let negative = try sandbox.run(["kpi", "add", "margin", "--label", "Margin", "--unit", "EUR", "--kind", "currency",
                                        "--min", "-500"], as: "Dana")
        #expect(negative.status == 0, "a negative --min is a value, not an option: \(negative.stderrText)")

        let json = try sandbox.run(["kpi", "list", "--json"], as: "Ana")
        let kpis = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [[String: Any]])
        #expect(kpis.map { $0["id"] as? String } == ["revenue", "new_customers", "conversion_rate", "customer_satisfaction",
                                                     "calls_made", "margin"])
        let satisfaction = try #require(kpis.first { $0["id"] as? String == "customer_satisfaction" })
        #expect(satisfaction["kind"] as? String == "score")
        #expect(satisfaction["min"] as? Double == 1 && satisfaction["max"] as? Double == 5)
        #expect(kpis.first { $0["id"] as? String == "margin" }?["min"] as? Double == -500)
        #expect(try sandbox.run(["org", "set", "kpis", "[]"], as: "Dana").status == 2, "the list has its own commands")
    }

    @Test("goal set takes grouped numbers, refuses what the KPI's range forbids with the reason, suggests ids",
          arguments: StoreEngine.allCases)
    func goalTargets(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let grouped = try sandbox.run(["goal", "set", "Ana", "revenue", "9,500"], as: "Marco")
        #expect(grouped.status == 0, "\(grouped.stderrText)")
        #expect(grouped.stdoutText.contains("Revenue 9500 EUR"))
        let spaced = try sandbox.run(["goal", "set", "Ana", "new_customers", "1 200"], as: "Marco")
        #expect(spaced.status == 0, "\(spaced.stderrText)")
        let negative = try sandbox.run(["goal", "set", "Ana", "revenue", "-5"], as: "Marco")
        #expect(negative.status == 1)
        #expect(negative.stderrText.contains("Revenue cannot be negative (-5 EUR)"), "\(negative.stderrText)")
        let share = try sandbox.run(["goal", "set", "Ana", "conversion_rate", "140"], as: "Marco")
        #expect(share.status == 1)
        #expect(share.stderrText.contains("is from 0% to 100%, not 140%"), "\(share.stderrText)")
        let typo = try sandbox.run(["goal", "set", "Ana", "conversion", "40"], as: "Marco")
        #expect(typo.status == 1)
        #expect(typo.stderrText.contains("did you mean 'conversion_rate'?"), "\(typo.stderrText)")
        let word = try sandbox.run(["goal", "set", "Ana", "revenue", "lots"], as: "Marco")
        #expect(word.status == 2)
        #expect(word.stderrText.contains("'lots' is not a number"))
        #expect(try sandbox.sql("SELECT kpi, target FROM goal ORDER BY kpi") == ["new_customers|1200.0", "revenue|9500.0"])
    }

    @Test("the one-on-one asks the organisation's KPIs within their ranges; goals and person show give actuals",
          arguments: StoreEngine.allCases)
    func meetingAndActuals(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.run(["kpi", "add", "calls_made", "--label", "Calls made", "--unit", "calls", "--kind", "count"],
                                as: "Dana").status == 0)
        #expect(try sandbox.shell(["goal set Ana revenue 10000", "goal set Ana calls_made 1200"], as: "Marco").status == 0)
        // revenue "9 500"; new customers -3 refused, then 2; conversion 140 refused, then 45; satisfaction left
        // out; calls made 2.5 refused, then "1,234".
        let meeting = try sandbox.shell(["1on1 Ana", "7", "Wins", "9 500", "-3", "2", "140", "45", "", "2.5", "1,234",
                                         "", "", "", "", "None", "", "", "", "", "", "", ""], as: "Marco")
        #expect(meeting.status == 0, "\(meeting.stderrText)")
        let out = meeting.stdoutText
        #expect(out.contains("New customers cannot be negative (-3 customers); Enter leaves it out."), "\(out)")
        #expect(out.contains("Conversion rate (qualified lead to won) is from 0% to 100%, not 140%"), "\(out)")
        #expect(out.contains("Calls made is a count: a whole number, e.g. 2"), "\(out)")
        #expect(try sandbox.sql("SELECT state FROM session") == ["completed"])

        let goals = try sandbox.run(["goals", "Ana", "--json"], as: "Ana")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(goals.stdoutText.utf8)) as? [[String: Any]])
        let calls = try #require(rows.first { $0["kpi"] as? String == "calls_made" })
        #expect(calls["target"] as? Double == 1200)
        #expect(calls["actual"] as? Double == 1234)
        #expect(abs((calls["attainment"] as? Double ?? 0) - 102.8333) < 0.001)
        let revenue = try #require(rows.first { $0["kpi"] as? String == "revenue" })
        #expect(revenue["actual"] as? Double == 9500)
        #expect(revenue["attainment"] as? Double == 95)
        let table = try sandbox.run(["goals", "Ana"], as: "Marco").stdoutText
        #expect(table.contains("calls_made  1200 calls  1234 calls  103%"), "\(table)")
        let person = try sandbox.run(["person", "show", "Ana"], as: "Marco").stdoutText
        #expect(person.contains("revenue     10000 EUR   9500 EUR    95%"), "\(person)")
        #expect(out.contains("  Calls made: 1234 calls of 1200 calls (103%)"), "the summary labels and units it: \(out)")
        let record = try sandbox.run(["show", "1"], as: "Ana").stdoutText
        #expect(record.contains("Calls made"), "the record labels the organisation's KPI: \(record)")
    }

    @Test("the goals export carries each month's actual, in JSON and as a goal_actual CSV row", arguments: StoreEngine.allCases)
    func exportHasActuals(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["goal set Ana revenue 10000", "goal set Ana new_customers 5"], as: "Marco").status == 0)
        let meeting = try sandbox.shell(["1on1 Ana", "7", "Wins", "9500", "", "", "", "", "", "", "", "None", "", "", "", "", "",
                                         "", ""], as: "Marco")
        #expect(meeting.status == 0, "\(meeting.stderrText)")
        let json = try sandbox.run(["export", "--json"], as: "Ana").stdoutText
        let checked = try ExportFormatTests.python("""
            import json, sys
            goals = {g["kpi"]: g for g in json.load(sys.stdin)["goals"]}
            assert goals["revenue"]["actual"] == 9500, goals
            assert goals["new_customers"]["actual"] is None, goals
            print("ok")
            """, input: json)
        #expect(checked.stdoutText.contains("ok"), "\(checked.stderrText)")
        let csv = try sandbox.run(["export", "--csv"], as: "Marco").stdoutText
        let rows = try ExportFormatTests.python("""
            import csv, sys
            rows = [r for r in csv.DictReader(sys.stdin) if r["record"] == "goal_actual"]
            assert [(r["subject"], r["key"], r["value"]) for r in rows] == [("Ana", "revenue", "9500")], rows
            print("ok")
            """, input: csv)
        #expect(rows.stdoutText.contains("ok"), "\(rows.stderrText)")
    }

    @Test("trends show monthly KPI attainment to the rep and their manager, never to HR", arguments: StoreEngine.allCases)
    func kpiTrends(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        #expect(try sandbox.shell(["goal set Ana revenue 10000"], as: "Marco").status == 0)
        #expect(try sandbox.shell(["1on1 Ana", "7", "Wins", "12000", "", "", "", "", "", "", "", "None", "", "", "", "", "",
                                   "", ""], as: "Marco").status == 0)
        let json = try sandbox.run(["trends", "Ana", "--score", "revenue", "--json"], as: "Ana")
        #expect(json.status == 0, "\(json.stderrText)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["survey"] as? String == "kpi")
        #expect(rows.first?["latest"] as? Double == 120)
        #expect(rows.first?["label"] as? String == "Revenue (% of target)")
        let table = try sandbox.run(["trends", "Ana"], as: "Marco").stdoutText
        #expect(table.contains("Revenue (% of target)"), "\(table)")
        let hr = try sandbox.run(["trends", "Ana", "--json"], as: "Dana").stdoutText
        #expect(!hr.contains("\"kpi\""), "KPIs are one-on-one content: \(hr)")
    }
}
