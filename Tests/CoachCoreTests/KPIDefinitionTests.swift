import Foundation
import Testing
@testable import CoachCore

/// Numbers as people type them, and KPIs with a kind, a range and a direction.
@Suite("KPIs and typed numbers")
struct KPIDefinitionTests {
    @Test("grouped and decimal-comma numbers read as people mean them", arguments: [
        ("9500", 9500.0), ("9,500", 9500), ("9 500", 9500), ("9\u{00A0}500", 9500), ("9\u{202F}500", 9500),
        ("9'500", 9500), ("1,234,567", 1_234_567), ("1.234.567", 1_234_567), ("1,234,567.89", 1_234_567.89),
        ("1.234,5", 1234.5), ("9 500,50", 9500.5), ("4.5", 4.5), ("4,5", 4.5), ("12,34", 12.34), (".5", 0.5),
        ("-3", -3), ("+7", 7), ("\u{2212}2", -2), ("1e3", 1000), ("  42  ", 42), ("0", 0),
    ])
    func reads(_ text: String, _ expected: Double) {
        #expect(NumberText.parse(text, decimalSeparator: ".") == expected)
    }

    @Test("what is not a number stays refused", arguments: [
        "", "abc", "12abc", "9,50,0", "1,00,000", "9 50", "4..5", "1.2.3,4,5", "--3", "3-", ",", ".", "1e", "nan", "inf", "9,5 00",
    ])
    func refuses(_ text: String) {
        #expect(NumberText.parse(text, decimalSeparator: ".") == nil, "\(text)")
    }

    @Test("where the locale writes a decimal comma, 9,500 is nine and a half; 9.500 is grouping")
    func decimalCommaLocale() {
        #expect(NumberText.parse("9,500", decimalSeparator: ",") == 9.5)
        #expect(NumberText.parse("9.500", decimalSeparator: ",") == 9500)
        #expect(NumberText.parse("12.500", decimalSeparator: ".") == 12.5)
    }

    @Test("a KPI's kind sets its range; a declared range and direction win")
    func ranges() {
        let revenue = KPIDefinition(id: "revenue", label: "Revenue", unit: "EUR", kind: .currency)
        #expect(revenue.problem(with: -5) == "Revenue cannot be negative (-5 EUR)")
        #expect(revenue.problem(with: 9500) == nil)
        let share = KPIDefinition(id: "conversion_rate", label: "Conversion", unit: "%")
        #expect(share.effectiveKind == .percent)
        #expect(share.problem(with: 140) == "Conversion is from 0% to 100%, not 140%")
        #expect(share.display(45) == "45%")
        let calls = KPIDefinition(id: "calls", label: "Calls", unit: "calls", kind: .count)
        #expect(calls.problem(with: 2.5) == "Calls is a count: a whole number, e.g. 2")
        let satisfaction = KPIDefinition(id: "csat", label: "Satisfaction", unit: "points", kind: .score, min: 1, max: 5)
        #expect(satisfaction.problem(with: 7) == "Satisfaction is from 1 to 5, not 7 points")
        #expect(satisfaction.problem(with: 4.5) == nil)
        let free = KPIDefinition(id: "margin", label: "Margin")
        #expect(free.problem(with: -20) == nil, "no kind, no range: anything finite")
    }

    @Test("attainment is actual over target, or target over actual where lower is better")
    func attainment() {
        #expect(KPIReview.attainment(actual: 12000, target: 10000, higherIs: .better) == 120)
        #expect(KPIReview.attainment(actual: 20, target: 10, higherIs: .worse) == 50)
        #expect(KPIReview.attainment(actual: 0, target: 10, higherIs: .worse) == nil)
        #expect(KPIReview.attainment(actual: 5, target: 0, higherIs: .better) == nil)
    }

    @Test("the organisation's definitions replace the template's by id and add their own after")
    func merged() {
        let template = [KPIDefinition(id: "revenue", label: "Revenue"), KPIDefinition(id: "csat", label: "CSAT", unit: "%")]
        let organisation = [KPIDefinition(id: "calls", label: "Calls", kind: .count),
                            KPIDefinition(id: "csat", label: "Satisfaction", kind: .score, min: 1, max: 5)]
        let merged = KPIDefinition.merged(template: template, organisation: organisation)
        #expect(merged.map(\.id) == ["revenue", "csat", "calls"])
        #expect(merged[1].label == "Satisfaction")
        #expect(merged[1].effectiveKind == .score)
    }

    @Test("a survey's KPI may declare kind, min, max and higher_is; a wrong one is named at its line")
    func surveyKeys() throws {
        let header = """
        format: 1
        id: meet
        title: Meet
        kind: one-on-one
        audience: manager
        questions:

        """
        let good = header + "  - {id: k, text: KPIs, type: kpi, kpis: [{id: days, label: Days to close, unit: days, kind: count, "
            + "min: 0, max: 365, higher_is: worse}]}\n"
        guard case let .success(survey) = SurveyLoader.load(yaml: good, file: "t.yaml") else {
            Issue.record("the survey should load")
            return
        }
        let kpi = try #require(survey.questions.first?.kpis.first)
        #expect(kpi == KPIDefinition(id: "days", label: "Days to close", unit: "days", kind: .count, min: 0, max: 365,
                                     higherIs: .worse))
        let bad = header + "  - {id: k, text: KPIs, type: kpi, kpis: [{id: days, label: Days, kind: money}]}\n"
        guard case let .failure(problems) = SurveyLoader.load(yaml: bad, file: "t.yaml") else {
            Issue.record("a wrong kind must be refused")
            return
        }
        #expect(problems.problems.first?.line == 7)
        #expect(problems.problems.first?.message.contains("money") == true, "\(problems.problems)")
    }
}
