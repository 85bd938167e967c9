/// What a person typed at a question, or how they left it.
public enum ConversationInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the session pauses.
    case interrupted
    /// The input ended (Ctrl-D, or the end of a script): the session pauses.
    case endOfInput
}

/// The two-way channel a guided session talks through: the shell's line reader in real use,
/// a script in tests. The engine never adds answers to any history; that is the shell's
/// business, for command lines only.
public protocol Conversation: AnyObject {
    /// Shows text to the person (a question, a hint, a reason to re-answer).
    func say(_ text: String)
    /// Asks for one line.
    func ask(_ prompt: String) -> ConversationInput
}

/// Where the engine writes each answer the moment it is accepted, each in its own transaction.
public protocol AnswerRecorder: AnyObject {
    func record(questionID: String, value: AnswerValue, isPrivate: Bool, position: Int) throws
    func erase(questionID: String) throws
    /// Remembers that an optional question was skipped on purpose, so a resumed session does not
    /// ask it again; the mark is erased when the session completes. No-op unless implemented.
    func recordSkip(questionID: String, isPrivate: Bool, position: Int) throws
}

extension AnswerRecorder {
    public func recordSkip(questionID: String, isPrivate: Bool, position: Int) throws {}
}
