/// Draws a `ReportDocument` as one self-contained HTML page: inline SVG charts, inline CSS, no
/// script, nothing fetched from anywhere.
enum HTMLReport {
    static func render(_ document: ReportDocument) -> String {
        // Replaced by the real renderer before this lands.
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(document.title)</title></head><body></body></html>"
    }
}
