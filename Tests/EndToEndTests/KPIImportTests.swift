import CoachTestSupport
import CoachCore
import Foundation
import Testing

/// `kpi import`: KPI actuals from a CRM's report export, checked line by line, written all
/// together or not at all, on both engines. The fixtures are shaped like a Salesforce
/// "Opportunities by owner" report export and a HubSpot deals export.
@Suite("KPI actuals imported from a CRM export")
struct KPIImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let salesforce = fixtures.appendingPathComponent("salesforce-opportunities-by-owner.csv").path
    static let hubspot = fixtures.appendingPathComponent("hubspot-deals.csv").path
    static let badLines = fixtures.appendingPathComponent("kpi-import-bad-lines.csv").path
    static let salesforceColumns = ["--person", "Opportunity Owner", "--period", "close date", "--date-format", "M/d/yyyy",
                                    "--value", "Amount", "--kpi-id", "revenue"]

    /// The team with Lena Fischer, a second rep of Marco's, and Tom, a rep in another team.
    func store(_ engine: StoreEngine) throws -> any EngineStore {
        let store = try engine.team()
        try store.addPerson("Lena Fischer", role: "rep", team: "North")
        try store.addPerson("Sofia", role: "manager", team: "South")
        try store.addPerson("Tom", role: "rep", team: "South")
        return store
    }

    /// Imported actuals: person, KPI, month, value.
    func imported(_ store: any EngineStore) throws -> [String] {
        try store.sql("""
            SELECT p.name, a.kpi, a.period, a.actual FROM kpi_actual a JOIN person p ON p.id = a.person_id
            WHERE a.session_id IS NULL ORDER BY p.name, a.period, a.kpi
            """)
    }

    func file(_ store: any EngineStore, _ name: String, _ text: String) throws -> String {
        let folder = URL(fileURLWithPath: store.configFile).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a Salesforce export: deals add up per owner and month; the same file again changes nothing; goals show it",
          arguments: StoreEngine.allCases)
    func salesforceExport(_ engine: StoreEngine) throws {
        let store = try store(engine)
        defer { store.remove() }
        let first = try store.run(["kpi", "import", Self.salesforce] + Self.salesforceColumns, as: "Marco")
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("PERSON        KPI      MONTH    OLD  NEW"), "\(first.stdoutText)")
        #expect(first.stdoutText.contains("Ana           revenue  2026-11  -    15750.5 EUR"), "\(first.stdoutText)")
        #expect(first.stdoutText.contains("3 changed, 0 unchanged (4 rows read)."), "the footer is no row: \(first.stdoutText)")
        #expect(try imported(store) == ["Ana|revenue|2026-11|15750.5", "Ana|revenue|2026-12|1000.0",
                                        "Lena Fischer|revenue|2026-11|8000.0"])

        let again = try store.run(["kpi", "import", Self.salesforce] + Self.salesforceColumns, as: "Marco")
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText == "0 changed, 3 unchanged (4 rows read).\n", "\(again.stdoutText)")
        #expect(try store.sqlValue("SELECT count(*) FROM kpi_actual") == "3")

        #expect(try store.run(["goal", "set", "Ana", "revenue", "20000", "--period", "2026-11"], as: "Marco").status == 0)
        let goals = try JSONSerialization.jsonObject(with: Data(try store.run(["goals", "Ana", "--json"], as: "Ana").stdoutText.utf8))
        let november = try #require((goals as? [[String: Any]])?.first { $0["period"] as? String == "2026-11" })
        #expect(november["actual"] as? Double == 15750.5)
        let shown = try store.run(["person", "show", "Ana"], as: "Marco").stdoutText
        #expect(shown.contains("2026-11  revenue  20000 EUR  15750.5 EUR"), "\(shown)")
    }

    @Test("a HubSpot export by a saved mapping: owners by e-mail, ISO dates with times; a dry run writes nothing, a later file replaces",
          arguments: StoreEngine.allCases)
    func hubspotExport(_ engine: StoreEngine) throws {
        let store = try store(engine)
        defer { store.remove() }
        #expect(try store.shell(["person edit Ana --email ana@northwind.example",
                                 "person edit \"Lena Fischer\" --email Lena@Northwind.example"], as: "Dana").status == 0)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: store.configFile).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try """
            kpi_import:
              hubspot:
                person: Deal owner
                period: Close Date
                value: Amount
                kpi_id: revenue
            """.write(toFile: store.configFile, atomically: true, encoding: .utf8)

        let dry = try store.run(["kpi", "import", Self.hubspot, "--mapping", "hubspot", "--dry-run"], as: "Dana")
        #expect(dry.status == 0, "\(dry.stderrText)")
        #expect(dry.stdoutText.contains("Ana           revenue  2026-11  -    12000 EUR"), "\(dry.stdoutText)")
        #expect(dry.stdoutText.contains("Dry run, nothing written: 3 would change, 0 unchanged (4 rows read)."), "\(dry.stdoutText)")
        #expect(try store.sqlValue("SELECT count(*) FROM kpi_actual") == "0")

        let done = try store.run(["kpi", "import", Self.hubspot, "--mapping", "hubspot", "--json"], as: "Dana")
        #expect(done.status == 0, "\(done.stderrText)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(done.stdoutText.utf8)) as? [String: Any])
        #expect(json["imported"] as? Bool == true && json["dry_run"] as? Bool == false && json["unchanged"] as? Int == 0)
        #expect((json["changed"] as? [[String: Any]])?.count == 3)
        #expect(try imported(store) == ["Ana|revenue|2026-11|12000.0", "Lena Fischer|revenue|2026-10|1200.0",
                                        "Lena Fischer|revenue|2026-11|4200.5"])

        // The CRM's next export: one deal more for Ana. A dry run shows old and new; the import replaces.
        let later = try file(store, "later.csv", """
            Record ID,Deal Name,Close Date,Deal owner,Amount
            1,Northwind renewal,2026-11-05,ana@northwind.example,9500
            2,Fabrikam new logo,2026-11-29,ANA@northwind.example,"2,500"
            3,Late deal,2026-11-30,ana@northwind.example,€500.00

            """)
        let preview = try store.run(["kpi", "import", later, "--mapping", "hubspot", "--dry-run"], as: "Marco")
        #expect(preview.stdoutText.contains("Ana     revenue  2026-11  12000 EUR  12500 EUR"), "\(preview.stdoutText)")
        #expect(try imported(store).first == "Ana|revenue|2026-11|12000.0")
        let replaced = try store.run(["kpi", "import", later, "--mapping", "hubspot"], as: "Marco")
        #expect(replaced.stdoutText.contains("1 changed, 0 unchanged (3 rows read)."), "\(replaced.stdoutText)")
        #expect(try imported(store).first == "Ana|revenue|2026-11|12500.0")
        #expect(try store.sqlValue("SELECT count(*) FROM kpi_actual WHERE person_id = (SELECT id FROM person WHERE name = 'Ana')") == "1")

        let unknown = try store.run(["kpi", "import", Self.hubspot, "--mapping", "pipedrive"], as: "Dana")
        #expect(unknown.status == 2)
        #expect(unknown.stderrText.contains("no mapping 'pipedrive' under kpi_import:"), "\(unknown.stderrText)")
        #expect(unknown.stderrText.contains("(it has: hubspot)"), "\(unknown.stderrText)")
    }

    @Test("every bad line is named with its line number and reason, and nothing is written", arguments: StoreEngine.allCases)
    func badLines(_ engine: StoreEngine) throws {
        let store = try store(engine)
        defer { store.remove() }
        let result = try store.run(["kpi", "import", Self.badLines, "--person", "rep", "--period", "MONTH"], as: "Marco")
        #expect(result.status == 1)
        let lines = result.stderrText.split(separator: "\n").map(String.init)
        let file = Self.badLines
        let expected = [
            "\(file):3: no person 'Nobody' (column 'Rep') in the store",
            "\(file):4: unknown KPI 'calls' in column 'KPI'",
            "\(file):5: '30/11/2026' in column 'Month' is not an ISO date (2026-11-30) or month (2026-11); give the file's format with --date-format",
            "\(file):6: 'lots' in column 'Value' is not a number",
            "\(file):7: Conversion rate (qualified lead to won) is from 0% to 100%, not 140%",
            "\(file):9: a second row for Ana, Conversion rate (qualified lead to won), 2026-11 (the first is line 8): a percent KPI's rows are not added up",
            "\(file):10: it has 5 values where the header has 4 columns",
            "\(file):12: you may not record Dana's actuals: only HR or their manager may",
            "\(file):13: no value in column 'Value'",
            "\(file):14: New customers is a count: a whole number",
            "\(file):15: you may not record Tom's actuals: only HR or their manager (Sofia) may",
            "\(file):16: the value is in USD, but Revenue is kept in EUR; coach does not convert currencies",
        ]
        #expect(lines.count == expected.count + 1, "\(result.stderrText)")
        for (line, start) in zip(lines, expected) { #expect(line.hasPrefix(start), "\(line)") }
        #expect(lines.last == "coach: nothing was imported: 12 bad lines in \(file) (each named above); fix them and import the file again")
        #expect(try store.sqlValue("SELECT count(*) FROM kpi_actual") == "0", "the good lines wait for the bad ones")

        let json = try store.run(["kpi", "import", Self.badLines, "--person", "rep", "--period", "month", "--json"], as: "Dana")
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutText.utf8)) as? [String: Any])
        #expect((report["bad_lines"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [3, 4, 5, 6, 7, 9, 10, 13, 14, 16],
                "HR may write Dana's and Tom's")
        #expect(report["imported"] as? Bool == false)

        let missing = try store.run(["kpi", "import", Self.badLines, "--person", "Owner", "--period", "month"], as: "Marco")
        #expect(missing.status == 1)
        #expect(missing.stderrText.contains("\(file):1: the header has no column 'Owner' (its columns: 'Rep', 'Month', 'KPI', 'Value'); name the column with --person"),
                "\(missing.stderrText)")
        #expect(try store.sqlValue("SELECT count(*) FROM kpi_actual") == "0")
    }

    @Test("who may import: HR anyone's actuals, a manager their reps', a rep none; bad usage is exit 2", arguments: StoreEngine.allCases)
    func whoMayImport(_ engine: StoreEngine) throws {
        let store = try store(engine)
        defer { store.remove() }
        let csv = try file(store, "tom.csv", "person,period,kpi,value\nTom,2026-11,new_customers,3\n")
        let marco = try store.run(["kpi", "import", csv], as: "Marco")
        #expect(marco.status == 1)
        #expect(marco.stderrText.contains("tom.csv:2: you may not record Tom's actuals"), "\(marco.stderrText)")
        let ana = try store.run(["kpi", "import", csv], as: "Ana")
        #expect(ana.status == 1)
        #expect(ana.stderrText.contains("a rep does not import KPI actuals"), "\(ana.stderrText)")
        let sofia = try store.run(["kpi", "import", csv], as: "Sofia")
        #expect(sofia.status == 0, "\(sofia.stderrText)")
        #expect(try imported(store) == ["Tom|new_customers|2026-11|3.0"])

        let both = try store.run(["kpi", "import", csv, "--kpi", "kpi", "--kpi-id", "revenue"], as: "Dana")
        #expect(both.status == 2)
        let format = try store.run(["kpi", "import", csv, "--date-format", "yy-MM"], as: "Dana")
        #expect(format.status == 2)
        #expect(format.stderrText.contains("--date-format 'yy-MM' is not a date format"), "\(format.stderrText)")
        let noFile = try store.run(["kpi", "import", "/nonexistent/deals.csv"], as: "Dana")
        #expect(noFile.status == 1)
        #expect(noFile.stderrText.contains("cannot read /nonexistent/deals.csv: there is no such file"), "\(noFile.stderrText)")
        let unknownKPI = try store.run(["kpi", "import", csv, "--kpi-id", "calls"], as: "Dana")
        #expect(unknownKPI.status == 1)
        #expect(unknownKPI.stderrText.contains("unknown KPI 'calls'"), "\(unknownKPI.stderrText)")
    }
}

