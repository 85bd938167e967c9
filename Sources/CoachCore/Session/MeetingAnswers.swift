import Foundation

/// The data a one-on-one's meeting questions need about its subject, supplied by the store.
public protocol MeetingSource: AnyObject {
    /// The person the meeting is about (default owner of new action items).
    var subjectName: String { get }
    /// Open action items of the subject, oldest first.
    func openActions() -> [OpenActionItem]
    /// Agenda items waiting for this meeting.
    func agendaItems() -> [AgendaEntry]
    /// The subject's target for a KPI in the current period, if one was set.
    func target(kpi: String) -> Double?
    /// The canonical name of a person typed as an action owner, or why it is not one.
    func owner(named typed: String) -> Result<String, AnswerProblem>
    /// The subject's attainment of a KPI in earlier periods, newest first, to compare with.
    func previousAttainment(kpi: String) -> [(period: String, attainment: Double)]
    /// The KPIs a `kpi` question reviews: the question's own, as the organisation defines them.
    func kpis(reviewedBy question: Question) -> [KPIDefinition]
}

extension MeetingSource {
    public func previousAttainment(kpi: String) -> [(period: String, attainment: Double)] { [] }
    public func kpis(reviewedBy question: Question) -> [KPIDefinition] { question.kpis }
}

/// An open action item as the review shows it.
public struct OpenActionItem: Sendable, Equatable {
    public var id: Int64
    public var text: String
    public var owner: String
    public var due: String?
    /// The day it was created (`YYYY-MM-DD`); carrying keeps it.
    public var created: String
    public var carried: Int

    public init(id: Int64, text: String, owner: String, due: String?, created: String, carried: Int) {
        self.id = id
        self.text = text
        self.owner = owner
        self.due = due
        self.created = created
        self.carried = carried
    }
}

/// An agenda item waiting to be discussed.
public struct AgendaEntry: Sendable, Equatable {
    public var id: Int64
    public var text: String
    public var created: String

    public init(id: Int64, text: String, created: String) {
        self.id = id
        self.text = text
        self.created = created
    }
}

/// The answer to a `review-actions` question: a decision per open item.
public struct ActionReview: Codable, Equatable, Sendable {
    public struct Decision: Codable, Equatable, Sendable {
        public var item: Int64
        public var text: String
        /// `done`, `carry` or `drop`.
        public var decision: String
    }
    public var decisions: [Decision]
}

/// The answer to an `agenda` question.
public struct AgendaReview: Codable, Equatable, Sendable {
    public struct Entry: Codable, Equatable, Sendable {
        public var item: Int64
        public var text: String
        /// `discussed` or `carry`.
        public var decision: String
        public var note: String?
    }
    public var items: [Entry]
}

/// The answer to a `kpi` question: the actuals entered (a KPI left out is absent).
public struct KPIReview: Codable, Equatable, Sendable {
    public struct Actual: Codable, Equatable, Sendable {
        public var kpi: String
        public var actual: Double
        public var target: Double?
        /// actual / target × 100, when a positive target exists.
        public var attainment: Double?
    }
    public var actuals: [Actual]

    /// How far `actual` reaches `target`, in percent: actual ÷ target, or target ÷ actual for
    /// a KPI where lower is better; nil without a positive target (or a positive actual when
    /// lower is better).
    public static func attainment(actual: Double, target: Double, higherIs: HigherIs) -> Double? {
        guard target > 0 else { return nil }
        switch higherIs {
        case .better: return actual / target * 100
        case .worse: return actual > 0 ? target / actual * 100 : nil
        }
    }
}

/// The answer to an `actions` question: the new items.
public struct NewActions: Codable, Equatable, Sendable {
    public struct Item: Codable, Equatable, Sendable {
        public var text: String
        public var owner: String
        public var due: String
    }
    public var items: [Item]
}

extension AnswerValue {
    /// A structured answer holding `value`.
    public static func structured<T: Encodable>(encoding value: T) -> AnswerValue? {
        guard let data = try? JSONEncoder().encode(value),
              let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        return .structured(json)
    }

    /// The structured answer read as `T`, if it is one.
    public func decoded<T: Decodable>(as type: T.Type) -> T? {
        try? decode(as: type)
    }

    /// The structured answer read as `T`; throws when it is not one, with the decoder's reason.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        guard case .structured(let json) = self else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: [], debugDescription: "not a structured answer"))
        }
        return try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(json))
    }
}
