/// A `LineChart` as inline SVG: the y axis on the declared range, one column per week, each
/// series a polyline broken at its gaps with a point at each value, guides dashed and labelled,
/// weeks with a known gap reason hatched and footnoted in the numbers table.
enum SVGLineChart {
    static func figure(_ chart: LineChart, prefix: String) -> ChartFigure {
        let positions = max(chart.xTicks.count, chart.series.map(\.values.count).max() ?? 0)
        let tick = { (index: Int) in index < chart.xTicks.count ? chart.xTicks[index] : "#\(index + 1)" }
        let values = chart.series.map { series in
            (0..<positions).map { index in index < series.values.count ? HTML.drawable(series.values[index]) : nil }
        }
        let frame = ChartFrame()
        let y = AxisScale(chart.range, data: values.flatMap { $0.compactMap { $0 } }, from: frame.plotBottom, to: frame.plotTop)
        let step = frame.plotWidth / Double(max(positions, 1))
        let x = { (index: Int) in frame.plotLeft + (Double(index) + 0.5) * step }
        let emptyAt = { (index: Int) in values.allSatisfy { $0[index] == nil } }
        let gapWeeks = chart.gapReasons.keys.sorted().filter { $0 >= 0 && $0 < positions && emptyAt($0) }

        var body = "<defs>\(ChartStyle.gapPattern(prefix: prefix))</defs>\n"
        for index in gapWeeks {
            let reason = HTML.escape(chart.gapReasons[index] ?? "")
            body += "<g class=\"gap\"><rect x=\"\(HTML.coord(frame.plotLeft + Double(index) * step))\" y=\"\(HTML.coord(frame.plotTop))\" "
                + "width=\"\(HTML.coord(step))\" height=\"\(HTML.coord(frame.plotBottom - frame.plotTop))\" fill=\"url(#\(prefix)-gap)\"/>"
                + "<line class=\"gap-mark\" x1=\"\(HTML.coord(x(index) - min(step * 0.35, 6)))\" y1=\"\(HTML.coord(frame.plotBottom - 4))\" "
                + "x2=\"\(HTML.coord(x(index) + min(step * 0.35, 6)))\" y2=\"\(HTML.coord(frame.plotBottom - 4))\"/>"
                + "<title>\(HTML.escape(tick(index))): no value, \(reason)</title></g>\n"
        }
        body += frame.axes(y: y, xLabel: chart.xLabel, yLabel: chart.yLabel) + "\n"
        body += "<g class=\"ticks\">"
        for index in ChartFrame.labelledPositions(count: positions, limit: 6) {
            body += "<text x=\"\(HTML.coord(x(index)))\" y=\"\(HTML.coord(frame.plotBottom + 16))\" text-anchor=\"middle\">"
                + "\(HTML.escape(tick(index)))</text>"
        }
        body += "</g>\n" + frame.horizontalGuides(chart.guides, y: y) + "\n"

        let radius = min(3.5, max(1.2, step * 0.3))
        var drawn = 0
        for (number, series) in values.enumerated() {
            let colour = ChartStyle.colour(number)
            body += "<g class=\"series\">"
            for run in runs(series) where run.count > 1 {
                let points = run.map { "\(HTML.coord(x($0))),\(HTML.coord(y.position(series[$0]!)))" }.joined(separator: " ")
                body += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(ChartStyle.dash(number))/>"
            }
            for (index, value) in series.enumerated() {
                guard let value else { continue }
                drawn += 1
                let who = chart.series.count > 1 ? HTML.escape(chart.series[number].name) + ", " : ""
                body += "<circle class=\"point\" cx=\"\(HTML.coord(x(index)))\" cy=\"\(HTML.coord(y.position(value)))\" "
                    + "r=\"\(HTML.coord(radius))\" fill=\"\(ChartStyle.markerFill(number))\" stroke=\"\(colour)\" stroke-width=\"1.5\">"
                    + "<title>\(who)\(HTML.escape(tick(index))): \(HTML.number(value, decimals: y.valueDecimals))</title></circle>"
            }
            body += "</g>\n"
        }
        if drawn == 0 { body += frame.emptyMessage() }

        let reasons = groupedReasons(chart.gapReasons, weeks: gapWeeks)
        var legend = chart.series.enumerated().map {
            ChartFigure.LegendEntry(swatch: ChartStyle.lineSwatch($0.offset), text: HTML.escape($0.element.name))
        }
        legend += ChartFigure.guideEntries(chart.guides, inside: y)
        legend += reasons.map { ChartFigure.LegendEntry(swatch: ChartStyle.gapSwatch(), text: "No value: \(HTML.escape($0.reason))") }

        let rows = (0..<positions).map { index in
            [HTML.escape(tick(index))] + values.map { series in
                if let value = series[index] { return HTML.number(value, decimals: y.valueDecimals) }
                if let note = reasons.firstIndex(where: { $0.weeks.contains(index) }) { return "—<sup>\(note + 1)</sup>" }
                return "—"
            }
        }
        let notes = reasons.map { group in
            "\(HTML.escape(group.reason)): " + spans(group.weeks).map { span in
                span.count == 1 ? HTML.escape(tick(span[0])) : "\(HTML.escape(tick(span[0]))) to \(HTML.escape(tick(span[span.count - 1])))"
            }.joined(separator: ", ")
        }
        let numbers = NumbersTable.html(caption: chart.title, header: [chart.xLabel] + chart.series.map(\.name), rows: rows, notes: notes)

        let description = "Line chart of \(HTML.escape(chart.yLabel)) by \(HTML.escape(chart.xLabel)): \(chart.series.count) "
            + "series over \(positions) positions, \(drawn) values drawn on a scale from \(HTML.number(y.lower)) to \(HTML.number(y.upper))"
            + (gapWeeks.isEmpty ? "." : ", \(gapWeeks.count) weeks without a value for a stated reason.")
        return ChartFigure(id: chart.id, kind: "line", points: drawn, title: chart.title, description: description,
                           body: body, viewBox: frame.viewBox, legend: legend, numbers: numbers)
    }

    /// Runs of consecutive positions that have a value: each is drawn as its own line.
    static func runs(_ values: [Double?]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for (index, value) in values.enumerated() {
            if value == nil {
                if !current.isEmpty { runs.append(current) }
                current = []
            } else {
                current.append(index)
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Consecutive indices grouped (`[3, 4, 5, 9]` → `[[3, 4, 5], [9]]`) to write them as ranges.
    static func spans(_ indices: [Int]) -> [[Int]] {
        var spans: [[Int]] = []
        for index in indices.sorted() {
            if let last = spans.last?.last, last + 1 == index { spans[spans.count - 1].append(index) } else { spans.append([index]) }
        }
        return spans
    }

    /// The weeks with a gap, grouped by their reason in the order the reasons first occur.
    static func groupedReasons(_ reasons: [Int: String], weeks: [Int]) -> [(reason: String, weeks: [Int])] {
        var groups: [(reason: String, weeks: [Int])] = []
        for week in weeks {
            let reason = reasons[week] ?? ""
            if let at = groups.firstIndex(where: { $0.reason == reason }) { groups[at].weeks.append(week) } else { groups.append((reason, [week])) }
        }
        return groups
    }
}
