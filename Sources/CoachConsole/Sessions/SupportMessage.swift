import CoachCore

/// The private, supportive message a person sees when their own wellbeing check-in is low
/// (a score at or past its `support_at` band level, or an item alert). Nobody else is told,
/// and the message is never stored.
enum SupportMessage {
    /// Shown when the organisation configured no `support:` text.
    static let defaultContacts = """
        your organisation's employee assistance programme, your doctor, or someone you trust.
        If you are in danger or thinking about harming yourself, call your local emergency number now.
        """

    /// Shows the message (the caller has checked `ScoredSession.callsForSupport`).
    static func show(context: CommandContext) {
        // The organisation's message (org set support-message), else the config's, else ours; a store
        // that cannot be read at this moment still leaves the person a message to read.
        let organisation = (try? context.database().orgSettings())?.supportMessage
        let contacts = organisation ?? context.config.support?.trimmingCharacters(in: .whitespacesAndNewlines) ?? defaultContacts
        context.console.line("")
        context.console.line(context.console.styled("Just for you", .cyan))
        context.console.line("""
            Thank you for answering honestly. Your answers suggest that things may be heavy at the moment.
            This is not a diagnosis, and nobody else has been told. It can help to talk to someone:
            \(contacts)
            """)
    }
}
