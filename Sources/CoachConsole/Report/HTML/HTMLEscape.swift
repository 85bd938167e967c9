import CoachCore
import CoachScoring
import Foundation

/// How text and numbers go into the HTML report: every piece of document text through the one
/// sanitiser and then HTML-escaped; numbers for readers as the tables show them, numbers for SVG
/// coordinates in a fixed, locale-independent form.
enum HTML {
    /// `text` safe both as element text and inside a quoted attribute value: control and bidi
    /// characters shown as visible escapes (`SafeText`), then `& < > " '` written as entities.
    static func escape(_ text: String) -> String {
        let safe = SafeText.escaped(text, keepingNewlines: false)
        var result = String.UnicodeScalarView()
        for scalar in safe.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// A value for a reader (`62`, `58.3`, then `unit`), escaped; `—` for none or a non-finite value.
    static func number(_ value: Double?, unit: String = "", decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "—" }
        return escape(ScoreFormat.display(value, decimals: decimals) + unit)
    }

    /// An SVG coordinate: two decimals with a '.' whatever the locale; 0 for a non-finite value
    /// (callers drop non-finite values before they get here).
    static func coord(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "0"
    }

    /// A value that is drawn: finite, or nil (a non-finite value is treated as missing).
    static func drawable(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }
}
