import Foundation

/// Writing to a raw file descriptor, as the console and the pager do.
enum Descriptor {
    /// Writes `text` whole to `descriptor`, retrying interrupted and partial writes. Returns nil
    /// when everything was written, else the `errno` that stopped it (EPIPE: the reader has gone).
    @discardableResult
    static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written >= 0 {
                bytes = bytes.dropFirst(written)
            } else if errno != EINTR {
                return errno
            }
        }
        return nil
    }
}
