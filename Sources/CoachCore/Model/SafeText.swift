/// The one way text from a file, the store or another person reaches a screen or a file a person
/// opens: control characters, bidirectional controls, line and paragraph separators and Unicode
/// noncharacters are shown as visible escapes (`\u{1B}`, `\u{202E}`), so nobody can retitle a
/// terminal, colour it, move its cursor or make text read differently from what is stored.
///
/// Every renderer uses it: the console passes all output through `escaped(_:keepingNewlines:)`,
/// tables and CSV cells escape each cell, and JSON writes the same characters as `\uXXXX`.
public enum SafeText {
    /// Whether `scalar` is shown as an escape rather than printed (tab and line feed are decided
    /// by the caller).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return false }  // printable ASCII, the common case
        return scalar.properties.generalCategory == .control
            || PlainText.isBidiControl(scalar)
            || value == 0x2028 || value == 0x2029
            || scalar.properties.isNoncharacterCodePoint
    }

    /// `text` with every character `needsEscape` names written as `\u{HEX}`; a tab, a line feed
    /// and a CR LF line end are kept when `keepingNewlines` (multi-line text, CSV), otherwise
    /// shown as `\t`, `\n` and `\u{0D}`.
    public static func escaped(_ text: String, keepingNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let lineEnd = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            if keepingNewlines && (scalar == "\n" || scalar == "\t" || lineEnd) {
                result.append(scalar)
            } else if scalar == "\n" {
                result.append(contentsOf: "\\n".unicodeScalars)
            } else if scalar == "\t" {
                result.append(contentsOf: "\\t".unicodeScalars)
            } else if needsEscape(scalar) {
                result.append(contentsOf: visibleEscape(scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `\u{1B}` for ESC: the Swift spelling, readable and unambiguous.
    public static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex + "}"
    }

    /// JSON text with every character `needsEscape` names (other than the tab, line feed and
    /// carriage return JSON itself escapes or uses as whitespace) written as a `\uXXXX` escape.
    /// Such characters only occur inside JSON strings, so the document decodes to the same values.
    public static func escapedJSON(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { needsEscape($0) && !["\n", "\t", "\r"].contains($0) }) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar), !["\n", "\t", "\r"].contains(scalar) else {
                result.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(result)
    }
}
