/// How series tell themselves apart without colour alone: each has a colour of its own
/// lightness, and a dash pattern and marker fill (lines) or a fill pattern (bars) as well.
enum ChartStyle {
    private static let colours = ["#1f4e79", "#c55a11", "#3b7d23", "#7030a0", "#5f5f5f", "#b8860b"]
    private static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 4", "1 2"]

    static func colour(_ series: Int) -> String { colours[series % colours.count] }

    /// The `stroke-dasharray` attribute of a series' line ("" for solid).
    static func dash(_ series: Int) -> String {
        let pattern = dashes[series % dashes.count]
        return pattern.isEmpty ? "" : " stroke-dasharray=\"\(pattern)\""
    }

    /// The fill of a line's point markers: solid for even series, hollow for odd ones.
    static func markerFill(_ series: Int) -> String { series % 2 == 0 ? colour(series) : "#ffffff" }

    /// `<pattern>` definitions for bar fills, one per series, ids `PREFIX-sN`.
    static func barPatterns(prefix: String, count: Int) -> String {
        (0..<count).map { series in
            let colour = colour(series)
            let marks: String
            switch series % 4 {
            case 0: marks = ""
            case 1: marks = "<path d=\"M0 6 L6 0\" stroke=\"#ffffff\" stroke-width=\"1.6\"/>"
            case 2: marks = "<path d=\"M0 0 L6 6 M0 6 L6 0\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
            default: marks = "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#ffffff\"/>"
            }
            return "<pattern id=\"\(prefix)-s\(series)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                + "<rect width=\"6\" height=\"6\" fill=\"\(colour)\"/>\(marks)</pattern>"
        }.joined()
    }

    /// A hatched light grey for weeks that have a reason for their gap, id `PREFIX-gap`.
    static func gapPattern(prefix: String) -> String {
        "<pattern id=\"\(prefix)-gap\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"8\" height=\"8\" fill=\"#f0f0f0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#c8c8c8\" stroke-width=\"3\"/></pattern>"
    }

    /// The small picture before a legend entry (its own tiny SVG, hidden from screen readers).
    static func swatch(_ body: String) -> String {
        "<svg class=\"swatch\" width=\"30\" height=\"14\" viewBox=\"0 0 30 14\" aria-hidden=\"true\">\(body)</svg>"
    }

    static func lineSwatch(_ series: Int) -> String {
        swatch("<line x1=\"1\" y1=\"7\" x2=\"29\" y2=\"7\" stroke=\"\(colour(series))\" stroke-width=\"2\"\(dash(series))/>"
            + "<circle cx=\"15\" cy=\"7\" r=\"3.5\" fill=\"\(markerFill(series))\" stroke=\"\(colour(series))\" stroke-width=\"1.5\"/>")
    }

    static func barSwatch(_ series: Int) -> String {
        let colour = colour(series)
        let marks: String
        switch series % 4 {
        case 0: marks = ""
        case 1: marks = "<path d=\"M8 13 L14 1 M14 13 L20 1\" stroke=\"#ffffff\" stroke-width=\"1.6\"/>"
        case 2: marks = "<path d=\"M8 1 L20 13 M8 13 L20 1\" stroke=\"#ffffff\" stroke-width=\"1\"/>"
        default: marks = "<circle cx=\"11\" cy=\"5\" r=\"1.2\" fill=\"#ffffff\"/><circle cx=\"17\" cy=\"9\" r=\"1.2\" fill=\"#ffffff\"/>"
        }
        return swatch("<rect x=\"6\" y=\"1\" width=\"16\" height=\"12\" fill=\"\(colour)\" stroke=\"#222\" stroke-width=\"0.6\"/>\(marks)")
    }

    static func guideSwatch() -> String {
        swatch("<line x1=\"1\" y1=\"7\" x2=\"29\" y2=\"7\" stroke=\"#555\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>")
    }

    static func gapSwatch() -> String {
        swatch("<rect x=\"6\" y=\"1\" width=\"16\" height=\"12\" fill=\"#f0f0f0\" stroke=\"#c8c8c8\"/>"
            + "<path d=\"M6 13 L18 1 M12 13 L22 3\" stroke=\"#c8c8c8\" stroke-width=\"2\"/>")
    }

    static func pointSwatch() -> String {
        swatch("<circle cx=\"15\" cy=\"7\" r=\"4\" fill=\"\(colour(0))\"/>")
    }

    static func markedSwatch() -> String { swatch(diamond(x: 15, y: 7, size: 6, extra: "")) }

    /// A marked scatter point's shape: a diamond, apart from the round unmarked points.
    static func diamond(x: Double, y: Double, size: Double, extra: String, content: String = "") -> String {
        let (cx, cy, s) = (HTML.coord(x), HTML.coord(y), size)
        return "<path\(extra) d=\"M\(cx) \(HTML.coord(y - s)) L\(HTML.coord(x + s)) \(cy) L\(cx) \(HTML.coord(y + s)) L\(HTML.coord(x - s)) \(cy) Z\" "
            + "fill=\"\(colour(1))\" stroke=\"#222\" stroke-width=\"1\">\(content)</path>"
    }
}
