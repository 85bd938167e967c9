/// A report of charts and tables for one viewer (`report html`, `review --html`), built from
/// reads that apply the viewer's rules: it holds only what its viewer may see, and the HTML
/// renderer draws it as it is.
struct ReportDocument: Equatable, Sendable {
    var title: String
    /// Who it is for and what it covers ("Lukas Fischer, manager · 12 weeks to 2026-12-02").
    var subtitle: String
    /// The day it was made (ISO date).
    var generated: String
    var sections: [Section]

    /// How many charts the document holds.
    var chartCount: Int {
        sections.flatMap(\.blocks).filter { block in
            switch block {
            case .line, .bar, .scatter: true
            case .table, .note: false
            }
        }.count
    }

    struct Section: Equatable, Sendable {
        var title: String
        /// A sentence on what the section shows and how to read it.
        var intro: String?
        var blocks: [Block]
    }

    enum Block: Equatable, Sendable {
        case line(LineChart)
        case bar(BarChart)
        case scatter(ScatterChart)
        case table(DataTable)
        /// A paragraph: what is not shown and why, or that there is nothing yet.
        case note(String)
    }
}

/// A table of text cells for the report: a list that is not a chart (open action items).
struct DataTable: Equatable, Sendable {
    var id: String
    var title: String
    var header: [String]
    var rows: [[String]]
}
