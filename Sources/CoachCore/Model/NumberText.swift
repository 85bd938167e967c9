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
