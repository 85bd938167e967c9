import CoachScoring
import Foundation

/// Draws a `LineChart` as lines of text (`trends --chart`): the title, the y axis's name, the plot
/// on the score's declared range with labelled cut-off lines, week labels, the x axis's name, a
/// legend, and the weeks that are gaps and why.
///
/// Every value is a marker (`●`, ASCII `*`), consecutive weeks are joined by a line, and a
/// missing week breaks it. No line is longer than `width`; any input draws, none traps: values
/// outside the range are clamped to its ends, NaN is a gap, a range of zero or non-finite width
/// puts every value on the bottom row.
struct TerminalChart {
    /// The columns to fit (at least 1).
    var width: Int
    var glyphs: ChartGlyphs
    /// Plot rows; nil: by the width (8 narrow, 10, 12 wide).
    var rows: Int?
    /// Colours a marker or a guide (`Console.styled`); colour only adds to the shapes.
    var style: (String, TextStyle) -> String = { text, _ in text }

    /// The width without a terminal or `COLUMNS`.
    static let defaultWidth = 80
    /// At most this many columns between two weeks: a short window on a wide terminal stays
    /// a compact chart instead of a few points strung far apart.
    static let maxColumnsPerWeek = 6
    /// The plot is at least this wide when there is room (a single week stays readable).
    static let minPlotWidth = 24

    /// One character of a line and its colour, if any.
    private typealias Cell = (character: Character, style: TextStyle?)

    private enum Mark {
        case empty, guide, dots(UInt8), marker(Int)
    }

