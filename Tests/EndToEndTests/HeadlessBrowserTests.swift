import Foundation
import Testing

/// The browser harness itself, on hand-written pages: each test shows an assertion the report
/// tests rely on can fail.
@Suite("Headless browser harness")
struct HeadlessBrowserTests {
    /// The policy every report carries: the page can fetch nothing.
    static let policy = #"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#

    /// Writes an HTML page with `body` (and `head`) to a folder of its own; returns its URL.
    static func page(_ body: String, head: String = policy) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("coach-browser-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("page.html")
        let html = "<!doctype html><html><head><meta charset=\"utf-8\">\(head)<title>t</title></head><body>\(body)</body></html>"
        try html.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Opens `body` as a page, runs `check` on it, then ends the browser and removes the page.
    static func with(_ body: String, head: String = policy, _ check: (HeadlessBrowser) throws -> Void) throws {
        let file = try page(body, head: head)
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let browser = try HeadlessBrowser.open(file: file)
        defer { browser.close() }
        try check(browser)
    }

    static let chart = """
        <figure class="chart" data-chart="x" data-kind="line" data-points="3">
        <svg role="img" width="120" height="60" viewBox="0 0 120 60"><title>x</title>
        <polyline points="10,50 60,20 110,30" fill="none" stroke="#36c"/>
        <circle class="point" cx="10" cy="50" r="3"/><circle class="point" cx="60" cy="20" r="3"/>
        <circle class="point" cx="110" cy="30" r="3"/><circle cx="5" cy="5" r="1"/></svg>
        <figcaption>Score by week</figcaption></figure>
        <style>figure { margin: 1em; } .point { fill: #36c; }</style>
        """

    @Test("counts what a selector matches, reads the text and evaluates expressions; a page of CSS and SVG logs nothing and asks for nothing", .needsChromium)
    func countsAndQuiet() throws {
        let pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
        try Self.with(Self.chart + "<p>Visible words</p><p hidden>Hidden words</p><img src=\"\(pixel)\" alt=\"\">") { page in
            #expect(try page.count("figure[data-chart='x'] .point") == 3)
            #expect(try page.count("figure[data-chart='y'] .point") == 0)
            #expect(try page.evaluate("document.querySelector('figure').dataset.points") == "\"3\"")
            #expect(try page.evaluate("1 + 1") == "2")
            #expect(try page.evaluate("void 0") == "null")
            let text = try page.text
            #expect(text.contains("Visible words") && text.contains("Score by week"))
            #expect(!text.contains("Hidden words"), "innerText leaves out what is not shown")
            #expect(page.consoleErrors == [])
            #expect(page.requests == [])
            #expect(throws: HeadlessBrowser.Failure.self) { try page.evaluate("no.such.thing") }
        }
    }

    @Test("an image from the network is reported as a request, and with the policy also as a refusal", .needsChromium)
    func networkImage() throws {
        let image = #"<img src="http://example.invalid/x.png" alt="x">"#
        try Self.with(image, head: "") { page in
            #expect(page.requests == ["http://example.invalid/x.png"])
        }
        // Chromium announces the request, then the policy refuses it: both show.
        try Self.with(image) { page in
            #expect(page.requests == ["http://example.invalid/x.png"])
            let errors = page.consoleErrors
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.allSatisfy { $0.contains("http://example.invalid/x.png") && $0.contains("Content Security Policy") },
                    "\(errors)")
        }
    }

    @Test("a console error and an uncaught exception are reported", .needsChromium)
    func consoleErrors() throws {
        try Self.with(#"<script>console.error("boom")</script>"#, head: "") { page in
            #expect(page.consoleErrors == ["console.error: boom"])
        }
        try Self.with(#"<script>throw new Error("bang")</script>"#, head: "") { page in
            let errors = page.consoleErrors
            #expect(errors.count == 1 && errors.allSatisfy { $0.contains("bang") }, "\(errors)")
        }
        try Self.with(#"<script>console.error("boom")</script>"#) { page in
            let errors = page.consoleErrors
            #expect(!errors.contains("console.error: boom"), "the policy allows no script")
            #expect(errors.count == 1 && errors.allSatisfy { $0.contains("Content Security Policy") }, "\(errors)")
        }
    }

