import CoachCore
import Foundation

/// Why `demo` did not run.
public enum DemoError: Error, Equatable, LocalizedError, CustomStringConvertible {
    case storeNotEmpty(people: Int)
    case missingSurvey(String)
    /// Another process added action or agenda items while the demo was writing.
    case storeChanged
    /// A generated session that the real code would read differently (a bug in the demo).
    case incoherent(String)

    public var description: String {
        switch self {
        case let .storeNotEmpty(people):
            return "the store already holds \(people) \(people == 1 ? "person" : "people"); demo fills an empty store. "
                + "Use another store (coach --store /tmp/demo.sqlite demo), or 'demo --force' to ADD a demo "
                + "organisation alongside (nothing is changed or deleted)"
        case let .missingSurvey(id):
            return "the bundled survey '\(id)' is missing or does not load; the demo cannot run"
        case .storeChanged:
            return "another coach wrote to the store while demo was filling it; the teams written so far are kept, run demo --force again or use an empty store"
        case let .incoherent(message):
            return "demo generated an answer the survey engine would not: \(message)"
        }
    }

    public var errorDescription: String? { description }
}

/// What the demo wrote.
public struct DemoSummary: Sendable, Equatable {
    public internal(set) var hr = ""
    public internal(set) var managers: [String] = []
    public internal(set) var teams: [String] = []
    public internal(set) var reps = 0
    public internal(set) var personas: [DemoPersona: [String]] = [:]
    public internal(set) var sessions = 0
    public internal(set) var answers = 0
    public internal(set) var goals = 0
    public internal(set) var actionItems = 0
    public internal(set) var agendaItems = 0
    public internal(set) var firstWeek = ""
    public internal(set) var lastWeek = ""
    public var people: Int { 1 + managers.count + reps }
}
