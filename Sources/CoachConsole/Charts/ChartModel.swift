/// What a chart shows, decided before it is drawn. The terminal chart (`trends --chart`) and the
/// HTML report draw these same models, built from the rows the tables show, so what a viewer may
/// see is settled before any chart sees the data.

/// A line drawn across a chart at a value: a band's cut-off, a target, a pass mark. Its label
/// says the value too ("target 100%", "Low ≤ 49.99"): renderers show the label as it is.
struct ChartGuide: Equatable, Sendable {
    var value: Double
    var label: String
}

/// One line (or one set of bars) of a chart: a value per position, nil where there is none.
struct ChartSeries: Equatable, Sendable {
    var name: String
    var values: [Double?]
}

/// A score over weeks, one position per week of the window: gaps where a week has no value.
struct LineChart: Equatable, Sendable {
    /// Stable identifier (`SURVEY.SCORE`, `kpi.ID`): the HTML's `data-chart`.
    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    /// One label per position, oldest first (`2026-W40`).
    var xTicks: [String]
    /// The score's declared range: the y axis, never the data's min and max.
    var range: ClosedRange<Double>
    /// Band cut-offs, drawn as labelled lines.
    var guides: [ChartGuide]
    var series: [ChartSeries]
    /// Why a position has no value, where that is known and may be said ("fewer than 5
    /// respondents"); positions not listed simply have no data.
    var gapReasons: [Int: String] = [:]

    /// How many values are drawn (points), over all series.
    var pointCount: Int { series.reduce(0) { $0 + $1.values.compactMap { $0 }.count } }
}

/// Bars per category, one per series in each: attainment per rep, meetings held against due.
struct BarChart: Equatable, Sendable {
    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    var categories: [String]
    /// Values aligned with `categories`; nil draws no bar (the reason, if any, in `missingReasons`).
    var series: [ChartSeries]
    var range: ClosedRange<Double>
    /// Lines across the bars: a target (100 %), a pass mark.
    var guides: [ChartGuide] = []
    /// Written after each value in labels and the numbers table ("%", " days").
    var unit: String = ""
    /// Why a category has no bar, by category index ("not shown: fewer than 5 attempts").
    var missingReasons: [Int: String] = [:]

    /// How many bars are drawn, over all series.
    var barCount: Int { series.reduce(0) { $0 + $1.values.compactMap { $0 }.count } }
}

/// Things placed by two measures: quiz questions by facility and discrimination.
struct ScatterChart: Equatable, Sendable {
    struct Point: Equatable, Sendable {
        var label: String
        var x: Double
        var y: Double
        /// Why the point is marked (a flag such as "likely miskeyed"); nil for an unmarked point.
        var mark: String?
    }

    var id: String
    var title: String
    var xLabel: String
    var yLabel: String
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    var points: [Point]
    var xGuides: [ChartGuide] = []
    var yGuides: [ChartGuide] = []
}
