@testable import CoachConsole
import Foundation
import Testing

/// Documents the HTML report tests draw, and ways to read the page back without a browser.
enum HTMLReportFixture {
    static let weeks = ["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45"]

    /// One series with a gap that has a reason (W42) and one without (W45).
    static let line = LineChart(
        id: "who_5.wellbeing", title: "Wellbeing (who_5)", xLabel: "Week", yLabel: "Score", xTicks: weeks,
        range: 0...100, guides: [ChartGuide(value: 28, label: "Low"), ChartGuide(value: 50, label: "Moderate")],
        series: [ChartSeries(name: "Team North", values: [62, 64.5, nil, 70, 68, nil])],
        gapReasons: [2: "fewer than 5 respondents"])

    static let twoLines = LineChart(
        id: "kpi.calls", title: "Calls", xLabel: "Week", yLabel: "Calls", xTicks: Array(weeks.prefix(4)), range: 0...40,
        guides: [], series: [ChartSeries(name: "Ana", values: [10, 12, 14, 16]), ChartSeries(name: "Ben", values: [20, nil, nil, 25])])

    static let bar = BarChart(
        id: "attainment", title: "Attainment", xLabel: "Rep", yLabel: "Attainment", categories: ["Ana", "Ben", "Cy"],
        series: [ChartSeries(name: "Q4", values: [80, nil, 120])], range: 0...150,
        guides: [ChartGuide(value: 100, label: "Target")], unit: "%", missingReasons: [1: "fewer than 5 attempts"])

    static let scatter = ScatterChart(
        id: "quiz.crm_basics", title: "Questions", xLabel: "Facility", yLabel: "Discrimination",
        xRange: 0...100, yRange: -1...1,
        points: [.init(label: "q1", x: 95, y: 0.1, mark: "too easy"), .init(label: "q2", x: 55, y: 0.45, mark: nil),
                 .init(label: "q3", x: 40, y: -0.3, mark: "likely miskeyed")],
        xGuides: [ChartGuide(value: 90, label: "Too easy")], yGuides: [ChartGuide(value: 0.2, label: "Weak")])

    static let table = DataTable(id: "actions", title: "Open action items", header: ["Who", "What", "Due"],
                                 rows: [["Ana", "Call back Acme", "2026-12-09"]])

    static let document = ReportDocument(
        title: "Team North", subtitle: "Marco, manager · 6 weeks to 2026-11-09", generated: "2026-11-09",
        sections: [
            .init(title: "Wellbeing & mood", intro: "Weekly WHO-5 scores.", blocks: [.line(line), .line(twoLines)]),
            .init(title: "Goals", intro: nil, blocks: [.bar(bar), .note("Ben is not shown: fewer than 5 attempts.")]),
            .init(title: "Quiz", intro: "Questions by facility.", blocks: [.scatter(scatter), .table(table)]),
        ])

