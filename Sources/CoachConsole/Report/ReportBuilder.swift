import CoachCore
import CoachStore
import Foundation

/// Builds the `report html` document for its viewer: a manager's team, HR's training and
/// assignments, a rep's own scores, goals and actions. Every read goes through the store's rules
/// for that viewer, so the document holds only what they may see.
struct ReportBuilder {
    let context: CommandContext
    let viewer: Person
    let now: Date
    /// The window of the weekly charts, in weeks up to `now`.
    let weeks: Int
    /// The period of the KPI and one-on-one figures (default: the quarter of `now`).
    let period: ReviewPeriod
    var calendar: Calendar = .current

    var today: String { DateAnswer.iso(now, calendar: calendar) }

    /// The whole report for the viewer's role.
    func document() throws -> ReportDocument {
        let sections: [ReportDocument.Section]
        let role: String
        switch viewer.role {
        case .manager: (sections, role) = (try managerSections(), "manager")
        case .hr: (sections, role) = (try hrSections(), "HR")
        case .rep: (sections, role) = (try repSections(), "rep")
        }
        return ReportDocument(title: "coach report: \(viewer.name)",
                              subtitle: "For \(viewer.name) (\(role)): the last \(weeks) weeks to \(today), and \(period)",
                              generated: today, sections: sections)
    }

    /// The top of a count or percent axis: at least `atLeast`, else `value` rounded up to `step`.
    static func roundedTop(_ value: Double, atLeast: Double, step: Double) -> Double {
        guard value.isFinite, value > atLeast else { return atLeast }
        return (value / step).rounded(.up) * step
    }
}
