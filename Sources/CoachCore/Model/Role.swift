import Foundation

/// What a person does in the organisation; decides what coach lets them run and see.
public enum Role: String, CaseIterable, Codable, Sendable {
    case rep
    case manager
    case hr

    /// Parses a role as typed by a user ("Rep", " hr ").
    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
