/// What coach accepts as free text from a person: no control characters (ESC, BEL, CSI and the
/// like) and no bidirectional controls, which can make text read differently from what is stored
/// (`pay \u{202E}esir` shows as "pay rise" reversed). Tabs are allowed where the caller says so.
public enum PlainText {
    /// Embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks LRM, RLM
    /// and ALM (U+200E, U+200F, U+061C).
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x200E || value == 0x200F || value == 0x061C
    }

    /// Why `text` is not plain text, or nil when it is. `allowTab` lets a tab through, and
    /// `allowNewlines` line feeds (a survey's multi-line text).
    public static func problem(in text: String, allowTab: Bool = false, allowNewlines: Bool = false) -> String? {
        if text.unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control && !(allowTab && $0 == "\t") && !(allowNewlines && $0 == "\n")
        }) {
            return "control characters"
        }
        if text.unicodeScalars.contains(where: isBidiControl) {
            return "bidirectional control characters (they can make text read differently from what is stored)"
        }
        if text.unicodeScalars.contains(where: { $0.properties.isNoncharacterCodePoint || $0.value == 0x2028 || $0.value == 0x2029 }) {
            return "characters that are not text (Unicode noncharacters or line separators)"
        }
        return nil
    }
}
