import CoachCore
import Foundation
import Testing
@testable import CoachStore

/// The local store's own rules for imported KPI actuals, whatever the command checked first:
/// HR anyone's, a manager their reps'; all or nothing; one row per person, KPI and month.
@Suite("Imported KPI actuals in the local store")
struct ImportedActualsTests {
    let november = Period("2026-11")!

    @Test("a manager's import with another team's rep is refused whole; HR's goes in; a dry run writes nothing")
    func allOrNothing() throws {
        let store = try sampleStore()
        let actuals = [ImportedActual(person: "Rita", kpi: "revenue", period: november, actual: 100),
                       ImportedActual(person: "Rob", kpi: "revenue", period: november, actual: 200)]
        #expect(storeError { _ = try store.importActuals(actuals, dryRun: false, by: "Mia", at: Date()) }
            == .notAllowed("only HR or Rob's manager can record their KPI actuals"))
        #expect(try store.kpiActuals(personID: try #require(store.person(named: "Rita")?.id), period: november).isEmpty,
                "Rita's line waits for Rob's")
        #expect(storeError { _ = try store.importActuals(actuals, dryRun: true, by: "Rita", at: Date()) } != nil, "a rep")

        let dry = try store.importActuals(actuals, dryRun: true, by: "Hana", at: Date())
        #expect(dry.map(\.changed) == [true, true])
        #expect(try store.kpiActuals(personID: try #require(store.person(named: "Rob")?.id), period: november).isEmpty)

        _ = try store.importActuals(actuals, dryRun: false, by: "Hana", at: Date())
        let again = try store.importActuals([actuals[1]], dryRun: false, by: "Max", at: Date())
        #expect(again == [ImportedActualChange(person: "Rob", kpi: "revenue", period: "2026-11", old: 200, new: 200)])
        let replaced = try store.importActuals([ImportedActual(person: "rob", kpi: "revenue", period: november, actual: 250)],
                                               dryRun: false, by: "Max", at: Date())
        #expect(replaced == [ImportedActualChange(person: "Rob", kpi: "revenue", period: "2026-11", old: 200, new: 250)])
        #expect(try store.kpiActuals(personID: try #require(store.person(named: "Rob")?.id), period: november) == ["revenue": 250])
    }
}
