/// The HTML around one drawn chart, as the report contract has it: a `figure.chart` with its
/// id, kind and point count, the caption, the SVG (titled and described), the legend and the
/// numbers table beside it.
struct ChartFigure {
    /// One entry of the legend: its picture (already SVG) and its text (already escaped).
    struct LegendEntry {
        var swatch: String
        var text: String
    }

    var id: String
    var kind: String
    /// How many `.point` elements `body` holds.
    var points: Int
    var title: String
    /// One sentence on what the chart shows (already escaped).
    var description: String
    /// The SVG's inner drawing, including any `<defs>`.
    var body: String
    var viewBox: String
    var legend: [LegendEntry]
    var numbers: String

    /// The figure; `prefix` keeps this chart's element ids apart from the others' in the page.
    func html(prefix: String) -> String {
        var html = "<figure class=\"chart\" data-chart=\"\(HTML.escape(id))\" data-kind=\"\(kind)\" data-points=\"\(points)\">\n"
        html += "<figcaption>\(HTML.escape(title))</figcaption>\n<div class=\"chart-body\">\n<div class=\"plot\">\n"
        html += "<svg role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\" viewBox=\"\(viewBox)\" "
            + "preserveAspectRatio=\"xMidYMid meet\">\n"
        html += "<title id=\"\(prefix)-title\">\(HTML.escape(title))</title>\n<desc id=\"\(prefix)-desc\">\(description)</desc>\n"
        html += body + "\n</svg>\n"
        if !legend.isEmpty {
            html += "<ul class=\"legend\">"
                + legend.map { "<li>\($0.swatch)<span>\($0.text)</span></li>" }.joined() + "</ul>\n"
        }
        html += "</div>\n" + numbers + "</div>\n</figure>\n"
        return html
    }

    /// Legend entries for guide lines, those off the range said so.
    static func guideEntries(_ guides: [ChartGuide], inside scale: AxisScale, axis: String = "") -> [LegendEntry] {
        guides.map { guide in
            let offScale = scale.contains(guide.value) ? "" : " (off the scale, not drawn)"
            return LegendEntry(swatch: ChartStyle.guideSwatch(),
                               text: "\(axis)\(HTML.escape(guide.label))\(offScale)")
        }
    }
}

/// The numbers behind a chart as a table beside it, for screen readers and for copying.
enum NumbersTable {
    /// `header` is plain text (escaped here); `rows` are cells already escaped, the first of each
    /// row its heading; `notes` (already escaped) follow the table as footnotes.
    static func html(caption: String, header: [String], rows: [[String]], notes: [String] = []) -> String {
        var html = "<div class=\"numbers-wrap\"><table class=\"numbers\"><caption>Numbers: \(HTML.escape(caption))</caption>\n<thead><tr>"
        html += header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for (column, cell) in row.enumerated() {
                html += column == 0 ? "<th scope=\"row\">\(cell)</th>" : "<td>\(cell)</td>"
            }
            html += "</tr>\n"
        }
        if rows.isEmpty { html += "<tr><td colspan=\"\(max(header.count, 1))\">No values.</td></tr>\n" }
        html += "</tbody></table>\n"
        if !notes.isEmpty {
            html += "<ol class=\"footnotes\">" + notes.map { "<li>\($0)</li>" }.joined() + "</ol>\n"
        }
        return html + "</div>\n"
    }
}