    @Test("a screenshot of the whole page is written as a PNG", .needsChromium)
    func screenshot() throws {
        try Self.with(Self.chart + "<div style=\"height: 2000px\"></div><p>end</p>") { page in
            let file = try page.screenshot(named: "browser-harness")
            #expect(file == HeadlessBrowser.screenshotFolder.appendingPathComponent("browser-harness.png"))
            let png = try Data(contentsOf: file)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            // The PNG header's height (bytes 20–23): the whole page, not the 900-pixel window.
            let height = png.count > 24 ? png[20..<24].reduce(0) { $0 << 8 | Int($1) } : 0
            #expect(height > 2000, "height \(height)")
            #expect(throws: HeadlessBrowser.Failure.self) { try page.screenshot(named: "../escape") }
        }
    }

    @Test("a long page prints to more than one A4 page, a short one to one", .needsChromium)
    func printsOnA4() throws {
        try Self.with(Self.chart) { page in
            let pages = try page.pdfPageCount(a4: true)
            #expect(pages == 1)
        }
        let long = (1...200).map { "<p>Line \($0) of a long report</p>" }.joined()
        try Self.with(long) { page in
            let pages = try page.pdfPageCount(a4: true)
            #expect(pages > 1)
        }
    }

    @Test("page objects are counted, not the page tree")
    func pdfPageObjects() throws {
        let pdf = "<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> <</Type/Page/Parent 2 0 R>>"
        #expect(try HeadlessBrowser.pageCount(ofPDF: Data(pdf.utf8)) == 2)
    }

    @Test("a missing page fails with its path, not a hang", .needsChromium)
    func missingPage() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/page.html")
        let error = #expect(throws: HeadlessBrowser.Failure.self) { try HeadlessBrowser.open(file: missing) }
        #expect(error?.description.contains(missing.path) == true)
    }

    @Test("a page that never finishes loading fails at the deadline, and the browser is ended", .needsChromium)
    func loadTimeout() throws {
        // An image read from a FIFO nobody writes to: the load event never comes.
        let file = try Self.page(#"<img src="never.png" alt="">"#, head: "")
        let folder = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("never.png").path, 0o600) == 0)
        let start = Date()
        let error = #expect(throws: HeadlessBrowser.Failure.self) { try HeadlessBrowser.open(file: file, timeout: 2) }
        #expect(error?.description == "\(file.path) did not finish loading within 2 s")
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test("a page left to deinit ends its browser and removes its folder", .needsChromium)
    func endsOnDeinit() throws {
        let file = try Self.page("<p>x</p>")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        var page: HeadlessBrowser? = try HeadlessBrowser.open(file: file)
        let profile = try #require(page?.profileFolder)
        #expect(FileManager.default.fileExists(atPath: profile.path))
        page = nil
        #expect(!FileManager.default.fileExists(atPath: profile.path))
    }

    @Test("Chromium inherits no descriptor of the test process beyond its standard ones and the pipe", .needsChromium)
    func inheritsNothing() throws {
        // A pipe left open across exec, as other tests' pipes may be while this one starts Chromium.
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        let ours = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(ends[0])")
        let file = try Self.page("<p>x</p>")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let page = try HeadlessBrowser.open(file: file)
        defer { page.close() }
        let folder = "/proc/\(page.processID)/fd"
        let theirs = try FileManager.default.contentsOfDirectory(atPath: folder)
            .compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)") }
        #expect(!theirs.isEmpty)
        let leaked = theirs.contains(ours)
        #expect(!leaked, "\(ours) reached Chromium")
    }

    @Test("without Chromium, opening a page says how to install it")
    func notInstalled() throws {
        let file = try Self.page("<p>x</p>")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let error = #expect(throws: HeadlessBrowser.Failure.self) { try HeadlessBrowser.open(file: file, chromium: nil) }
        #expect(error?.description == "chromium not found: run scripts/setup --tests")
    }

    @Test("laid out as printed on A4, a table wider than the page is found, and one that fits is not", .needsChromium)
    func printOverflow() throws {
        let wide = "<table data-table=\"wide\"><tr>" + String(repeating: "<td>WWWWWWWWWWWWWWWWWWWW</td>", count: 8) + "</tr></table>"
        let narrow = "<table data-table=\"narrow\"><tr><td>1</td><td>2</td></tr></table>"
        let scroller = "<div style=\"overflow:auto;width:200px\">" + wide.replacingOccurrences(of: "wide", with: "scrolled") + "</div>"
        try Self.with(narrow + wide + scroller) { page in
            try page.emulateA4Print()
            #expect(try page.evaluate("document.documentElement.clientWidth") == "\(HeadlessBrowser.a4PrintableWidth)")
            #expect(try page.evaluate("matchMedia('print').matches") == "true")
            #expect(try page.overflowing("table") == [#"table{"table":"wide"}"#, #"table{"table":"scrolled"}"#])
        }
    }
}
