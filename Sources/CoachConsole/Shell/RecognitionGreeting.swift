import CoachCore
import CoachStore
import Foundation

/// The thanks a person received lately, as the shell's greeting shows them: every thanks of the
/// last 7 days, each time the shell starts. No "seen" marker is kept: a week is long enough to
/// be noticed by someone who starts coach now and then, and the rule is the same on every
/// machine and engine.
enum RecognitionGreeting {
    /// How far back the greeting looks.
    static let days = 7

    static func lines(for user: Person, database: any Store, now: Date) throws -> [String] {
        let since = Calendar.current.date(byAdding: .day, value: -days, to: now) ?? now
        let received = try database.recognitions(since: since, until: nil, involving: user.name)
            .filter { $0.receiver.caseInsensitiveCompare(user.name) == .orderedSame }
        return received.reversed().map { thanks in
            SafeText.escaped("Thanked by \(thanks.giver) on \(thanks.date)" + (thanks.value.map { " for \($0)" } ?? "")
                             + ": \(thanks.text)", keepingNewlines: false)
        }
    }
}
