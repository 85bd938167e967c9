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
    var calendar: Calendar = .current

    var today: String { DateAnswer.iso(now, calendar: calendar) }
}
