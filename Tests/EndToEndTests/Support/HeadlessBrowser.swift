import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// One page loaded in headless Chromium, for tests that assert on what a browser really shows:
///
///     let page = try HeadlessBrowser.open(file: reportURL)
///     defer { page.close() }
///     #expect(try page.count("figure[data-chart='north'] .point") == 12)
///     #expect(page.consoleErrors.isEmpty && page.requests.isEmpty)
///     try page.screenshot(named: "manager-report")
///
/// Chromium runs offline in a profile folder of its own (removed on `close()` or deinit), driven
/// over the DevTools protocol on a pipe (`DevToolsPipe`). Mark tests with `.needsChromium`:
/// they are skipped where Chromium is missing, except under CI, where `open` fails with
/// `notFound` instead.
final class HeadlessBrowser {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The message when Chromium is missing.
    static let notFound = "chromium not found: run scripts/setup --tests"
    /// `chromium` on PATH, if any.
    static let executable: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { "\($0)/chromium" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    /// Whether browser tests run here: Chromium is installed, or `CI` is set (so that they fail
    /// there rather than pass unseen).
    static let runnable = executable != nil || ProcessInfo.processInfo.environment["CI"] != nil
    /// How long a page may take to load, and Chromium to answer any command.
    static let timeout: TimeInterval = 30

    /// Where screenshots go: `screenshots/` under `$COACH_TEST_ARTIFACTS`, by default under
    /// `test-artifacts/` at the repository root (CI keeps that folder).
    static var screenshotFolder: URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let artifacts = ProcessInfo.processInfo.environment["COACH_TEST_ARTIFACTS"].flatMap { $0.isEmpty ? nil : $0 }
            .map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("test-artifacts")
        return artifacts.appendingPathComponent("screenshots")
    }

    /// The page's own URL (the only request it may make).
    let url: URL
    private let pipe: DevToolsPipe
    private let profile: URL
    /// Chromium's profile folder (removed by `close()`).
    var profileFolder: URL { profile }
    /// Chromium's browser process.
    var processID: pid_t { pipe.pid }
    private var session: String?
    private var loaded = false
    private var errors: [String] = []
    private var requested: [String] = []
    private var closed = false

