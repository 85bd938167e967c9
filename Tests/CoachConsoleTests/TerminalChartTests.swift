@testable import CoachConsole
import CoachCore
import CoachScoring
import Foundation
import Testing

/// `TerminalChart`: a `LineChart` drawn as text, on the score's declared range, in ASCII or Unicode.
@Suite("Terminal line charts")
struct TerminalChartTests {
    /// A score on 0–10 over as many weeks as `values` (2026-W01 on), one cut-off at 5.
    static func chart(_ values: [Double?], range: ClosedRange<Double> = 0...10,
                      guides: [ChartGuide] = [ChartGuide(value: 5, label: "Low ≤ 5")],
                      gapReasons: [Int: String] = [:], title: String = "Score (t)", weeks: Int? = nil) -> LineChart {
        let count = weeks ?? values.count
        return LineChart(id: "t.s", title: title, xLabel: "Week", yLabel: "Score, 0–10",
                         xTicks: (0..<count).map { String(format: "%04d-W%02d", 2026 + $0 / 52, $0 % 52 + 1) },
                         range: range, guides: guides, series: [ChartSeries(name: "Ana", values: values)],
                         gapReasons: gapReasons)
    }

    static func draw(_ chart: LineChart, width: Int = 40, glyphs: ChartGlyphs = .ascii, rows: Int? = 5) -> [String] {
        TerminalChart(width: width, glyphs: glyphs, rows: rows).render(chart)
    }

    static let small = chart([0, 10, nil, 5], gapReasons: [2: "not shown: too few"])