    /// The `<figure>` of chart `id`, from its opening tag to its end.
    static func figure(_ id: String, in html: String) -> String {
        guard let start = html.range(of: "<figure class=\"chart\" data-chart=\"\(id)\""),
              let end = html.range(of: "</figure>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// The `data-points` value of a figure.
    static func dataPoints(_ figure: String) -> Int? {
        guard let match = figure.firstMatch(of: /data-points="(\d+)"/) else { return nil }
        return Int(match.1)
    }

    /// The part of `figure` inside `<table class="numbers">`.
    static func numbers(_ figure: String) -> String {
        guard let start = figure.range(of: "<table class=\"numbers\">"), let end = figure.range(of: "</table>") else { return "" }
        return String(figure[start.lowerBound..<end.upperBound])
    }
}

@Suite("HTML report: page and charts")
struct HTMLReportTests {
    typealias F = HTMLReportFixture
    let html = HTMLReport.render(HTMLReportFixture.document)

    @Test("the page is a complete, self-contained HTML5 page that can fetch nothing")
    func page() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.contains("<title>Team North</title>"))
        #expect(html.contains("Made by coach on 2026-11-09"))
        #expect(html.contains("Marco, manager · 6 weeks to 2026-11-09"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("//"))
        #expect(!html.contains("@import") && !html.contains("@font-face") && !html.contains("url(http"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test("print rules: A4 page, figures and tables kept whole, headings kept with what follows")
    func printRules() {
        #expect(html.contains("@page { size: A4; margin: 15mm; }"))
        #expect(html.contains("break-inside: avoid"))
        #expect(html.contains("break-after: avoid"))
        #expect(html.contains("flex-wrap: wrap"))
        #expect(html.contains("width: 100%; height: auto"))
    }

    @Test("sections carry a slug of their title, a heading and their intro, blocks in order")
    func sections() throws {
        #expect(html.contains("<section data-section=\"wellbeing-mood\">\n<h2>Wellbeing &amp; mood</h2>\n<p class=\"intro\">Weekly WHO-5 scores.</p>"))
        #expect(html.contains("<section data-section=\"goals\">"))
        #expect(html.contains("<section data-section=\"quiz\">"))
        let order = ["data-chart=\"who_5.wellbeing\"", "data-chart=\"kpi.calls\"", "data-chart=\"attainment\"", "class=\"note\">Ben",
                     "data-chart=\"quiz.crm_basics\"", "data-table=\"actions\""]
        let positions = try order.map { try #require(html.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        #expect(HTMLReport.slugs(["A b", "A  b!", "", "Über"]) == ["a-b", "a-b-2", "section-3", "ber"])
    }

    @Test("a line chart: points counted, a gap splits the line, guides and axes labelled, every value in the table")
    func lineChart() {
        let figure = F.figure("who_5.wellbeing", in: html)
        #expect(figure.contains("data-kind=\"line\""))
        #expect(F.dataPoints(figure) == 4)
        #expect(F.count("class=\"point\"", in: figure) == 4)
        #expect(F.count("<polyline", in: figure) == 2)  // W40–W41 and W43–W44
        #expect(figure.contains("<figcaption>Wellbeing (who_5)</figcaption>"))
        #expect(figure.contains("<svg role=\"img\" aria-labelledby=\"chart1-title chart1-desc\""))
        #expect(figure.contains("<title id=\"chart1-title\">Wellbeing (who_5)</title>"))
        #expect(figure.contains("<desc id=\"chart1-desc\">Line chart"))
        #expect(figure.contains("<title>2026-W40: 62</title>"))
        #expect(figure.contains(">Low</text>") && figure.contains(">Moderate</text>"), "a guide is labelled as the model says")
        #expect(F.count("stroke-dasharray=\"5 3\"", in: figure) >= 2)
        #expect(figure.contains(">Week</text>") && figure.contains(">Score</text>"))
        // The y axis is the declared range, not the data's 62…71.
        #expect(figure.contains(">0</text>") && figure.contains(">100</text>"))
        #expect(figure.contains(">2026-W40</text>") && figure.contains(">2026-W45</text>"))
        let numbers = F.numbers(figure)
        for value in ["62", "64.5", "70", "68"] { #expect(numbers.contains("<td>\(value)</td>")) }
        #expect(numbers.contains("<td>—<sup>1</sup></td>"))  // W42: a reason
        #expect(F.count("<td>—</td>", in: numbers) == 1)  // W45: no reason
        #expect(figure.contains("<li>fewer than 5 respondents: 2026-W42</li>"))
        #expect(F.count("class=\"gap\"", in: figure) == 1)
        #expect(figure.contains("No value: fewer than 5 respondents"))
    }

    @Test("two series differ by dash and marker as well as colour, and the legend names both")
    func twoSeries() {
        let figure = F.figure("kpi.calls", in: html)
        #expect(F.dataPoints(figure) == 6 && F.count("class=\"point\"", in: figure) == 6)
        #expect(F.count("<polyline", in: figure) == 1)  // Ben's two values are a gap apart
        #expect(figure.contains("stroke-dasharray=\"7 4\""))
        #expect(figure.contains("<title>Ben, 2026-W43: 25</title>"))
        #expect(figure.contains("<span>Ana</span>") && figure.contains("<span>Ben</span>"))
        #expect(F.numbers(figure).contains("<th scope=\"col\">Ana</th><th scope=\"col\">Ben</th>"))
    }

    @Test("a bar chart: a bar per value, the unit in labels, the target dashed, the missing reason shown")
    func barChart() {
        let figure = F.figure("attainment", in: html)
        #expect(figure.contains("data-kind=\"bar\""))
        #expect(F.dataPoints(figure) == 2 && F.count("class=\"point bar\"", in: figure) == 2)
        #expect(F.count("class=\"point", in: figure) == 2)
        #expect(figure.contains(">80%</text>") && figure.contains(">120%</text>"))
        #expect(figure.contains(">Target</text>"))
        #expect(figure.contains("class=\"missing\""))
        let numbers = F.numbers(figure)
        #expect(numbers.contains("<td>80%</td>") && numbers.contains("<td>120%</td>"))
        #expect(numbers.contains("fewer than 5 attempts"))
    }

    @Test("a scatter chart: every point labelled, marked points a different shape, marks in legend and table")
    func scatterChart() {
        let figure = F.figure("quiz.crm_basics", in: html)
        #expect(figure.contains("data-kind=\"scatter\""))
        #expect(F.dataPoints(figure) == 3 && F.count("class=\"point", in: figure) == 3)
        #expect(F.count("<path class=\"point marked\"", in: figure) == 2)
        #expect(F.count("<circle class=\"point\"", in: figure) == 1)
        #expect(figure.contains(">q1 *</text>") && figure.contains(">q2</text>"))
        #expect(figure.contains("Marked (label with *): too easy") && figure.contains("Marked (label with *): likely miskeyed"))
        #expect(figure.contains(">Too easy</text>") && figure.contains(">Weak</text>"))
        let numbers = F.numbers(figure)
        #expect(numbers.contains("<td>* likely miskeyed</td>"))
        for value in ["95", "0.1", "55", "0.45", "40", "-0.3"] { #expect(numbers.contains("<td>\(value)</td>")) }
    }

    @Test("a table has its caption and id; a note is a paragraph")
    func tableAndNote() {
        #expect(html.contains("<table class=\"data\" data-table=\"actions\"><caption>Open action items</caption>"))
        #expect(html.contains("<td>Call back Acme</td>"))
        #expect(html.contains("<p class=\"note\">Ben is not shown: fewer than 5 attempts.</p>"))
    }
}
