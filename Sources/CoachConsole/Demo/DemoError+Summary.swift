import CoachCore
import Foundation

/// Why `demo` did not run.
enum DemoError: Error, Equatable, LocalizedError, CustomStringConvertible {
    case storeNotEmpty(people: Int)
    case missingSurvey(String)
    /// Another process added action or agenda items while the demo was writing.
    case storeChanged
    /// A generated session that the real code would read differently (a bug in the demo).
    case incoherent(String)

    var description: String {
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

    var errorDescription: String? { description }
}

/// What the demo wrote.
struct DemoSummary: Sendable, Equatable {
    var hr = ""
    var managers: [String] = []
    var teams: [String] = []
    var reps = 0
    var personas: [DemoPersona: [String]] = [:]
    var sessions = 0
    var answers = 0
    var goals = 0
    var actionItems = 0
    var agendaItems = 0
    var firstWeek = ""
    var lastWeek = ""
    var people: Int { 1 + managers.count + reps }
}
