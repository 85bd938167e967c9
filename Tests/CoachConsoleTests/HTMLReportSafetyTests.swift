@testable import CoachConsole
import Foundation
import Testing

/// The HTML report against hostile text and awkward shapes: nothing from the document reaches
/// the page raw, and no input traps or writes `nan` into a drawing.
@Suite("HTML report: escaping and edge inputs")
struct HTMLReportSafetyTests {
    typealias F = HTMLReportFixture
    static let evil = "<script>alert(1)</script>\"onload=x' \u{202E}dir \u{1B}[31m&"

    /// A document with `evil` in every text field of every block kind.
    static var hostileDocument: ReportDocument {
        let e = evil
        let line = LineChart(id: e, title: e, xLabel: e, yLabel: e, xTicks: [e, e, e], range: 0...10,
                             guides: [ChartGuide(value: 5, label: e)], series: [ChartSeries(name: e, values: [1, nil, 3])],
                             gapReasons: [1: e])
        let bar = BarChart(id: e, title: e, xLabel: e, yLabel: e, categories: [e, e], series: [ChartSeries(name: e, values: [1, nil])],
                           range: 0...10, guides: [ChartGuide(value: 5, label: e)], unit: e, missingReasons: [1: e])
        let scatter = ScatterChart(id: e, title: e, xLabel: e, yLabel: e, xRange: 0...1, yRange: 0...1,
                                   points: [.init(label: e, x: 0.5, y: 0.5, mark: e), .init(label: e, x: 0.2, y: 0.2, mark: nil)],
                                   xGuides: [ChartGuide(value: 0.5, label: e)], yGuides: [ChartGuide(value: 0.5, label: e)])
        let table = DataTable(id: e, title: e, header: [e], rows: [[e, e]])
        return ReportDocument(title: e, subtitle: e, generated: e, sections: [
            .init(title: e, intro: e, blocks: [.line(line), .bar(bar), .scatter(scatter), .table(table), .note(e)]),
        ])
    }

