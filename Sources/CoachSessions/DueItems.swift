import CoachCore
import CoachStore
import Foundation

/// What is due for one person at a moment: sessions they left paused, check-ins by their
/// cadence, one-on-ones with a manager's reps, the person's open action items due by the
/// end of the ISO week, and open customer complaints past the response time. The
/// shell's greeting, `due` and `checkin` all ask this; they only decide how to show it.
public struct DueItems {
    /// A one-on-one with a rep that is due by the template's cadence.
    public struct OneOnOne: Equatable, Sendable {
        public let rep: String
        /// When the last one was held; nil when none was.
        public let last: Date?
        /// Whole days since the last one (calendar days).
        public let daysSince: Int?
        /// Past the cadence's length, not just due this period.
        public let overdue: Bool

        public init(rep: String, last: Date?, daysSince: Int?, overdue: Bool) {
            self.rep = rep
            self.last = last
            self.daysSince = daysSince
            self.overdue = overdue
        }
    }

    /// An open action item the person owns, due by the end of this ISO week.
    public struct Action: Equatable, Sendable {
        public let item: ActionItemView
        /// Its due day is before today.
        public let late: Bool
    }

    /// A survey assigned to the person and not done yet: every assigner's for one survey and
    /// phase as one, due by the earliest of their dates.
    public struct Assigned: Equatable, Sendable {
        public let surveyID: String
        public let kind: String
        public let phase: String?
        /// Who assigned it, by name.
        public let from: [String]
        /// `YYYY-MM-DD`.
        public let due: String
        /// Its due day is before today.
        public let overdue: Bool
    }

    public let checkIns: [Survey]
    public let oneOnOnes: [OneOnOne]
    public let actions: [Action]
    /// The person's own sessions left paused or interrupted, newest first.
    public let open: [Session]
    /// What was assigned to the person and is not done, soonest due first.
    public let assigned: [Assigned]
    /// Open customer complaints the person may see, heard more than the organisation's
    /// response time ago, oldest first.
    public let complaints: [CustomerFeedback]

    /// The check-in and self-assessment surveys for `user`'s role that are due by cadence.
    public static func checkIns(for user: Person, surveys: [Survey], database: any SharedStore, now: Date,
                                calendar: Calendar = .current) throws -> [Survey] {
        let last = try database.lastCompletions(of: user.name)
        return surveys.filter { survey in
            guard survey.audience == user.role, [.checkIn, .selfAssessment].contains(survey.kind),
                  let cadence = survey.cadence else { return false }
            return cadence.isDue(lastCompleted: last[survey.id], now: now, calendar: calendar)
        }
    }

    /// Everything due for `user` at `now`; `oneOnOneTemplate` gives the meetings' cadence.
    public init(for user: Person, surveys: [Survey], oneOnOneTemplate: Survey?, database: any SharedStore, now: Date,
                calendar: Calendar = .current) throws {
        checkIns = try Self.checkIns(for: user, surveys: surveys, database: database, now: now, calendar: calendar)
        open = try user.id.map { try database.openSessions(authorID: $0) } ?? []
        var meetings: [OneOnOne] = []
        if user.role == .manager, let template = oneOnOneTemplate {
            let cadence = template.cadence ?? .weekly
            for (rep, last) in try database.lastOneOnOnes(managerName: user.name)
            where cadence.isDue(lastCompleted: last, now: now, calendar: calendar) {
                let days = last.map {
                    calendar.dateComponents([.day], from: calendar.startOfDay(for: $0), to: calendar.startOfDay(for: now)).day ?? 0
                }
                let overdue = days.flatMap { days in cadence.days.map { days > $0 } } ?? false
                meetings.append(OneOnOne(rep: rep, last: last, daysSince: days, overdue: overdue))
            }
        }
        oneOnOnes = meetings
        let today = DateAnswer.iso(now, calendar: calendar)
        let endOfWeek = DateAnswer.iso(Self.endOfISOWeek(now, calendar: calendar), calendar: calendar)
        actions = try database.actionItems(viewer: user.name, subject: nil, openOnly: true)
            .filter { $0.owner == user.name && ($0.due ?? "9999") <= endOfWeek }
            .map { Action(item: $0, late: ($0.due ?? "") < today) }
        assigned = try Self.assigned(to: user, database: database, today: today)
        let responseTime = try database.orgSettings().responseTime ?? OrgSettings.defaultResponseTime
        complaints = try database.overdueComplaints(viewer: user.name, today: today, responseTime: responseTime,
                                                    calendar: calendar)
    }

    /// `user`'s assignments not done yet, one per survey and phase.
    public static func assigned(to user: Person, database: any SharedStore, today: String) throws -> [Assigned] {
        let open = try database.assignmentRows(viewer: user.name, minGroup: 0).filter { $0.person == user.name && !$0.done }
        let bySurvey = Dictionary(grouping: open) { "\($0.surveyID) \($0.phase ?? "")" }
        return bySurvey.values.compactMap { rows -> Assigned? in
            guard let first = rows.first, let due = rows.map(\.due).min() else { return nil }
            return Assigned(surveyID: first.surveyID, kind: first.kind, phase: first.phase,
                            from: Array(Set(rows.map(\.assignedBy))).sorted(), due: due, overdue: due < today)
        }.sorted { ($0.due, $0.surveyID, $0.phase ?? "") < ($1.due, $1.surveyID, $1.phase ?? "") }
    }

    /// Nothing is due.
    public var isEmpty: Bool {
        checkIns.isEmpty && oneOnOnes.isEmpty && actions.isEmpty && open.isEmpty && assigned.isEmpty && complaints.isEmpty
    }

    private static func endOfISOWeek(_ now: Date, calendar: Calendar) -> Date {
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = calendar.timeZone
        let start = iso.dateInterval(of: .weekOfYear, for: now)?.start ?? now
        return iso.date(byAdding: .day, value: 6, to: start) ?? now
    }
}