    @Test("a small chart in ASCII, exactly: range ends and cut-off on the axis, the gap said under it")
    func exactASCII() {
        #expect(Self.draw(Self.small) == [
            "Score (t)",
            "Score, 0-10",
            "10 +       .*",
            "   |     ..",
            " 5 +---..------------------* Low <= 5",
            "   | ..",
            " 0 +*",
            "   ++-------+------+-------+",
            "    W01    W02    W03     W04",
            "    Week 2026-W01 - 2026-W04",
            "* Ana   - cut-off",
            "No value for W03: not shown: too few",
        ])
    }

    @Test("the same chart in Unicode, exactly: braille line, ● points, box-drawing axes")
    func exactUnicode() {
        #expect(Self.draw(Self.small, glyphs: .unicode) == [
            "Score (t)",
            "Score, 0–10",
            "10 ┤      ⢀⠔●",
            "   │     ⡠⠊",
            " 5 ┤───⢀⠎──────────────────● Low ≤ 5",
            "   │ ⢀⠔⠁",
            " 0 ┤●⠊",
            "   └┬───────┬──────┬───────┬",
            "    W01    W02    W03     W04",
            "    Week 2026-W01 – 2026-W04",
            "● Ana   ─ cut-off",
            "No value for W03: not shown: too few",
        ])
    }

    @Test("a missing week breaks the line: nothing is drawn between the points around it", arguments: [ChartGlyphs.ascii, .unicode])
    func gapsBreakTheLine(_ glyphs: ChartGlyphs) throws {
        let lines = Self.draw(Self.chart([5, 5, nil, 5, 5], guides: []), width: 60, glyphs: glyphs)
        let row = try #require(lines.first { $0.contains(glyphs.marker(0)) })
        let text = Array(row.drop { $0 != glyphs.axisVertical && $0 != glyphs.axisTick }.dropFirst())
        let markers = text.indices.filter { text[$0] == glyphs.marker(0) }
        #expect(markers.count == 4, "\(row)")
        guard markers.count == 4 else { return }
        #expect(text[(markers[1] + 1)..<markers[2]].allSatisfy { $0 == " " }, "no line across the gap: \(row)")
        #expect(text[(markers[0] + 1)..<markers[1]].allSatisfy { $0 != " " }, "consecutive weeks are joined: \(row)")
    }

    @Test("cut-offs are lines of their own character, labelled with the band and value, also at 40 columns",
          arguments: [ChartGlyphs.ascii, .unicode])
    func cutOffLines(_ glyphs: ChartGlyphs) throws {
        let guides = [ChartGuide(value: 3, label: "Low ≤ 3"), ChartGuide(value: 7, label: "Moderate ≤ 7")]
        for width in [40, 80] {
            let lines = Self.draw(Self.chart([1, 2, 9], guides: guides), width: width, glyphs: glyphs, rows: 11)
            for (value, label) in [("3", "Low ≤ 3"), ("7", "Moderate ≤ 7")] {
                let row = try #require(lines.first { $0.hasPrefix(" \(value) \(glyphs.axisTick)") }, "the value on the y axis: \(lines)")
                #expect(row.contains(String(repeating: glyphs.guide, count: 10)))
                // At the right of the line; where it had to be shortened, whole in the legend.
                let legend = lines.suffix(2)
                #expect(row.hasSuffix(glyphs.text(label)) || width < 80 && legend.contains { $0.contains(glyphs.text(label)) },
                        "\(lines)")
            }
            #expect(lines.contains { $0.hasSuffix(glyphs.text("Low ≤ 3")) }, "\(lines)")
        }
    }

    @Test("the range's ends land on the top and bottom rows; values beyond them are clamped there")
    func rangeEnds() {
        for values in [[10, 0], [15, -3], [Double.infinity, -Double.infinity]] as [[Double?]] {
            for glyphs in [ChartGlyphs.ascii, .unicode] {
                let lines = Self.draw(Self.chart(values, guides: []), glyphs: glyphs, rows: 6)
                #expect(lines[2].hasPrefix("10 \(glyphs.axisTick)\(glyphs.marker(0))"), "\(values): \(lines)")
                #expect(lines[7].hasPrefix(" 0 \(glyphs.axisTick)"), "\(lines)")
                #expect(lines[7].hasSuffix(String(glyphs.marker(0))), "\(values): \(lines)")
            }
        }
    }

    @Test("no line is wider than the width, at 40, 80 and 200 columns", arguments: [40, 80, 200])
    func widthRespected(_ width: Int) {
        let long = [ChartGuide(value: 2.8, label: "Low — please consider talking to someone you trust ≤ 2.8"),
                    ChartGuide(value: 5, label: "Poor (5 or less) ≤ 5")]
        for weeks in [1, 12, 52, 520] {
            let values = (0..<weeks).map { $0 % 7 == 3 ? nil : Double($0 % 11) }
            let chart = Self.chart(values, guides: long, gapReasons: [3: "not shown: fewer than 5 respondents"],
                                   title: String(repeating: "Customer-related burnout ", count: 12))
            for glyphs in [ChartGlyphs.ascii, .unicode] {
                let lines = Self.draw(chart, width: width, glyphs: glyphs, rows: nil)
                #expect(lines.allSatisfy { $0.count <= width }, "\(weeks) weeks: \(lines.joined(separator: "\n"))")
            }
        }
    }

    @Test("12 weeks at 200 columns stay a compact chart: the weeks at most 6 columns apart")
    func wideTerminal() throws {
        let lines = Self.draw(Self.chart((0..<12).map { Double($0 % 10) }), width: 200, glyphs: .unicode, rows: nil)
        let axis = try #require(lines.first { $0.contains("└") })
        #expect(axis.count <= 4 + 11 * 6 + 1, "\(axis)")
        #expect(lines.filter { $0.contains("┤") || $0.contains("│") }.count == 12, "12 rows at 200 columns")
    }

    @Test("the first and last weeks are always labelled; 520 weeks at 40 columns thin the rest")
    func weekLabels() throws {
        let lines = Self.draw(Self.chart((0..<520).map { Double($0 % 10) }, guides: []), width: 40, glyphs: .ascii)
        let labels = try #require(lines.first { $0.contains("W01") })
        #expect(labels.hasPrefix("    W01"))
        #expect(labels.hasSuffix("W52"), "the last of 520 weeks: \(labels)")
    }

    @Test("nothing traps: empty, all nil, one point, NaN and infinities, a zero-width or infinite range, tiny widths")
    func edgeInputs() {
        let cases: [LineChart] = [
            LineChart(id: "e", title: "Empty", xLabel: "Week", yLabel: "y", xTicks: [], range: 0...1, guides: [], series: []),
            Self.chart([nil, nil, nil]),
            Self.chart([], weeks: 0),
            Self.chart([7]),
            Self.chart([3, nil], weeks: 12),
            Self.chart([.nan, 4, .infinity, -.infinity, .nan]),
            Self.chart([1, 2, 3], range: 5...5, guides: [ChartGuide(value: 5, label: "x")]),
            Self.chart([1, 2, 3], range: -Double.infinity...Double.infinity, guides: [ChartGuide(value: .nan, label: "x")]),
            Self.chart((0..<520).map { Double($0) }, range: 0...10, gapReasons: [-1: "x", 9_999: "y", 0: "z"]),
            LineChart(id: "m", title: "Two", xLabel: "Week", yLabel: "y", xTicks: ["a"], range: 0...1, guides: [],
                      series: [ChartSeries(name: "A", values: [0.5, 1, 0]), ChartSeries(name: "B", values: [nil, 0])]),
        ]
        for chart in cases {
            for width in [0, 1, 5, 40, 80] {
                for glyphs in [ChartGlyphs.ascii, .unicode] {
                    let lines = Self.draw(chart, width: width, glyphs: glyphs, rows: nil)
                    #expect(!lines.isEmpty)
                    #expect(lines.allSatisfy { $0.count <= max(1, width) }, "\(chart.title) at \(width): \(lines)")
                }
            }
        }
        #expect(Self.draw(Self.chart([nil, nil])).last == "(no values in these 2 weeks)")
    }

    @Test("a gap's reason names its weeks, runs as W02-W04, one line per reason")
    func gapReasons() {
        let reasons = [1: "too few", 2: "too few", 3: "too few", 5: "too few", 6: "week not over yet"]
        let lines = Self.draw(Self.chart([1, nil, nil, nil, 2, nil, nil], gapReasons: reasons), width: 80)
        #expect(lines.suffix(2) == ["No value for W02-W04, W06: too few", "No value for W07: week not over yet"])
    }

    @Test("ASCII output is ASCII whatever the labels hold; several series get their own markers in the legend")
    func asciiOnly() {
        var chart = Self.chart([1, 2, 3], guides: [ChartGuide(value: 5, label: "Gut ≥ 5 – “okay” …")], title: "Zufriedenheit (Jürgen)")
        chart.series.append(ChartSeries(name: "José", values: [3, nil, 1]))
        let lines = Self.draw(chart, width: 80)
        #expect(lines.joined().utf8.allSatisfy { $0 < 0x80 }, "\(lines)")
        #expect(lines.contains("* Ana   o Jose   - cut-off"), "\(lines)")
        #expect(lines.contains { $0.hasSuffix("Gut >= 5 - \"okay\" ...") }, "\(lines)")
    }

    @Test("trends rows: a chart each; a row without a chart is listed, one with no value in the window says so")
    func trendRows() {
        let definition = ScoreDefinition(id: "s", label: "Score", range: 0...10)
        func row(_ chart: LineChart?) -> TrendRow {
            var built = TrendRow(subject: "Ana", survey: "t", score: "s", label: "Score", n: 1,
                                 points: [.init(date: "2026-01-01", value: 3)],
                                 summary: TrendSummary.compute(points: [], definition: definition), sparkline: "")
            built.chart = chart
            return built
        }
        let console = Console(useColor: false, columns: 60, out: { _ in }, error: { _ in })
        let lines = TrendCharts.lines([row(Self.small), row(Self.chart([nil, nil])), row(nil)], weeks: 4, console: console,
                                      glyphs: .ascii)
        #expect(lines.first == "Score (t)")
        #expect(lines.contains("Score (t): no value in the last 4 weeks."), "\(lines)")
        #expect(lines.last == "No chart for Score (t) (see 'trends' without --chart).", "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 60 })
    }

    @Test("colour only adds to the shapes: the coloured chart without its colour is the plain one")
    func colourAddsNothingNeeded() {
        for glyphs in [ChartGlyphs.ascii, .unicode] {
            var coloured = TerminalChart(width: 40, glyphs: glyphs, rows: 5)
            coloured.style = { text, style in "<\(style.rawValue)>" + text + "</>" }
            let lines = coloured.render(Self.small)
            #expect(lines.joined().contains("<36>\(glyphs.marker(0))</>") && lines.joined().contains("<2>"), "\(lines)")
            let stripped = lines.map { $0.replacing(/<\/?[0-9]*>/, with: "") }
            #expect(stripped == Self.draw(Self.small, glyphs: glyphs))
        }
    }

    @Test("ASCII with TERM=dumb or a locale without UTF-8 (LC_ALL, LC_CTYPE, LANG: the first set), Unicode otherwise")
    func glyphChoice() {
        #expect(ChartGlyphs.chosen(environment: ["TERM": "dumb", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(ChartGlyphs.chosen(environment: ["TERM": "xterm", "LANG": "en_US.UTF-8"]) == .unicode)
        #expect(ChartGlyphs.chosen(environment: ["LC_ALL": "", "LC_CTYPE": "de_DE.utf8", "LANG": "C"]) == .unicode)
        #expect(ChartGlyphs.chosen(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(ChartGlyphs.chosen(environment: ["LANG": "en_US.ISO-8859-1"]) == .ascii)
        #expect(ChartGlyphs.chosen(environment: [:]) == .ascii)
    }
}
