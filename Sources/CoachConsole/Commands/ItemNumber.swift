import ArgumentParser

/// A session or item number as a user types it: `12` or `#12`, as lists show them.
enum ItemNumber {
    /// The number in `text`, or nil when it is not one.
    static func parse(_ text: String) -> Int64? {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let number = Int64(digits), number > 0 else { return nil }
        return number
    }

    /// The number in `text`, or a usage error naming what lists them; `what` has its article
    /// ("a session", "an action item").
    static func required(_ text: String, what: String, listedBy command: String) throws -> Int64 {
        guard let number = parse(text) else {
            throw ValidationError("'\(text)' is not \(what) number; '\(command)' lists them (e.g. 12 or #12)")
        }
        return number
    }
}
