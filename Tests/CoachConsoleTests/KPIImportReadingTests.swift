@testable import CoachConsole
import CoachCore
import CoachStore
import Testing

/// How `kpi import` reads a CRM file's dates, values and lines.
@Suite("Reading a KPI import file")
struct KPIImportReadingTests {
    @Test("dates: ISO dates and months without a format; stated formats with separators; a time after the date is ignored")
    func dates() throws {
        #expect(KPIImportCells.month("2026-11-30", pattern: nil) == Period("2026-11"))
        #expect(KPIImportCells.month("2026-11", pattern: nil) == Period("2026-11"))
        #expect(KPIImportCells.month("2026-11-30 14:05", pattern: nil) == Period("2026-11"))
        #expect(KPIImportCells.month("2026-11-30T23:59:00Z", pattern: nil) == Period("2026-11"))
        for bad in ["30/11/2026", "2026-13-01", "2026-02-30", "2026-11-31", "2026/11/30", "", "Nov 2026", "2026-11-30x"] {
            #expect(KPIImportCells.month(bad, pattern: nil) == nil, "\(bad)")
        }
        let us = try #require(DatePattern("M/d/yyyy"))
        #expect(us.month(of: "11/3/2026") == Period("2026-11"))
        #expect(us.month(of: "2/29/2028") == Period("2028-02"), "a leap day")
        #expect(us.month(of: "2/29/2026") == nil)
        #expect(us.month(of: "12/01/2026 10:00 AM") == Period("2026-12"))
        #expect(us.month(of: "13/1/2026") == nil)
        let european = try #require(DatePattern("dd.MM.yyyy"))
        #expect(european.month(of: "30.11.2026") == Period("2026-11"))
        #expect(european.month(of: "3.11.2026") == nil, "dd takes two digits")
        for bad in ["yy/MM/dd", "MMM d, yyyy", "dd/MM", "d/M/yyyy/d", "yyyy-MM-ddX", ""] {
            #expect(DatePattern(bad) == nil, "\(bad)")
        }
    }

    @Test("values: grouping and decimal marks as NumberText reads them, with currency marks and % set aside")
    func values() {
        let cases: [(String, Double?)] = [
            ("USD 12,500.00", 12500), ("$12,500.00", 12500), ("12.500,00 €", 12500), ("€ 1.234,5", 1234.5), ("23%", 23),
            ("23 %", 23), ("4200.5", 4200.5), ("EUR 9 500", 9500), ("(1,200.00)", -1200), ("-$5", -5), ("US$ 7", 7),
            ("12500 USD", 12500), ("lots", nil), ("", nil), ("USD", nil), ("$", nil), ("12,50,0", nil), ("1e6", 1_000_000),
        ]
        for (text, expected) in cases { #expect(KPIImportCells.number(text) == expected, "\(text)") }
    }

    @Test("marks: a currency must be the KPI's unit (code or symbol), money only for money, % only for a percent")
    func marks() throws {
        let revenue = KPIDefinition(id: "revenue", label: "Revenue", unit: "EUR", kind: .currency)
        let deals = KPIDefinition(id: "deals", label: "Deals", unit: "deals", kind: .count)
        let rate = KPIDefinition(id: "rate", label: "Rate", unit: "%", kind: .percent)
        for fitting in ["EUR 12,500.00", "€12,500", "12.500,00 €", "500"] {
            #expect(try #require(KPIImportCells.reading(fitting)).problem(for: revenue) == nil, "\(fitting)")
        }
        for foreign in ["USD 500", "$500", "500 GBP", "US$ 7"] {
            let problem = try #require(KPIImportCells.reading(foreign)).problem(for: revenue)
            #expect(problem?.contains("but Revenue is kept in EUR") == true, "\(foreign): \(problem ?? "none")")
        }
        #expect(try #require(KPIImportCells.reading("€5")).problem(for: deals)?.contains("marks money") == true)
        #expect(try #require(KPIImportCells.reading("5%")).problem(for: deals)?.contains("marks a percent") == true)
        #expect(try #require(KPIImportCells.reading("23%")).problem(for: rate) == nil)
        #expect(CellValue.sameCurrency("$", "USD") && CellValue.sameCurrency("US$", "$") && !CellValue.sameCurrency("$", "CAD"))
    }

    @Test("lines: the physical line of each row, quoted line breaks counted, empty lines and a report footer skipped")
    func lines() throws {
        let file = try KPIImportFile.parse("\u{FEFF}A,B\r\n1,\"two\r\nlines\"\r\n\r\n3,4\n\n\"Confidential\"\n\"Copyright\"\n",
                                           file: "x.csv")
        #expect(file.header == ["\u{FEFF}A", "B"] || file.header == ["A", "B"])
        #expect(file.rows.map(\.line) == [2, 5])
        let semicolons = try KPIImportFile.parse("Owner;Amount\nAna;\"12,5\"\n", file: "y.csv")
        #expect(semicolons.header == ["Owner", "Amount"])
        #expect(semicolons.rows.first?.fields == ["Ana", "12,5"])
        #expect(throws: KPIImportError.self) { try KPIImportFile.parse("\n\n", file: "empty.csv") }
    }

    @Test("people: by name or e-mail in any case, never guessed; no match or two matches say so")
    func people() {
        let people = [PersonSummary(name: "Ana Lima", role: .rep, team: "North", manager: "Marco", email: "ana@example.com"),
                      PersonSummary(name: "Bo", role: .rep, team: "North", manager: "Marco", email: "bo@example.com"),
                      PersonSummary(name: "ana@example.com", role: .rep, team: nil, manager: nil)]
        guard case .found(let byName) = KPIImportPlan.match("ANA LIMA", column: "Owner", in: people) else {
            Issue.record("Ana by name"); return
        }
        #expect(byName.name == "Ana Lima")
        guard case .found(let byEmail) = KPIImportPlan.match("Bo@Example.COM", column: "Owner", in: people) else {
            Issue.record("Bo by e-mail"); return
        }
        #expect(byEmail.name == "Bo")
        guard case .problem(let unknown) = KPIImportPlan.match("Ana", column: "Owner", in: people) else {
            Issue.record("'Ana' is a guess"); return
        }
        #expect(unknown.hasPrefix("no person 'Ana' (column 'Owner') in the store"))
        guard case .problem(let noEmail) = KPIImportPlan.match("zed@example.com", column: "Owner", in: people) else {
            Issue.record("nobody has it"); return
        }
        #expect(noEmail.hasPrefix("no person has the e-mail 'zed@example.com' (column 'Owner'): give them it with 'person edit"))
        guard case .problem(let ambiguous) = KPIImportPlan.match("ana@example.com", column: "Owner", in: people) else {
            Issue.record("two people"); return
        }
        #expect(ambiguous.contains("could be Ana Lima or ana@example.com"), "\(ambiguous)")
    }
}
