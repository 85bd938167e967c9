import CoachCore

/// A conversation that answers from a script and records everything said and every prompt.
/// When the script runs out it answers `.endOfInput` (the session pauses), so a short script
/// can never hang a test.
public final class ScriptedConversation: Conversation {
    private var script: [ConversationInput]
    public private(set) var said: [String] = []
    public private(set) var prompts: [String] = []
    /// Everything said, in one string.
    public var transcript: String { said.joined(separator: "\n") }
    /// Lines the script still holds (0 when the engine read them all).
    public var unread: Int { script.count }

    public init(_ lines: [String]) { script = lines.map { .line($0) } }
    public init(inputs: [ConversationInput]) { script = inputs }

    public func say(_ text: String) { said.append(text) }

    public func ask(_ prompt: String) -> ConversationInput {
        prompts.append(prompt)
        return script.isEmpty ? .endOfInput : script.removeFirst()
    }

    /// How often `text` occurs in what was said.
    public func count(_ text: String) -> Int { transcript.components(separatedBy: text).count - 1 }
}
