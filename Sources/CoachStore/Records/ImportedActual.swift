import CoachCore
import Foundation

/// A KPI actual for one person and month, read from a file (`kpi import`): stored with no
/// session, one per person, KPI and month; a later import replaces it.
public struct ImportedActual: Sendable, Equatable {
    /// The person's name as the store has it.
    public var person: String
    public var kpi: String
    public var period: Period
    public var actual: Double

    public init(person: String, kpi: String, period: Period, actual: Double) {
        self.person = person
        self.kpi = kpi
        self.period = period
        self.actual = actual
    }
}

/// What importing one actual did (or, in a dry run, would do): the value an earlier import
/// stored for the same person, KPI and month (nil when none), and the new one.
public struct ImportedActualChange: Sendable, Equatable {
    public var person: String
    public var kpi: String
    /// `YYYY-MM`.
    public var period: String
    public var old: Double?
    public var new: Double

    public init(person: String, kpi: String, period: String, old: Double?, new: Double) {
        self.person = person
        self.kpi = kpi
        self.period = period
        self.old = old
        self.new = new
    }

    /// Whether the import changes the stored value.
    public var changed: Bool { old != new }
}
