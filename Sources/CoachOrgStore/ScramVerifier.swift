import Crypto
import Foundation

/// Passwords as PostgreSQL stores them: a SCRAM-SHA-256 verifier (RFC 5802, RFC 7677) computed
/// here, as psql's `\password` does, so the password itself never travels to the server.
public enum ScramVerifier {
    /// PostgreSQL's default iteration count.
    public static let iterations = 4096

    /// `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` for `password`.
    public static func verifier(for password: String, salt: [UInt8] = randomBytes(16), iterations: Int = iterations) -> String {
        let salted = pbkdf2(password: Array(prepared(password).utf8), salt: salt, iterations: iterations)
        let key = SymmetricKey(data: salted)
        let clientKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Client Key".utf8), using: key))
        let storedKey = Data(SHA256.hash(data: clientKey))
        let serverKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Server Key".utf8), using: key))
        return "SCRAM-SHA-256$\(iterations):\(Data(salt).base64EncodedString())$"
            + "\(storedKey.base64EncodedString()):\(serverKey.base64EncodedString())"
    }

    /// The password as SASLprep leaves it for the common cases (RFC 4013): compatibility
    /// composed, non-ASCII spaces as spaces, characters "mapped to nothing" removed. libpq does
    /// the same before it logs in, so both sides hash the same bytes.
    static func prepared(_ password: String) -> String {
        let mappedToNothing: Set<UInt32> = [0x00AD, 0x034F, 0x1806, 0x180B, 0x180C, 0x180D, 0x200B, 0x200C, 0x200D,
                                            0x2060, 0xFE00, 0xFE01, 0xFE02, 0xFE03, 0xFE04, 0xFE05, 0xFE06, 0xFE07,
                                            0xFE08, 0xFE09, 0xFE0A, 0xFE0B, 0xFE0C, 0xFE0D, 0xFE0E, 0xFE0F, 0xFEFF]
        var scalars = String.UnicodeScalarView()
        for scalar in password.unicodeScalars where !mappedToNothing.contains(scalar.value) {
            let isNonASCIISpace = scalar.value > 0x7F && scalar.properties.generalCategory == .spaceSeparator
            scalars.append(isNonASCIISpace ? " " : scalar)
        }
        return String(scalars).precomposedStringWithCompatibilityMapping
    }

    /// PBKDF2-HMAC-SHA256 for one 32-byte block, which is all SCRAM-SHA-256 needs.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<max(iterations, 1) {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }

    /// Bytes from the system's cryptographic random source.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A one-time password to hand to a new person: 20 characters without look-alikes
    /// (no 0/O, 1/l/I), about 113 bits.
    public static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