    /// Starts Chromium (`chromium`, by default the one on PATH), opens `file` in a new tab and
    /// waits for its load event, failing after `timeout` seconds.
    static func open(file: URL, timeout: TimeInterval = timeout, chromium: String? = executable) throws -> HeadlessBrowser {
        guard let executable = chromium else { throw Failure(description: notFound) }
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw Failure(description: "no page to open at \(file.path)")
        }
        let browser = try HeadlessBrowser(executable: executable, file: file)
        do {
            try browser.load(timeout: timeout)
        } catch {
            browser.close()
            throw error
        }
        return browser
    }

    private init(executable: String, file: URL) throws {
        url = file.standardizedFileURL
        profile = FileManager.default.temporaryDirectory
            .appendingPathComponent("coach-chromium-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
            "--user-data-dir=\(profile.path)",
            "--no-first-run", "--no-default-browser-check", "--disable-default-apps",
            "--disable-component-update", "--disable-background-networking", "--disable-sync",
            "--disable-extensions", "--disable-breakpad", "--disable-dev-shm-usage",
            "--metrics-recording-only", "--password-store=basic", "--use-mock-keychain",
            "--mute-audio", "--hide-scrollbars", "--window-size=1280,900", "about:blank",
        ]
        // Chromium's other files (certificate store, caches) go to the profile folder, not $HOME.
        var environment = ProcessInfo.processInfo.environment
        for key in ["HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"] { environment[key] = profile.path }
        do {
            pipe = try DevToolsPipe(executable: executable, arguments: arguments, environment: environment,
                                    logFile: profile.appendingPathComponent("chromium.log"))
        } catch {
            try? FileManager.default.removeItem(at: profile)
            throw error
        }
        pipe.onEvent = { [unowned self] in self.record($0) }
    }

    deinit { close() }

    /// Ends Chromium and removes its profile folder. Safe to call more than once.
    func close() {
        guard !closed else { return }
        closed = true
        pipe.onEvent = { _ in }  // close() may run in deinit, where self may not be used any more
        pipe.stop(within: 5)
        try? FileManager.default.removeItem(at: profile)
    }

    /// Console errors, uncaught exceptions and the browser's error log entries (a refused or
    /// failed load, a Content-Security-Policy violation), in order.
    var consoleErrors: [String] {
        if !closed { pipe.drain() }
        return errors
    }

    /// Every URL the page asked for other than itself and data: URLs, including those its
    /// Content-Security-Policy then refused (Chromium announces the request before refusing it;
    /// the refusal is also in `consoleErrors`).
    var requests: [String] {
        if !closed { pipe.drain() }
        return requested
    }

    /// The value of a JavaScript expression in the page, as JSON (`"2"`, `"\"text\""`, `"null"`
    /// for undefined); an exception fails with its message.
    func evaluate(_ expression: String) throws -> String {
        let reply = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        if let details = reply["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "\(expression) threw: \(Self.describe(details))")
        }
        guard let value = (reply["result"] as? [String: Any])?["value"] else { return "null" }
        let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// How many elements match a CSS selector.
    func count(_ selector: String) throws -> Int {
        let json = try evaluate("document.querySelectorAll(\(Self.quote(selector))).length")
        guard let count = Int(json) else { throw Failure(description: "count(\(selector)): \(json)") }
        return count
    }

    /// The page's visible text (`document.body.innerText`).
    var text: String {
        get throws {
            let json = try evaluate("document.body ? document.body.innerText : ''")
            return try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String ?? ""
        }
    }

    /// Writes a PNG of the whole page (beyond the window) to `screenshotFolder/NAME.png` and
    /// returns its URL. NAME: letters, digits, `.`, `_` and `-`.
    @discardableResult
    func screenshot(named name: String) throws -> URL {
        guard !name.isEmpty, !name.hasPrefix("."),
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw Failure(description: "screenshot name \"\(name)\": use letters, digits, '.', '_' and '-'")
        }
        let metrics = try call("Page.getLayoutMetrics")
        let size = (metrics["cssContentSize"] ?? metrics["contentSize"]) as? [String: Any] ?? [:]
        let width = max(1, ((size["width"] as? NSNumber)?.doubleValue ?? 1280).rounded(.up))
        let height = max(1, ((size["height"] as? NSNumber)?.doubleValue ?? 900).rounded(.up))
        let reply = try call("Page.captureScreenshot", [
            "format": "png", "captureBeyondViewport": true,
            "clip": ["x": 0, "y": 0, "width": width, "height": height, "scale": 1],
        ])
        guard let base64 = reply["data"] as? String, let png = Data(base64Encoded: base64) else {
            throw Failure(description: "Page.captureScreenshot returned no image")
        }
        let folder = Self.screenshotFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(name).png")
        try png.write(to: file, options: .atomic)
        return file
    }

    /// The page printed to PDF (on A4 when `a4`, unless the page's CSS names a size), with
    /// backgrounds.
    func pdf(a4: Bool = true) throws -> Data {
        var params: [String: Any] = ["printBackground": true, "preferCSSPageSize": true]
        if a4 { params["paperWidth"] = 8.27; params["paperHeight"] = 11.69 }
        let reply = try call("Page.printToPDF", params)
        guard let base64 = reply["data"] as? String, let pdf = Data(base64Encoded: base64) else {
            throw Failure(description: "Page.printToPDF returned no document")
        }
        return pdf
    }

    /// Lays the page out as it prints on A4: print media, a window of A4's printable width at
    /// 96 dpi (210 mm less two 15 mm margins: 680 px). Screenshots taken after it show the print
    /// layout.
    func emulateA4Print() throws {
        _ = try call("Emulation.setEmulatedMedia", ["media": "print"])
        _ = try call("Emulation.setDeviceMetricsOverride", ["width": Self.a4PrintableWidth, "height": 1_000,
                                                             "deviceScaleFactor": 1, "mobile": false])
    }

    /// A4's printable width in CSS pixels with 15 mm margins.
    static let a4PrintableWidth = 680

    /// The elements matching `selector` that reach past the right edge of the window (by more
    /// than a pixel), or are cut by an ancestor that scrolls: what a printout would lose. Each
    /// described by tag and data attributes.
    func overflowing(_ selector: String) throws -> [String] {
        let json = try evaluate("""
            [...document.querySelectorAll(\(Self.quote(selector)))].filter(e => {
              const r = e.getBoundingClientRect();
              if (r.right > document.documentElement.clientWidth + 1) return true;
              for (let a = e.parentElement; a; a = a.parentElement) {
                const b = a.getBoundingClientRect();
                if (getComputedStyle(a).overflowX !== 'visible' && r.right > b.right + 1) return true;
              }
              return false;
            }).map(e => e.tagName.toLowerCase() + JSON.stringify(Object.assign({}, e.dataset)))
            """)
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] ?? []
    }

    /// How many pages the page prints to (see `pdf(a4:)`).
    func pdfPageCount(a4: Bool = true) throws -> Int {
        try Self.pageCount(ofPDF: pdf(a4: a4))
    }

    /// The number of page objects in a PDF: `/Type /Page`, not the `/Type /Pages` tree nodes.
    static func pageCount(ofPDF pdf: Data) throws -> Int {
        let text = String(decoding: pdf, as: Unicode.ASCII.self)
        let pattern = try NSRegularExpression(pattern: "/Type\\s*/Page(?![A-Za-z])")
        return pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    // MARK: - Loading and events

    private func load(timeout: TimeInterval) throws {
        let target = try call("Target.createTarget", ["url": "about:blank"], inSession: false)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "Target.createTarget: no targetId") }
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)
        guard let session = attached["sessionId"] as? String else { throw Failure(description: "Target.attachToTarget: no sessionId") }
        self.session = session
        for domain in ["Runtime", "Log", "Network", "Page"] { _ = try call("\(domain).enable") }
        let navigation = try call("Page.navigate", ["url": url.absoluteString])
        if let error = navigation["errorText"] as? String {
            throw Failure(description: "could not open \(url.path): \(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        guard try pipe.wait(until: deadline, for: { loaded }) else {
            throw Failure(description: "\(url.path) did not finish loading within \(Int(timeout)) s")
        }
    }

    private func call(_ method: String, _ params: [String: Any] = [:], inSession: Bool = true) throws -> [String: Any] {
        guard !closed else { throw Failure(description: "\(method): the browser is closed") }
        return try pipe.call(method, params, session: inSession ? session : nil, timeout: Self.timeout)
    }

    /// Keeps what a test asserts on from one protocol event of the page.
    private func record(_ event: [String: Any]) {
        guard let session, event["sessionId"] as? String == session else { return }
        let params = event["params"] as? [String: Any] ?? [:]
        switch event["method"] as? String {
        case "Page.loadEventFired":
            loaded = true
        case "Runtime.consoleAPICalled":
            guard let type = params["type"] as? String, type == "error" || type == "assert" else { return }
            let words = (params["args"] as? [[String: Any]] ?? []).map { argument in
                argument["value"].map { "\($0)" } ?? argument["description"] as? String ?? "\(argument["type"] ?? "?")"
            }
            errors.append("console.\(type): \(words.joined(separator: " "))")
        case "Runtime.exceptionThrown":
            errors.append("exception: \(Self.describe(params["exceptionDetails"] as? [String: Any] ?? [:]))")
        case "Log.entryAdded":
            guard let entry = params["entry"] as? [String: Any], entry["level"] as? String == "error" else { return }
            let source = entry["source"] as? String ?? "log"
            errors.append("\(source): \(entry["text"] as? String ?? "")" + ((entry["url"] as? String).map { " (\($0))" } ?? ""))
        case "Network.requestWillBeSent":
            guard let request = params["request"] as? [String: Any], let address = request["url"] as? String else { return }
            let itself = URL(string: address).map { $0.isFileURL && $0.standardizedFileURL.path == url.path } ?? false
            // data: URLs are the page's own bytes (the reports' policy allows them for images).
            if !itself, address != "about:blank", !address.hasPrefix("data:") { requested.append(address) }
        default:
            break
        }
    }

    private static func describe(_ details: [String: Any]) -> String {
        (details["exception"] as? [String: Any])?["description"] as? String ?? details["text"] as? String ?? "\(details)"
    }

    /// `text` as a JavaScript string literal.
    private static func quote(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test where Chromium is installed, and always under CI (where a missing Chromium
    /// then fails it with "chromium not found: run scripts/setup --tests"); else skips it with that note.
    static var needsChromium: Self {
        .enabled(if: HeadlessBrowser.runnable, Comment(rawValue: HeadlessBrowser.notFound))
    }
}