/// Imported actuals beside a meeting's, and on the move to an organisation store.
@Suite("Imported KPI actuals with meetings, and moved by org import")
struct KPIImportPrecedenceTests {
    @Test("the actual recorded last wins: a meeting after an import, an import that changes the value after a meeting",
          arguments: StoreEngine.allCases)
    func latestRecordedWins(_ engine: StoreEngine) throws {
        let store = try engine.team()
        defer { store.remove() }
        let month = Period(containing: Date()).description
        #expect(try store.shell(["goal set Ana revenue 10000", "goal set Ana new_customers 5"], as: "Marco").status == 0)
        func importRevenue(_ value: String) throws -> ProcessResult {
            let folder = URL(fileURLWithPath: store.configFile).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("revenue.csv").path
            try "person,period,value\nAna,\(month),\(value)\n".write(toFile: path, atomically: true, encoding: .utf8)
            return try store.run(["kpi", "import", path, "--kpi-id", "revenue"], as: "Marco")
        }
        func actual() throws -> Double? {
            let goals = try JSONSerialization.jsonObject(with: Data(try store.run(["goals", "Ana", "--json"], as: "Ana").stdoutText.utf8))
            return (goals as? [[String: Any]])?.first { $0["kpi"] as? String == "revenue" }?["actual"] as? Double
        }
        #expect(try importRevenue("8000").status == 0)
        #expect(try actual() == 8000)
        let meeting = try store.shell(["1on1 Ana", "7", "Wins", "9500", "", "", "", "", "", "", "", "None", "", "", "", "", "", "", ""],
                                      as: "Marco")
        #expect(meeting.status == 0, "\(meeting.stderrText)")
        #expect(try actual() == 9500, "the meeting came later")
        let same = try importRevenue("8000")
        #expect(same.stdoutText.contains("0 changed, 1 unchanged"), "\(same.stdoutText)")
        #expect(try actual() == 9500, "an import that changes nothing records nothing")
        #expect(try importRevenue("8100").stdoutText.contains("1 changed, 0 unchanged"))
        #expect(try actual() == 8100)
        #expect(try store.sql("SELECT actual FROM kpi_actual WHERE session_id IS NOT NULL") == ["9500.0"], "the meeting's stays")
    }

