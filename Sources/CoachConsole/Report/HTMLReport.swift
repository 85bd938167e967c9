import Foundation

/// Draws a `ReportDocument` as one self-contained HTML page: inline SVG charts, inline CSS, no
/// script, nothing fetched from anywhere (a Content-Security-Policy says so to the browser).
/// Every piece of document text is sanitised and escaped; numbers are written as the tables show them.
enum HTMLReport {
    /// The page's policy: it may load nothing, only use its own inline style and data images.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    static func render(_ document: ReportDocument) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(document.title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        <header>
        <h1>\(HTML.escape(document.title))</h1>

        """
        if !document.subtitle.isEmpty { html += "<p class=\"subtitle\">\(HTML.escape(document.subtitle))</p>\n" }
        html += "<p class=\"made\">Made by coach on \(HTML.escape(document.generated))</p>\n</header>\n<main>\n"
        if document.sections.isEmpty { html += "<p class=\"note\">Nothing to show yet.</p>\n" }
        var chartNumber = 0
        for (section, slug) in zip(document.sections, slugs(document.sections.map(\.title))) {
            html += "<section data-section=\"\(HTML.escape(slug))\">\n<h2>\(HTML.escape(section.title))</h2>\n"
            if let intro = section.intro, !intro.isEmpty { html += "<p class=\"intro\">\(HTML.escape(intro))</p>\n" }
            if section.blocks.isEmpty { html += "<p class=\"note\">Nothing to show yet.</p>\n" }
            for block in section.blocks {
                switch block {
                case .line(let chart):
                    chartNumber += 1
                    html += SVGLineChart.figure(chart, prefix: "chart\(chartNumber)").html(prefix: "chart\(chartNumber)")
                case .bar(let chart):
                    chartNumber += 1
                    html += SVGBarChart.figure(chart, prefix: "chart\(chartNumber)").html(prefix: "chart\(chartNumber)")
                case .scatter(let chart):
                    chartNumber += 1
                    html += SVGScatterChart.figure(chart, prefix: "chart\(chartNumber)").html(prefix: "chart\(chartNumber)")
                case .table(let table):
                    html += dataTable(table)
                case .note(let text):
                    html += "<p class=\"note\">\(HTML.escape(text))</p>\n"
                }
            }
            html += "</section>\n"
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    /// A report table: caption, header and rows as plain text; short rows padded to the widest.
    static func dataTable(_ table: DataTable) -> String {
        let width = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        var html = "<table class=\"data\" data-table=\"\(HTML.escape(table.id))\"><caption>\(HTML.escape(table.title))</caption>\n"
        if !table.header.isEmpty {
            html += "<thead><tr>" + table.header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead>\n"
        }
        html += "<tbody>\n"
        for row in table.rows {
            let cells = row + Array(repeating: "", count: width - row.count)
            html += "<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        if table.rows.isEmpty { html += "<tr><td colspan=\"\(width)\">Nothing to show yet.</td></tr>\n" }
        return html + "</tbody></table>\n"
    }

    /// `data-section` values from section titles: lower-case ASCII letters and digits joined by
    /// `-`, `section-N` for a title with none, `-2`, `-3` … after a repeat.
    static func slugs(_ titles: [String]) -> [String] {
        var used: Set<String> = []
        return titles.enumerated().map { index, title in
            var slug = ""
            for scalar in title.lowercased().unicodeScalars {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                    slug.unicodeScalars.append(scalar)
                } else if !slug.isEmpty && !slug.hasSuffix("-") {
                    slug += "-"
                }
            }
            while slug.hasSuffix("-") { slug.removeLast() }
            if slug.isEmpty { slug = "section-\(index + 1)" }
            var unique = slug
            var copy = 2
            while used.contains(unique) { unique = "\(slug)-\(copy)"; copy += 1 }
            used.insert(unique)
            return unique
        }
    }
}
