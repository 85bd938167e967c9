import CoachCore
import Foundation
import Testing
@testable import CoachStore

@Suite("Goals")
struct GoalTests {
    let november = Period("2026-11")!
    let december = Period("2026-12")!

    @Test func settingAgainReplacesTheTarget() throws {
        let store = try sampleStore()
        let first = try store.setGoal(person: "rita", kpi: "calls", target: 100, period: november, by: "Mia")
        let second = try store.setGoal(person: "Rita", kpi: "calls", target: 120, period: november, by: "Hana")
        #expect(first.id == second.id)
        #expect(second.target == 120)
        #expect(second.setByID == (try store.person(named: "Hana")?.id))
        #expect(try store.goals(for: "Rita").count == 1)
    }

    @Test func goalsAreOrderedByPeriodDescThenKPI() throws {
        let store = try sampleStore()
        try store.setGoal(person: "Rita", kpi: "revenue", target: 5000, period: november, by: "Mia")
        try store.setGoal(person: "Rita", kpi: "calls", target: 100, period: november, by: "Mia")
        try store.setGoal(person: "Rita", kpi: "calls", target: 110, period: december, by: "Mia")
        let goals = try store.goals(for: "Rita")
        #expect(goals.map { "\($0.period) \($0.kpi)" } == ["2026-12 calls", "2026-11 calls", "2026-11 revenue"])
        #expect(goals.first?.periodValue == december)
    }

    @Test func onlyHROrThePersonsManagerMaySet() throws {
        let store = try sampleStore()
        #expect(storeError { try store.setGoal(person: "Rita", kpi: "calls", target: 1, period: november, by: "Max") }
                .isNotAllowed)
        #expect(storeError { try store.setGoal(person: "Rita", kpi: "calls", target: 1, period: november, by: "Rita") }
                .isNotAllowed)
        #expect(storeError { try store.setGoal(person: "Rita", kpi: "calls", target: 1, period: november, by: "Ghost") }
                == .unknownUser("Ghost"))
        #expect(storeError { try store.setGoal(person: "Ritta", kpi: "calls", target: 1, period: november, by: "Hana") }
                == .unknownPerson("Ritta", suggestion: "Rita"))
        #expect(try store.goals(for: "Rita").isEmpty)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func targetMustBeFinite(target: Double) throws {
        let store = try sampleStore()
        let error = storeError { try store.setGoal(person: "Rita", kpi: "calls", target: target, period: november, by: "Mia") }
        guard case .invalidTarget = error else {
            Issue.record("expected invalidTarget, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: ["", "  ", "two words", "bell\u{7}"])
    func kpiMustBeAnID(kpi: String) throws {
        let store = try sampleStore()
        let error = storeError { try store.setGoal(person: "Rita", kpi: kpi, target: 1, period: november, by: "Mia") }
        guard case .invalidKPI = error else {
            Issue.record("expected invalidKPI, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: ["2026-13", "26-01", "2026-1", "2026/11", "", "abcd-ef"])
    func badPeriodsAreRejectedByPeriod(text: String) {
        #expect(Period(text) == nil)
    }

    @Test func detailListsGoals() throws {
        let store = try sampleStore()
        try store.setGoal(person: "Rob", kpi: "calls", target: 80, period: november, by: "Max")
        #expect(try store.personDetail(named: "Rob").goals.map(\.target) == [80])
    }
}
