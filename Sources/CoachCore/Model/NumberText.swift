import Foundation

/// A number as a person writes it: `5`, not `5.0`; at most two decimals (`58.33`, `2.5`).
public func formatNumber(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if value == value.rounded(), abs(value) < 1e15, let whole = Int(exactly: value) { return String(whole) }
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
}

/// A number for programs (JSON, CSV): the full value, as the shortest text that reads back as
/// the same `Double` (`4.375`, `0.0517`, `58.333333333333336`); whole numbers without `.0`.
/// Tables round for people with `formatNumber` or `ScoreFormat.display`.
public func exactNumber(_ value: Double) -> String {
    guard value.isFinite else { return String(value) }
    if value == value.rounded(), abs(value) < 1e15, let whole = Int(exactly: value) { return String(whole) }
    return String(value)
}

extension Int {
    /// The number with zeros in front up to `width` digits (`7.zeroPadded(2)` is `07`): the one
    /// way dates, months and weeks are padded in keys and output.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(magnitude)
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return self < 0 ? "-" + padded : padded
    }
}

/// Reading numbers as people type them.
public enum NumberText {
    /// `text` as a number, accepting a sign, digit grouping (`9,500`, `9 500`, `9.500`, `9'500`,
    /// a no-break or thin space too) and a decimal comma (`4,5`) or point (`4.5`); nil when it
    /// is not a number. A single `,` or `.` followed by exactly three digits (`9,500`) is
    /// grouping, unless it is the locale's `decimalSeparator` or spaces already group.
    public static func parse(_ text: String, decimalSeparator: Character = defaultDecimalSeparator) -> Double? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign = ""
        if let first = body.first, "+-\u{2212}".contains(first) {
            sign = first == "+" ? "" : "-"
            body = body.dropFirst()
        }
        if body.contains(where: { $0 == "e" || $0 == "E" }) {  // 1e6, 2.5E-3
            guard body.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }), body.first?.isNumber == true,
                  let value = Double(sign + body), value.isFinite else { return nil }
            return value
        }
        let spaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "'", "\u{2019}", "_"]
        guard !body.isEmpty, body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." || spaces.contains($0) })
        else { return nil }
        let marks = body.filter { $0 == "," || $0 == "." }
        let spaced = body.contains { spaces.contains($0) }
        var decimal: Character?
        if Set(marks).count == 2 {
            decimal = marks.last
        } else if marks.count == 1, let mark = marks.first {
            let after = body.split(separator: mark, omittingEmptySubsequences: false).last ?? ""
            let groupsLikeThousands = after.count == 3 && after.allSatisfy(\.isNumber) && body.first != mark
            decimal = groupsLikeThousands && !spaced && mark != decimalSeparator ? nil : mark
        }
        var whole = body, fraction: Substring = ""
        if let decimal, let index = body.lastIndex(of: decimal) {
            whole = body[..<index]
            fraction = body[body.index(after: index)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        let groups = whole.split(omittingEmptySubsequences: false) { spaces.contains($0) || $0 == "," || $0 == "." }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = groups.joined()
        guard !(digits.isEmpty && fraction.isEmpty),
              let value = Double(sign + (digits.isEmpty ? "0" : digits) + (fraction.isEmpty ? "" : "." + fraction)),
              value.isFinite else { return nil }
        return value
    }

    /// The decimal separator of the user's locale (`.` when it has none).
    public static var defaultDecimalSeparator: Character { Locale.current.decimalSeparator?.first ?? "." }
}