    @Test("text from every field of every block is sanitised and escaped, in text and attributes alike")
    func escaping() {
        let html = HTMLReport.render(Self.hostileDocument)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("\"onload="))
        #expect(!html.contains("x' "))
        #expect(!html.contains("\u{202E}") && !html.contains("\u{1B}"))
        #expect(!html.contains("&\""), "a bare & before a quote")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=x&#39; \\u{202E}dir \\u{1B}[31m&amp;"))
        #expect(html.contains("data-chart=\"&lt;script&gt;"))
        #expect(html.contains("data-table=\"&lt;script&gt;"))
        // Every ampersand starts an entity.
        #expect(html.firstMatch(of: /&(?!(amp|lt|gt|quot|#39);)/) == nil)
    }

    @Test("HTML.escape runs SafeText first and then the five HTML characters")
    func escapeHelper() {
        #expect(HTML.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(HTML.escape("x\ny\u{202E}") == "x\\ny\\u{202E}")
        #expect(HTML.coord(.nan) == "0" && HTML.coord(.infinity) == "0" && HTML.coord(1.0 / 3) == "0.33")
    }

    /// Fails when a drawing attribute holds anything but a number (`nan`, `inf`, an empty value).
    static func expectFiniteCoordinates(_ html: String, _ comment: Comment) {
        for match in html.matches(of: /\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/) where !match.2.contains("%") {
            #expect(Double(match.2) != nil, "\(match.1)=\"\(match.2)\" in \(comment.rawValue)")
        }
        for match in html.matches(of: /\s(points|d)="([^"]*)"/) {
            #expect(match.2.wholeMatch(of: /[0-9MLVHZ .,\-]*/) != nil, "\(match.1)=\"\(match.2)\" in \(comment.rawValue)")
        }
        #expect(!html.lowercased().contains("nan\"") && !html.contains("inf\""), comment)
    }

    static func lineChart(_ ticks: [String], _ values: [Double?], range: ClosedRange<Double> = 0...100,
                          reasons: [Int: String] = [:], series: Int = 1) -> LineChart {
        LineChart(id: "edge", title: "Edge", xLabel: "Week", yLabel: "Score", xTicks: ticks, range: range,
                  guides: [ChartGuide(value: 50, label: "Mid")],
                  series: Array(repeating: ChartSeries(name: "S", values: values), count: series), gapReasons: reasons)
    }

    static var edgeCharts: [(String, ReportDocument.Block, Int)] {
        let many = (0..<520).map { "W\($0)" }
        return [
            ("no series", .line(lineChart(F.weeks, [], series: 0)), 0),
            ("no ticks, no values", .line(lineChart([], [])), 0),
            ("one point", .line(lineChart(["W1"], [40])), 1),
            ("all gaps", .line(lineChart(F.weeks, Array(repeating: nil, count: 6), reasons: [0: "few", 1: "few", 3: "other"])), 0),
            ("520 weeks", .line(lineChart(many, many.indices.map { $0 % 7 == 0 ? nil : Double($0 % 100) },
                                          reasons: Dictionary(uniqueKeysWithValues: (0..<520).filter { $0 % 7 == 0 }.map { ($0, "few") }))),
             520 - 75),
            ("zero-width range", .line(lineChart(["W1", "W2"], [5, 5], range: 5...5)), 2),
            ("infinite range", .line(lineChart(["W1", "W2"], [5, 7], range: -.infinity...(.infinity))), 2),
            ("non-finite values", .line(lineChart(["W1", "W2", "W3"], [.nan, .infinity, 3])), 1),
            ("values off the range", .line(lineChart(["W1", "W2"], [-50, 500])), 2),
            ("more values than ticks", .line(lineChart(["W1"], [1, 2, 3])), 3),
            ("bar without series", .bar(BarChart(id: "b", title: "B", xLabel: "X", yLabel: "Y", categories: ["a"], series: [], range: 0...1)), 0),
            ("bar all missing", .bar(BarChart(id: "b", title: "B", xLabel: "X", yLabel: "Y", categories: ["a", "b"],
                                              series: [ChartSeries(name: "s", values: [nil, .nan])], range: 0...0,
                                              missingReasons: [0: "few", 7: "nowhere"])), 0),
            ("many bars", .bar(BarChart(id: "b", title: "B", xLabel: "X", yLabel: "Y", categories: (0..<60).map { "rep \($0)" },
                                        series: [ChartSeries(name: "s", values: (0..<60).map { Double($0) }),
                                                 ChartSeries(name: "t", values: (0..<60).map { -Double($0) })],
                                        range: -100...100)), 120),
            ("scatter empty", .scatter(ScatterChart(id: "s", title: "S", xLabel: "X", yLabel: "Y", xRange: 0...0, yRange: 1...1, points: [])), 0),
            ("scatter non-finite", .scatter(ScatterChart(id: "s", title: "S", xLabel: "X", yLabel: "Y", xRange: 0...1,
                                                         yRange: -Double.infinity...1,
                                                         points: [.init(label: "a", x: .nan, y: 1, mark: nil), .init(label: "b", x: 0.5, y: 0.5, mark: "m")])), 1),
            ("empty table", .table(DataTable(id: "t", title: "T", header: [], rows: [])), 0),
            ("ragged table", .table(DataTable(id: "t", title: "T", header: ["a", "b", "c"], rows: [["1"], ["1", "2", "3", "4"]])), 0),
        ]
    }

    @Test("edge inputs draw without trapping, with point counts that match and only finite coordinates")
    func edges() {
        for (name, block, points) in Self.edgeCharts {
            let html = HTMLReport.render(ReportDocument(title: "T", subtitle: "", generated: "2026-12-02",
                                                       sections: [.init(title: name, intro: nil, blocks: [block])]))
            #expect(html.hasSuffix("</html>\n"), Comment(rawValue: name))
            Self.expectFiniteCoordinates(html, Comment(rawValue: name))
            if html.contains("<figure") {
                #expect(F.dataPoints(html) == points, Comment(rawValue: name))
                #expect(F.count("class=\"point", in: html) == points, Comment(rawValue: name))
            }
            if points == 0 && html.contains("<figure") { #expect(html.contains("No values to draw"), Comment(rawValue: name)) }
        }
    }

    @Test("520 weeks: tick labels thinned, first and last kept; gap weeks grouped under one reason")
    func manyWeeks() throws {
        let (_, block, _) = try #require(Self.edgeCharts.first { $0.0 == "520 weeks" })
        let html = HTMLReport.render(ReportDocument(title: "T", subtitle: "", generated: "d", sections: [.init(title: "s", intro: nil, blocks: [block])]))
        #expect(html.contains(">W0</text>") && html.contains(">W519</text>"))
        #expect(F.count("</text>", in: html.components(separatedBy: "<g class=\"ticks\">")[2].components(separatedBy: "</g>")[0]) <= 8)
        #expect(F.count("<li>few: ", in: html) == 1)
        #expect(F.count("<polyline", in: html) == 74)  // six weeks between gaps; W519 stands alone
    }

    @Test("a document without sections, or a section without blocks, says there is nothing to show yet")
    func empty() {
        let html = HTMLReport.render(ReportDocument(title: "T", subtitle: "", generated: "2026-12-02", sections: []))
        #expect(html.contains("<p class=\"note\">Nothing to show yet.</p>"))
        #expect(!html.contains("<section"))
        let blank = HTMLReport.render(ReportDocument(title: "T", subtitle: "", generated: "d", sections: [.init(title: "", intro: "", blocks: [])]))
        #expect(blank.contains("<section data-section=\"section-1\">") && blank.contains("Nothing to show yet."))
    }

    /// With `COACH_HTML_SAMPLE=PATH` set, writes the fixture page there to look at in a browser.
    @Test("the sample page renders (written out when COACH_HTML_SAMPLE names a file)")
    func sample() throws {
        var document = F.document
        document.sections.append(.init(title: "Edges", intro: "Awkward inputs.", blocks: Self.edgeCharts.map(\.1)))
        let html = HTMLReport.render(document)
        if let path = ProcessInfo.processInfo.environment["COACH_HTML_SAMPLE"] {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(html.contains("data-section=\"edges\""))
    }
}