    @Test("org import carries people's e-mail addresses and imported actuals; the server then sees a re-import as unchanged")
    func movedByOrgImport() throws {
        let local = try CoachSandbox()
        defer { local.remove() }
        let setUp = try local.shell([
            "person add Dana --role hr --email dana@example.com", "person add Marco --role manager --team North",
            "person add Ana --role rep --team North --email ana@example.com",
        ])
        #expect(setUp.status == 0, "\(setUp.stderrText)")
        let csv = local.root.appendingPathComponent("deals.csv").path
        try "owner,close,amount\nana@example.com,2026-11-03,\"€1,500.00\"\nAna,2026-11-20,500\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let columns = ["--person", "owner", "--period", "close", "--value", "amount", "--kpi-id", "revenue"]
        let imported = try local.run(["--store", local.store, "--as", "Marco", "kpi", "import", csv] + columns)
        #expect(imported.status == 0, "\(imported.stderrText)")

        let organisation = try OrgSandbox(hr: "Oona Admin")
        defer { organisation.remove() }
        let server = "localhost:\(organisation.server.port)/\(organisation.database)?host=\(organisation.server.socketFolder)"
        let loginsFile = organisation.sandbox.root.appendingPathComponent("logins.csv").path
        let moved = try organisation.sandbox.run(["org", "import", local.store, "postgres://postgres@" + server, "--logins", loginsFile],
                                                 timeout: .seconds(120))
        #expect(moved.status == 0, "\(moved.stderrText)")
        #expect(try organisation.sql("SELECT name, email FROM person WHERE email IS NOT NULL ORDER BY name")
            == ["Ana|ana@example.com", "Dana|dana@example.com"])
        #expect(try organisation.sql("""
            SELECT p.name, a.kpi, a.period, a.actual FROM kpi_actual a JOIN person p ON p.id = a.person_id WHERE a.session_id IS NULL
            """) == ["Ana|revenue|2026-11|2000.0"])

        let marco = try #require(try String(contentsOfFile: loginsFile, encoding: .utf8).split(separator: "\r\n")
            .first { $0.hasPrefix("Marco,") }?.split(separator: ",").dropFirst(2).first)
        let again = try organisation.sandbox.run(["kpi", "import", csv] + columns,
                                                 environment: ["COACH_STORE": "postgres://\(marco)@" + server])
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText.contains("0 changed, 1 unchanged"), "\(again.stdoutText)")

        // An address the organisation has already refuses the whole move.
        let second = try CoachSandbox()
        defer { second.remove() }
        #expect(try second.shell(["person add Zed --role hr --email ANA@example.com"]).status == 0)
        let refused = try organisation.sandbox.run(["org", "import", second.store, "postgres://postgres@" + server])
        #expect(refused.status == 1)
        #expect(refused.stderrText.contains("nothing was imported: the organisation's Ana (ana@example.com) already has that e-mail address"),
                "\(refused.stderrText)")
    }
}
