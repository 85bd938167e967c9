import CoachCore
import Foundation

/// Encodes values as the stable, pretty-printed JSON scripts read (`--json`). Control and
/// bidirectional characters inside strings are written as `\uXXXX` escapes (`SafeText`), so the
/// values decode unchanged and the text is safe to print.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return SafeText.escapedJSON(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
