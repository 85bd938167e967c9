/// A `BarChart` as inline SVG: grouped bars per category (one per series, told apart by fill
/// pattern as well as colour) on the declared range, guides dashed and labelled, values labelled
/// with the unit, a category without a value marked on the axis with its reason in the table.
enum SVGBarChart {
    static func figure(_ chart: BarChart, prefix: String) -> ChartFigure {
        let count = max(chart.categories.count, chart.series.map(\.values.count).max() ?? 0)
        let category = { (index: Int) in index < chart.categories.count ? chart.categories[index] : "#\(index + 1)" }
        let values = chart.series.map { series in
            (0..<count).map { index in index < series.values.count ? HTML.drawable(series.values[index]) : nil }
        }
        let rotated = count > 6
        var frame = ChartFrame()
        frame.bottom = rotated ? 96 : 58
        let y = AxisScale(chart.range, data: values.flatMap { $0.compactMap { $0 } }, from: frame.plotBottom, to: frame.plotTop)
        let group = frame.plotWidth / Double(max(count, 1))
        let barWidth = group * 0.8 / Double(max(chart.series.count, 1))
        let baseline = y.position(min(max(0, y.lower), y.upper))

        var body = "<defs>\(ChartStyle.barPatterns(prefix: prefix, count: chart.series.count))</defs>\n"
        body += frame.axes(y: y, xLabel: chart.xLabel, yLabel: chart.yLabel) + "\n"
        var drawn = 0
        for index in 0..<count {
            let name = HTML.escape(category(index))
            for (number, series) in values.enumerated() {
                guard let value = series[index] else { continue }
                drawn += 1
                let left = frame.plotLeft + Double(index) * group + group * 0.1 + Double(number) * barWidth
                let top = min(y.position(value), baseline)
                let height = max(abs(baseline - y.position(value)), 1)
                let label = HTML.number(value, unit: chart.unit, decimals: y.valueDecimals)
                let who = chart.series.count > 1 ? ", " + HTML.escape(chart.series[number].name) : ""
                body += "<rect class=\"point bar\" x=\"\(HTML.coord(left))\" y=\"\(HTML.coord(top))\" width=\"\(HTML.coord(barWidth))\" "
                    + "height=\"\(HTML.coord(height))\" fill=\"url(#\(prefix)-s\(number))\" stroke=\"#222\" stroke-width=\"0.6\">"
                    + "<title>\(name)\(who): \(label)</title></rect>"
                if barWidth >= 18 {
                    body += "<text class=\"value\" x=\"\(HTML.coord(left + barWidth / 2))\" y=\"\(HTML.coord(top - 4))\" "
                        + "text-anchor=\"middle\">\(label)</text>"
                }
            }
            let centre = frame.plotLeft + (Double(index) + 0.5) * group
            if let reason = chart.missingReasons[index], values.contains(where: { $0[index] == nil }) {
                body += "<text class=\"missing\" x=\"\(HTML.coord(centre))\" y=\"\(HTML.coord(frame.plotBottom - 4))\" "
                    + "text-anchor=\"middle\">×<title>\(name): \(HTML.escape(reason))</title></text>"
            }
        }
        body += "\n<g class=\"ticks\">"
        for index in ChartFrame.labelledPositions(count: count, limit: 30) {
            let centre = HTML.coord(frame.plotLeft + (Double(index) + 0.5) * group)
            let top = HTML.coord(frame.plotBottom + 16)
            body += rotated
                ? "<text x=\"\(centre)\" y=\"\(top)\" text-anchor=\"end\" transform=\"rotate(-35 \(centre) \(top))\">\(HTML.escape(category(index)))</text>"
                : "<text x=\"\(centre)\" y=\"\(top)\" text-anchor=\"middle\">\(HTML.escape(category(index)))</text>"
        }
        body += "</g>\n" + frame.horizontalGuides(chart.guides, y: y)
        if drawn == 0 { body += frame.emptyMessage() }

        var legend = chart.series.enumerated().map {
            ChartFigure.LegendEntry(swatch: ChartStyle.barSwatch($0.offset), text: HTML.escape($0.element.name))
        }
        legend += ChartFigure.guideEntries(chart.guides, inside: y)
        if chart.missingReasons.contains(where: { $0.key >= 0 && $0.key < count }) {
            legend.append(.init(swatch: ChartStyle.swatch("<text x=\"15\" y=\"11\" text-anchor=\"middle\" font-size=\"12\">×</text>"),
                                text: "No bar: the reason is in the numbers table"))
        }
        let rows = (0..<count).map { index in
            [HTML.escape(category(index))] + values.map { series in
                if let value = series[index] { return HTML.number(value, unit: chart.unit, decimals: y.valueDecimals) }
                if let reason = chart.missingReasons[index] { return "— <span class=\"reason\">\(HTML.escape(reason))</span>" }
                return "—"
            }
        }
        let numbers = NumbersTable.html(caption: chart.title, header: [chart.xLabel] + chart.series.map(\.name), rows: rows)
        let description = "Bar chart of \(HTML.escape(chart.yLabel)) by \(HTML.escape(chart.xLabel)): \(count) categories, "
            + "\(chart.series.count) series, \(drawn) bars on a scale from \(HTML.number(y.lower, unit: chart.unit)) "
            + "to \(HTML.number(y.upper, unit: chart.unit))."
        return ChartFigure(id: chart.id, kind: "bar", points: drawn, title: chart.title, description: description,
                           body: body, viewBox: frame.viewBox, legend: legend, numbers: numbers)
    }
}
