import CoachCore
import Foundation

/// What completing a session changes besides its scores: the one-on-one's decisions on action
/// and agenda items, KPI actuals, new action items, agenda items raised in a check-in, and
/// customer feedback.
/// Applied in the same transaction that completes the session, so a crash leaves both or neither.
public struct SessionEffects: Sendable, Equatable {
    public struct ActionDecision: Sendable, Equatable {
        public var itemID: Int64
        /// `done`, `carry` or `drop`.
        public var decision: String
        public init(itemID: Int64, decision: String) { self.itemID = itemID; self.decision = decision }
    }

    public struct AgendaDecision: Sendable, Equatable {
        public var itemID: Int64
        /// `discussed` or `carry`.
        public var decision: String
        public var note: String?
        public init(itemID: Int64, decision: String, note: String?) {
            self.itemID = itemID
            self.decision = decision
            self.note = note
        }
    }

    public struct KPIActual: Sendable, Equatable {
        public var kpi: String
        public var actual: Double
        public init(kpi: String, actual: Double) { self.kpi = kpi; self.actual = actual }
    }

    public struct NewAction: Sendable, Equatable {
        public var text: String
        public var owner: String
        /// `YYYY-MM-DD`.
        public var due: String
        public init(text: String, owner: String, due: String) { self.text = text; self.owner = owner; self.due = due }
    }

    /// A topic for a later one-on-one that waits until `notBefore` (a training follow-up).
    public struct FollowUp: Sendable, Equatable {
        public var text: String
        /// `YYYY-MM-DD`: the first day it is on the agenda.
        public var notBefore: String
        public init(text: String, notBefore: String) { self.text = text; self.notBefore = notBefore }
    }

    /// A piece of customer feedback an answer gave (a line of a `customer_feedback:` question).
    public struct Feedback: Sendable, Equatable {
        public var kind: CustomerFeedbackKind
        public var text: String
        public init(kind: CustomerFeedbackKind, text: String) { self.kind = kind; self.text = text }
    }

    public var actionDecisions: [ActionDecision] = []
    public var agendaDecisions: [AgendaDecision] = []
    public var kpiActuals: [KPIActual] = []
    public var newActions: [NewAction] = []
    /// Topics the subject raised for their next one-on-one.
    public var newAgendaItems: [String] = []
    /// Topics for a later one-on-one, added after the ones above.
    public var followUps: [FollowUp] = []
    /// Customer feedback heard, stored for the session's subject (`feedback`).
    public var customerFeedback: [Feedback] = []

    public init() {}

    public var isEmpty: Bool { self == SessionEffects() }
}