    /// The chart as lines, without line feeds.
    func render(_ chart: LineChart) -> [String] {
        let width = max(1, width)
        var lines = [fit(glyphs.text(chart.title), width), fit(glyphs.text(chart.yLabel), width)]
        let count = max(chart.xTicks.count, chart.series.map(\.values.count).max() ?? 0)
        func value(_ series: ChartSeries, _ index: Int) -> Double? {
            guard index < series.values.count, let value = series.values[index], !value.isNaN else { return nil }
            return value
        }
        guard count > 0, chart.series.contains(where: { series in (0..<count).contains { value(series, $0) != nil } }) else {
            return lines + [fit("(no values in these \(count) weeks)", width)]
        }
        let plotRows = max(2, rows ?? (width < 60 ? 8 : width < 120 ? 10 : 12))
        let (cellWidth, cellHeight) = glyphs.braille ? (2, 4) : (1, 1)
        let dotsHigh = plotRows * cellHeight

        // The y axis: the range's ends, then the cut-offs within it, one label per row.
        let lower = chart.range.lowerBound, upper = chart.range.upperBound
        let span = upper - lower
        let scaled = lower.isFinite && upper.isFinite && span.isFinite && span > 0
        func dotRow(_ value: Double) -> Int {
            let fraction = scaled ? min(1, max(0, (value - lower) / span)) : 0
            return Int(((1 - (fraction.isNaN ? 0 : fraction)) * Double(dotsHigh - 1)).rounded())
        }
        var yLabels: [Int: String] = [:]
        for end in scaled ? [upper, lower] : [lower] where end.isFinite && yLabels[dotRow(end) / cellHeight] == nil {
            yLabels[dotRow(end) / cellHeight] = glyphs.text(ScoreFormat.display(end))
        }
        var guideLabels: [Int: String] = [:]
        for guide in chart.guides where scaled && guide.value.isFinite && chart.range.contains(guide.value) {
            let row = dotRow(guide.value) / cellHeight
            if yLabels[row] == nil { yLabels[row] = glyphs.text(ScoreFormat.display(guide.value)) }
            guideLabels[row] = (guideLabels[row].map { $0 + ", " } ?? "") + glyphs.text(guide.label)
        }
        let labelWidth = yLabels.values.map(\.count).max() ?? 0
        let left = labelWidth + 2

        // The plot's width: the weeks at most `maxColumnsPerWeek` apart, within what the
        // labels leave; the cut-offs' labels are shortened, or left to the legend, before the plot is.
        let wanted = max(Self.minPlotWidth, (count - 1) * Self.maxColumnsPerWeek + 1)
        let longestGuide = guideLabels.values.map(\.count).max() ?? 0
        var right = guideLabels.isEmpty ? 0 : 1 + longestGuide
        let plotShare = min(wanted, max(12, (width - left) * 3 / 4))
        if width - left - right < plotShare { right = max(0, width - left - plotShare) }
        if right < 5 { right = 0 }
        let guidesShortened = !guideLabels.isEmpty && right - 1 < longestGuide
        let plotWidth = max(1, min(wanted, width - left - right))
        let dotsWide = plotWidth * cellWidth
        func dotColumn(_ index: Int) -> Int {
            count == 1 ? (dotsWide - 1) / 2 : Int((Double(index) * Double(dotsWide - 1) / Double(count - 1)).rounded())
        }

        var grid = Array(repeating: Array(repeating: Mark.empty, count: plotWidth), count: plotRows)
        for row in guideLabels.keys { grid[row] = Array(repeating: .guide, count: plotWidth) }
        for series in chart.series {
            for index in 0..<(count - 1) {
                guard let from = value(series, index), let to = value(series, index + 1) else { continue }
                for (x, y) in Self.segment(from: (dotColumn(index), dotRow(from)), to: (dotColumn(index + 1), dotRow(to))) {
                    let bit = glyphs.braille ? ChartGlyphs.brailleBit(x: x % cellWidth, y: y % cellHeight) : 1
                    switch grid[y / cellHeight][x / cellWidth] {
                    case .marker: break
                    case let .dots(bits): grid[y / cellHeight][x / cellWidth] = .dots(bits | bit)
                    case .empty, .guide: grid[y / cellHeight][x / cellWidth] = .dots(bit)
                    }
                }
            }
        }
        for (number, series) in chart.series.enumerated() {
            for index in 0..<count {
                guard let point = value(series, index) else { continue }
                grid[dotRow(point) / cellHeight][dotColumn(index) / cellWidth] = .marker(number)
            }
        }

        for (row, marks) in grid.enumerated() {
            let label = yLabels[row] ?? ""
            var cells = plain(String(repeating: " ", count: labelWidth - label.count) + label + " ")
            cells.append((yLabels[row] == nil ? glyphs.axisVertical : glyphs.axisTick, nil))
            for mark in marks {
                switch mark {
                case .empty: cells.append((" ", nil))
                case .guide: cells.append((glyphs.guide, .dim))
                case let .dots(bits): cells.append((glyphs.braille ? ChartGlyphs.braille(bits) : glyphs.line, nil))
                case let .marker(number): cells.append((glyphs.marker(number), .cyan))
                }
            }
            if right > 0, let guideLabel = guideLabels[row] { cells += plain(" " + fit(guideLabel, right - 1)) }
            lines.append(joined(cells, width))
        }

        // The x axis: ticks at the weeks labelled, first and last always, the others thinned to fit.
        let ticks = (0..<count).map { $0 < chart.xTicks.count ? glyphs.text(Self.shortWeek(chart.xTicks[$0])) : "" }
        let longest = max(1, ticks.map(\.count).max() ?? 1)
        let step = max(1, Int(((Double(longest) + 1.5) * Double(count - 1) / Double(max(1, plotWidth - 1))).rounded(.up)))
        let candidates = [0, count - 1] + Array(stride(from: step, to: count - 1, by: step))
        let lineEnd = plotWidth + right
        var taken: [ClosedRange<Int>] = []
        var tickLine = Array(repeating: Character(" "), count: max(lineEnd, plotWidth))
        var axis = Array(repeating: glyphs.axisHorizontal, count: plotWidth)
        for index in candidates where !ticks[index].isEmpty {
            let column = dotColumn(index) / cellWidth
            let text = Array(ticks[index])
            let start = max(0, min(column - (text.count - 1) / 2, lineEnd - text.count))
            let span = start...(start + text.count - 1)
            guard start + text.count <= tickLine.count,
                  !taken.contains(where: { $0.overlaps((span.lowerBound - 1)...(span.upperBound + 1)) }) else { continue }
            taken.append(span)
            tickLine.replaceSubrange(span, with: text)
            axis[column] = glyphs.axisXTick
        }
        lines.append(joined(plain(String(repeating: " ", count: labelWidth + 1) + String(glyphs.axisCorner) + String(axis)), width))
        lines.append(fit(String(repeating: " ", count: left) + String(tickLine).trimmingTrailingSpaces, width))
        var xName = glyphs.text(chart.xLabel)
        if count > 1, let first = chart.xTicks.first, let last = chart.xTicks.last, chart.xTicks.count == count {
            xName += glyphs.text(" \(first) – \(last)")
        }
        lines.append(fit(String(repeating: " ", count: left + max(0, (plotWidth - xName.count) / 2)) + xName, width))

        if chart.series.count > 1 || !chart.guides.isEmpty {
            var items = chart.series.enumerated().map { "\(glyphs.marker($0.offset)) \(glyphs.text($0.element.name))" }
            if !chart.guides.isEmpty {
                // Labels cut short at the right are given whole here.
                items += guidesShortened ? chart.guides.map { "\(glyphs.guide) \(glyphs.text($0.label))" }
                                         : ["\(glyphs.guide) cut-off"]
            }
            lines += Self.wrap(items: items, width: width).map { fit($0, width) }
        }
        lines += gapLines(chart, ticks: ticks, width: width)
        return lines
    }

