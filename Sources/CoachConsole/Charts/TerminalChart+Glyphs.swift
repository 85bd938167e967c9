import Foundation

/// The characters a terminal chart is drawn with: Unicode (braille and box drawing) where the
/// terminal can show it, plain ASCII where it may not.
///
/// Unicode draws the line in braille dots, not block characters: a braille cell holds 2 × 4
/// dots, so a line between two weeks climbs in quarter-rows and stays a thin line, where blocks
/// (`▁…█`) fill the space under a value and read as bars, hiding a second series or a cut-off
/// line. The weekly values themselves are marked by a shape of their own (`●`), so a point
/// never depends on colour, nor on the font drawing braille well.
struct ChartGlyphs: Equatable, Sendable {
    /// Whether the line is drawn in braille dots (2 × 4 per cell) or one character per cell.
    var braille: Bool
    /// The character of a line cell when not drawn in braille.
    var line: Character
    /// One marker per series, in order (repeated when there are more series).
    var markers: [Character]
    /// A cut-off line across the plot.
    var guide: Character
    var axisVertical: Character
    /// Where a labelled value meets the y axis.
    var axisTick: Character
    var axisHorizontal: Character
    /// Where a labelled week meets the x axis.
    var axisXTick: Character
    var axisCorner: Character
    /// Whether text (titles, names, labels) may keep characters beyond ASCII.
    var unicodeText: Bool

    static let unicode = ChartGlyphs(braille: true, line: "·", markers: ["●", "○", "◆", "◇", "■", "□"], guide: "─",
                                     axisVertical: "│", axisTick: "┤", axisHorizontal: "─", axisXTick: "┬",
                                     axisCorner: "└", unicodeText: true)
    static let ascii = ChartGlyphs(braille: false, line: ".", markers: ["*", "o", "+", "x", "#", "@"], guide: "-",
                                   axisVertical: "|", axisTick: "+", axisHorizontal: "-", axisXTick: "+",
                                   axisCorner: "+", unicodeText: false)

    /// ASCII when `TERM` is `dumb` or the locale (the first non-empty of `LC_ALL`, `LC_CTYPE`,
    /// `LANG`; none is the C locale) does not say UTF-8; Unicode otherwise.
    static func chosen(environment: [String: String]) -> ChartGlyphs {
        if environment["TERM"] == "dumb" { return .ascii }
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8") ? .unicode : .ascii
    }

    /// The marker of series number `index`.
    func marker(_ index: Int) -> Character { markers[((index % markers.count) + markers.count) % markers.count] }

    /// `text` as this character set may show it: unchanged in Unicode; in ASCII the few symbols
    /// coach writes spelt out (`≤` → `<=`, dashes → `-`), accents dropped, and anything else `?`.
    func text(_ text: String) -> String {
        guard !unicodeText, !text.allSatisfy(\.isASCII) else { return text }
        var spelt = text
        for (symbol, ascii) in Self.spellings { spelt = spelt.replacingOccurrences(of: symbol, with: ascii) }
        let folded = spelt.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        return String(folded.map { $0.isASCII ? $0 : "?" })
    }

    private static let spellings: [(String, String)] = [
        ("≤", "<="), ("≥", ">="), ("–", "-"), ("—", "-"), ("−", "-"), ("…", "..."), ("·", "-"), ("×", "x"),
        ("÷", "/"), ("’", "'"), ("‘", "'"), ("“", "\""), ("”", "\""), ("ß", "ss"), ("æ", "ae"), ("ø", "o"),
        ("Æ", "AE"), ("Ø", "O"),
    ]

    /// The braille character with `dots` set (bit k: dot k + 1 of the Unicode braille cell).
    static func braille(_ dots: UInt8) -> Character {
        Character(Unicode.Scalar(0x2800 + UInt32(dots)) ?? " ")
    }

    /// The braille dot bit for a dot at column `x` (0–1) and row `y` (0–3, top first) of a cell.
    static func brailleBit(x: Int, y: Int) -> UInt8 {
        switch (x, y) {
        case (0, 0): 0x01
        case (0, 1): 0x02
        case (0, 2): 0x04
        case (1, 0): 0x08
        case (1, 1): 0x10
        case (1, 2): 0x20
        case (0, 3): 0x40
        default: 0x80
        }
    }
}
