import CoachCore
import CoachStore

/// KPI actuals as the viewer's store shows them, read once per person and month: what `goals`,
/// `person show` and `export` put beside each target.
struct MonthlyActuals {
    private let database: any Store
    private var byMonth: [String: [String: Double]] = [:]
    private var ids: [String: Int64?] = [:]

    init(database: any Store) { self.database = database }

    /// The actual of `person`'s `kpi` in `period` (`YYYY-MM`), or nil when none is recorded.
    mutating func actual(person: String, period: String, kpi: String) throws -> Double? {
        let id: Int64?
        if let known = ids[person] {
            id = known
        } else {
            id = try database.person(named: person)?.id
            ids[person] = id
        }
        guard let id, let month = Period(period) else { return nil }
        let key = "\(id) \(period)"
        if byMonth[key] == nil { byMonth[key] = try database.kpiActuals(personID: id, period: month) }
        return byMonth[key]?[kpi]
    }
}