    /// Which weeks are gaps and why (`LineChart.gapReasons`), a line per reason, runs of weeks as `W41–W44`.
    private func gapLines(_ chart: LineChart, ticks: [String], width: Int) -> [String] {
        var order: [String] = []
        var weeks: [String: [Int]] = [:]
        for index in chart.gapReasons.keys.sorted() where index >= 0 && index < ticks.count {
            let reason = chart.gapReasons[index] ?? ""
            if weeks[reason] == nil { order.append(reason) }
            weeks[reason, default: []].append(index)
        }
        return order.flatMap { reason -> [String] in
            var runs: [String] = []
            var start: Int?
            let indices = weeks[reason] ?? []
            for (position, index) in indices.enumerated() {
                if start == nil { start = index }
                let runEnds = position + 1 == indices.count || indices[position + 1] != index + 1
                if runEnds, let first = start {
                    runs.append(first == index ? ticks[index] : ticks[first] + glyphs.text("–") + ticks[index])
                    start = nil
                }
            }
            let text = "No value for " + runs.joined(separator: ", ") + ": " + glyphs.text(reason)
            return Self.wrap(text, width: width, indent: 2).map { fit($0, width) }
        }
    }

    /// `2026-W40` → `W40`; any other label as it is.
    static func shortWeek(_ label: String) -> String {
        guard label.wholeMatch(of: /[0-9]{4}-W[0-9]{2}/) != nil, let dash = label.firstIndex(of: "-") else { return label }
        return String(label[label.index(after: dash)...])
    }

    /// The points of a straight line from one dot to another, both ends included (Bresenham).
    static func segment(from start: (Int, Int), to end: (Int, Int)) -> [(Int, Int)] {
        var (x, y) = start
        let dx = abs(end.0 - x), dy = -abs(end.1 - y)
        let sx = x < end.0 ? 1 : -1, sy = y < end.1 ? 1 : -1
        var error = dx + dy
        var points: [(Int, Int)] = []
        while true {
            points.append((x, y))
            if x == end.0 && y == end.1 { return points }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// `text` in lines of at most `width` characters, broken at spaces; the lines after the first indented.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if candidate.count <= width || current.trimmingCharacters(in: .whitespaces).isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(repeating: " ", count: min(indent, max(0, width / 4))) + word
            }
        }
        return lines + [current]
    }

    /// Legend items in lines of at most `width` characters, three spaces apart, an item broken
    /// only when it is wider than a line on its own.
    static func wrap(items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for item in items {
            if current.isEmpty || current.count + 3 + item.count <= width {
                current += (current.isEmpty ? "" : "   ") + item
                continue
            }
            lines.append(current)
            current = item
        }
        return (lines + [current]).flatMap { $0.count > width ? wrap($0, width: width, indent: 2) : [$0] }
    }

    /// `text` cut to `width` characters, the last one an ellipsis when anything was cut.
    private func fit(_ text: String, _ width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - 1)) + (glyphs.unicodeText ? "…" : ">")
    }

    private func plain(_ text: String) -> [Cell] { text.map { ($0, nil) } }

    /// The cells as a line of at most `width` characters, each run of a colour styled once.
    private func joined(_ cells: [Cell], _ width: Int) -> String {
        var line = ""
        var run = ""
        var runStyle: TextStyle?
        for cell in cells.prefix(width) {
            if cell.style != runStyle {
                line += runStyle.map { style(run, $0) } ?? run
                run = ""
                runStyle = cell.style
            }
            run.append(cell.character)
        }
        return (line + (runStyle.map { style(run, $0) } ?? run)).trimmingTrailingSpaces
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        guard let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[...last])
    }
}
