/// A `ScatterChart` as inline SVG: x and y on their declared ranges, guides dashed and labelled
/// on both axes, every point labelled, marked points drawn as diamonds with a `*` after their
/// label and their mark in the legend and the numbers table.
enum SVGScatterChart {
    static func figure(_ chart: ScatterChart, prefix: String) -> ChartFigure {
        let frame = ChartFrame()
        let x = AxisScale(chart.xRange, data: chart.points.map(\.x), from: frame.plotLeft, to: frame.plotRight)
        let y = AxisScale(chart.yRange, data: chart.points.map(\.y), from: frame.plotBottom, to: frame.plotTop)

        var body = frame.axes(y: y, xLabel: chart.xLabel, yLabel: chart.yLabel) + "\n"
        body += frame.xAxisTicks(x: x) + "\n"
        body += frame.horizontalGuides(chart.yGuides, y: y) + frame.verticalGuides(chart.xGuides, x: x) + "\n"
        var drawn = 0
        var labels = ""
        for point in chart.points where point.x.isFinite && point.y.isFinite {
            drawn += 1
            let (px, py) = (x.position(point.x), y.position(point.y))
            let label = HTML.escape(point.label)
            let hover = "<title>\(label): \(HTML.escape(chart.xLabel)) \(HTML.number(point.x, decimals: x.valueDecimals)), \(HTML.escape(chart.yLabel)) "
                + "\(HTML.number(point.y, decimals: y.valueDecimals))\(point.mark.map { ", " + HTML.escape($0) } ?? "")</title>"
            if point.mark != nil {
                body += ChartStyle.diamond(x: px, y: py, size: 6, extra: " class=\"point marked\"", content: hover)
                labels += "<text class=\"scatter-label marked-label\" x=\"\(HTML.coord(px + 8))\" y=\"\(HTML.coord(py - 6))\">\(label) *</text>"
            } else {
                body += "<circle class=\"point\" cx=\"\(HTML.coord(px))\" cy=\"\(HTML.coord(py))\" r=\"4\" fill=\"\(ChartStyle.colour(0))\" "
                    + "fill-opacity=\"0.8\">\(hover)</circle>"
                labels += "<text class=\"scatter-label\" x=\"\(HTML.coord(px + 6))\" y=\"\(HTML.coord(py - 5))\">\(label)</text>"
            }
        }
        body += "\n<g class=\"labels\">\(labels)</g>"
        if drawn == 0 { body += frame.emptyMessage() }

        var legend = [ChartFigure.LegendEntry(swatch: ChartStyle.pointSwatch(), text: "A point, labelled")]
        var marks: [String] = []
        for mark in chart.points.compactMap(\.mark) where !marks.contains(mark) { marks.append(mark) }
        legend += marks.map { .init(swatch: ChartStyle.markedSwatch(), text: "Marked (label with *): \(HTML.escape($0))") }
        legend += ChartFigure.guideEntries(chart.xGuides, inside: x, axis: HTML.escape(chart.xLabel) + " ")
        legend += ChartFigure.guideEntries(chart.yGuides, inside: y, axis: HTML.escape(chart.yLabel) + " ")

        let rows = chart.points.map { point in
            [HTML.escape(point.label), HTML.number(point.x, decimals: x.valueDecimals), HTML.number(point.y, decimals: y.valueDecimals), point.mark.map { "* " + HTML.escape($0) } ?? ""]
        }
        let numbers = NumbersTable.html(caption: chart.title, header: ["Point", chart.xLabel, chart.yLabel, "Marked"], rows: rows)
        let description = "Scatter chart of \(HTML.escape(chart.yLabel)) against \(HTML.escape(chart.xLabel)): \(drawn) points, "
            + "\(chart.points.filter { $0.mark != nil }.count) of them marked."
        return ChartFigure(id: chart.id, kind: "scatter", points: drawn, title: chart.title, description: description,
                           body: body, viewBox: frame.viewBox, legend: legend, numbers: numbers)
    }
}
