import CoachCore
import Foundation

/// One thanks (`thanks PERSON TEXT [--for VALUE]`): who thanked whom, when, for which of the
/// organisation's values, and in what words. Nothing about it is anonymous, and everyone in
/// the organisation may read it.
public struct Recognition: Sendable, Equatable, Codable {
    public var id: Int64
    public var giver: String
    public var receiver: String
    public var givenAt: Date
    /// One of the organisation's values (`org set values`), as the list spells it; nil for none.
    public var value: String?
    public var text: String

    public init(id: Int64, giver: String, receiver: String, givenAt: Date, value: String?, text: String) {
        self.id = id
        self.giver = giver
        self.receiver = receiver
        self.givenAt = givenAt
        self.value = value
        self.text = text
    }

    /// The day it was given, `YYYY-MM-DD` in the local calendar.
    public var date: String { DateAnswer.iso(givenAt) }

    enum CodingKeys: String, CodingKey {
        case id, giver, receiver, date, value, text
        case givenAt = "given_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(Int64.self, forKey: .id), giver: try container.decode(String.self, forKey: .giver),
                  receiver: try container.decode(String.self, forKey: .receiver),
                  givenAt: try Self.decodeDate(container),
                  value: try container.decodeIfPresent(String.self, forKey: .value), text: try container.decode(String.self, forKey: .text))
    }

    /// `given_at` as written (ISO 8601 text), or as the decoder's own date strategy reads it.
    private static func decodeDate(_ container: KeyedDecodingContainer<CodingKeys>) throws -> Date {
        if let text = try? container.decode(String.self, forKey: .givenAt), let date = ISO8601DateFormatter().date(from: text) {
            return date
        }
        return try container.decode(Date.self, forKey: .givenAt)
    }

    /// `value` is written as null when there is none, never left out; `date` is the local day and
    /// `given_at` the moment, ISO 8601 in UTC.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(giver, forKey: .giver)
        try container.encode(receiver, forKey: .receiver)
        try container.encode(date, forKey: .date)
        try container.encode(givenAt.ISO8601Format(), forKey: .givenAt)
        try container.encode(value, forKey: .value)
        try container.encode(text, forKey: .text)
    }
}

/// Recognition (`thanks`, `recognition`), which every engine offers. Anyone in the organisation
/// thanks anyone else (not themselves); everyone reads all of it.
public protocol RecognitionStore {
    /// Stores `giverName`'s thanks to `receiverName` (see `RecognitionRules`).
    @discardableResult
    func giveThanks(to receiverName: String, text: String, value: String?, by giverName: String, at now: Date) throws
        -> Recognition
    /// Every thanks given from `since` (inclusive) until `until` (exclusive), nil leaving that end
    /// open, oldest first; with `involving`, only those that person gave or received (any case).
    func recognitions(since: Date?, until: Date?, involving person: String?) throws -> [Recognition]
}

extension RecognitionStore {
    /// Every thanks in the range, whoever gave or received it.
    public func recognitions(since: Date?, until: Date?) throws -> [Recognition] {
        try recognitions(since: since, until: until, involving: nil)
    }
}

/// The rules of thanks, written once for every engine so each refuses in the same words.
public enum RecognitionRules {
    /// The text trimmed, when it is 1 to 2000 characters of plain text (an agenda topic's limits).
    public static func validatedText(_ text: String) throws -> String {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 2_000 else {
            throw StoreError.invalidText("a thanks needs 1 to 2000 characters of plain text saying what for")
        }
        if let problem = PlainText.problem(in: text) {
            throw StoreError.invalidText("a thanks cannot contain \(problem)")
        }
        return text
    }

    /// `value` as the organisation's list spells it (matched regardless of case), nil for none;
    /// refused when it is not on the list, or when the organisation keeps no list.
    public static func validatedValue(_ value: String?, among values: [String]) throws -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard !values.isEmpty else {
            throw StoreError.invalidText(
                "the organisation keeps no list of values yet, so --for cannot be used; HR sets one with "
                    + "'org set values \"customer focus, teamwork\"' (or thank without --for)")
        }
        if let match = values.first(where: { $0.lowercased() == value.lowercased() }) { return match }
        let hint = suggestion(for: value.lowercased(), among: values.map { $0.lowercased() })
            .flatMap { guess in values.first { $0.lowercased() == guess } }
            .map { " (did you mean '\($0)'?)" } ?? ""
        throw StoreError.invalidText(
            "'\(value)' is not one of the organisation's values\(hint); they are: \(values.joined(separator: ", "))")
    }

    /// Refuses thanks to oneself.
    public static func checkPeople(giver: Person, receiver: Person) throws {
        guard giver.id != receiver.id else {
            throw StoreError.notAllowed("thanks go to someone else: recognition is given by one person to another, not to oneself")
        }
    }
}
