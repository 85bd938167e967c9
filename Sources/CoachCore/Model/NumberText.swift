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
