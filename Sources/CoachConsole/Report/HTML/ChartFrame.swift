/// The drawing area of a chart (a fixed viewBox the SVG scales from) and the parts every kind
/// shares: grid, axes with tick labels and names, dashed guide lines with their labels.
struct ChartFrame {
    static let width = 520.0
    static let height = 330.0

    var left = 64.0
    var right = 24.0
    var top = 18.0
    var bottom = 58.0

    var plotLeft: Double { left }
    var plotRight: Double { ChartFrame.width - right }
    var plotTop: Double { top }
    var plotBottom: Double { ChartFrame.height - bottom }
    var plotWidth: Double { plotRight - plotLeft }

    var viewBox: String { "0 0 \(HTML.coord(ChartFrame.width)) \(HTML.coord(ChartFrame.height))" }

    /// Horizontal grid lines with the y tick labels, the two axis lines and both axis names.
    func axes(y: AxisScale, xLabel: String, yLabel: String) -> String {
        var svg = "<g class=\"grid\">"
        for tick in y.ticks {
            let at = HTML.coord(y.position(tick))
            svg += "<line x1=\"\(HTML.coord(plotLeft))\" y1=\"\(at)\" x2=\"\(HTML.coord(plotRight))\" y2=\"\(at)\"/>"
        }
        svg += "</g><g class=\"ticks\">"
        for tick in y.ticks {
            svg += "<text x=\"\(HTML.coord(plotLeft - 6))\" y=\"\(HTML.coord(y.position(tick) + 4))\" text-anchor=\"end\">"
                + "\(HTML.number(tick, decimals: y.tickDecimals))</text>"
        }
        svg += "</g>"
        svg += "<path class=\"axis\" d=\"M\(HTML.coord(plotLeft)) \(HTML.coord(plotTop)) V\(HTML.coord(plotBottom)) H\(HTML.coord(plotRight))\"/>"
        svg += "<text class=\"axis-name\" x=\"\(HTML.coord((plotLeft + plotRight) / 2))\" y=\"\(HTML.coord(ChartFrame.height - 6))\" "
            + "text-anchor=\"middle\">\(HTML.escape(xLabel))</text>"
        let middle = HTML.coord((plotTop + plotBottom) / 2)
        svg += "<text class=\"axis-name\" x=\"14\" y=\"\(middle)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(middle))\">"
            + "\(HTML.escape(yLabel))</text>"
        return svg
    }

    /// Vertical grid lines with x tick labels, for a numeric x axis (scatter).
    func xAxisTicks(x: AxisScale) -> String {
        var svg = "<g class=\"grid\">"
        for tick in x.ticks {
            let at = HTML.coord(x.position(tick))
            svg += "<line x1=\"\(at)\" y1=\"\(HTML.coord(plotTop))\" x2=\"\(at)\" y2=\"\(HTML.coord(plotBottom))\"/>"
        }
        svg += "</g><g class=\"ticks\">"
        for tick in x.ticks {
            svg += "<text x=\"\(HTML.coord(x.position(tick)))\" y=\"\(HTML.coord(plotBottom + 16))\" text-anchor=\"middle\">"
                + "\(HTML.number(tick, decimals: x.tickDecimals))</text>"
        }
        return svg + "</g>"
    }

    /// Dashed horizontal lines at the guides inside the range, each labelled in text at its right end
    /// (a guide's label says its value: "target 100%").
    func horizontalGuides(_ guides: [ChartGuide], y: AxisScale) -> String {
        guides.filter { y.contains($0.value) }.map { guide in
            let at = y.position(guide.value)
            return "<g class=\"guide\"><line x1=\"\(HTML.coord(plotLeft))\" y1=\"\(HTML.coord(at))\" x2=\"\(HTML.coord(plotRight))\" "
                + "y2=\"\(HTML.coord(at))\" stroke-dasharray=\"5 3\"/><text x=\"\(HTML.coord(plotRight - 4))\" y=\"\(HTML.coord(at - 4))\" "
                + "text-anchor=\"end\">\(HTML.escape(guide.label))</text></g>"
        }.joined()
    }

    /// Dashed vertical lines at the guides inside the range, labelled at the top.
    func verticalGuides(_ guides: [ChartGuide], x: AxisScale) -> String {
        guides.filter { x.contains($0.value) }.map { guide in
            let at = x.position(guide.value)
            return "<g class=\"guide\"><line x1=\"\(HTML.coord(at))\" y1=\"\(HTML.coord(plotTop))\" x2=\"\(HTML.coord(at))\" "
                + "y2=\"\(HTML.coord(plotBottom))\" stroke-dasharray=\"5 3\"/><text x=\"\(HTML.coord(at + 4))\" y=\"\(HTML.coord(plotTop + 10))\">"
                + "\(HTML.escape(guide.label))</text></g>"
        }.joined()
    }

    /// Said in the middle of a chart that has nothing to draw.
    func emptyMessage() -> String {
        "<text class=\"empty\" x=\"\(HTML.coord((plotLeft + plotRight) / 2))\" y=\"\(HTML.coord((plotTop + plotBottom) / 2))\" "
            + "text-anchor=\"middle\">No values to draw</text>"
    }

    /// Which of `count` positions get a label: at most `limit`, the first and the last always.
    static func labelledPositions(count: Int, limit: Int) -> [Int] {
        guard count > 0 else { return [] }
        guard count > limit, limit > 1 else { return Array(0..<count) }
        let stride = (count - 1 + limit - 2) / (limit - 1)
        var positions = Array(Swift.stride(from: 0, to: count - 1, by: stride))
        if let last = positions.last, count - 1 - last < (stride + 1) / 2, positions.count > 1 { positions.removeLast() }
        return positions + [count - 1]
    }
}
