#if canImport(_FoundationICU)
import _FoundationICU
#endif
import Foundation

/// What a person's or team's name looks like, for telling apart names that are different text
/// but read the same: `Ana` and `Аna` (Cyrillic А), `Nl` and `N1`, a precomposed and a
/// decomposed `é`. Two names with the same key are confusable, and the store refuses the second.
///
/// The key is the Unicode confusable skeleton of UTS #39, computed by ICU's spoof checker (the
/// ICU that ships with Swift's Foundation on Linux). Where that ICU is not available, the key
/// falls back to the compatibility-normalised (NFKC), case-folded name, which still catches
/// normalisation and width variants but not lookalikes from other scripts.
public enum NameKey {
    /// `name` in Unicode Normalization Form C: how the store keeps every name, so a decomposed
    /// `é` typed on one machine finds the precomposed `é` stored from another.
    public static func normalized(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping
    }

    /// The confusable skeleton of `name`.
    public static func key(for name: String) -> String {
        let name = normalized(name)
        #if canImport(_FoundationICU)
        if let skeleton = icuSkeleton(name) { return skeleton }
        #endif
        return name.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
    }

    #if canImport(_FoundationICU)
    /// One spoof checker for the process; ICU allows concurrent skeleton calls on a configured
    /// checker. (Foundation's ICU prefixes its C entry points with `swift_`.)
    nonisolated(unsafe) private static let checker: OpaquePointer? = {
        var status = U_ZERO_ERROR
        let checker = swift_uspoof_open(&status)
        return status.rawValue > U_ZERO_ERROR.rawValue ? nil : checker
    }()

    private static func icuSkeleton(_ name: String) -> String? {
        guard let checker else { return nil }
        let units = Array(name.utf16)
        var capacity = units.count * 4 + 16
        for _ in 0..<2 {
            var status = U_ZERO_ERROR
            var output = [UChar](repeating: 0, count: capacity)
            let length = swift_uspoof_getSkeleton(checker, 0, units, Int32(units.count), &output, Int32(capacity), &status)
            if status == U_BUFFER_OVERFLOW_ERROR {
                capacity = Int(length) + 1
                continue
            }
            guard status.rawValue <= U_ZERO_ERROR.rawValue, length >= 0 else { return nil }
            return String(decoding: output[0..<Int(length)], as: UTF16.self)
        }
        return nil
    }
    #endif
}
