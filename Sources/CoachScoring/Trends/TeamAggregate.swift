import Foundation

/// One week of a group's trend: the mean of its respondents' latest values that week.
public struct GroupPoint: Sendable, Equatable {
    public var week: ISOWeek
    /// Monday 00:00 of the week (the JSON point's `date`).
    public var date: Date
    public var mean: Double
    /// Distinct respondents behind the mean.
    public var n: Int

    public init(week: ISOWeek, date: Date, mean: Double, n: Int) {
        self.week = week
        self.date = date
        self.mean = mean
        self.n = n
    }

    /// The point as a `TrendPoint` (date and mean), for `TrendSummary.compute`.
    public var trendPoint: TrendPoint { TrendPoint(date: date, value: mean) }
}

/// Team means per week under the privacy minimum and the complement rule.
public enum TeamAggregate {
    /// `privacy.min_group` when not configured.
    public static let defaultMinGroup = 5
    /// The lowest minimum allowed; a smaller configured value is raised to it.
    public static let lowestMinGroup = 3

    /// The minimum actually applied: `requested`, but never below 3.
    public static func effectiveMinGroup(_ requested: Int) -> Int { Swift.max(lowestMinGroup, requested) }

    /// The groups whose value may be shown in one week: teams, which partition the people, and
    /// `all`, which holds everyone (people in no team too). The rule, in general form (groups
    /// nested or disjoint; the reference `shownGroups` in the tests): a group below the minimum
    /// is hidden, and a larger group is shown only if what subtracting the shown groups inside it
    /// (and the respondents the viewer already sees one by one) leaves is empty or at least the
    /// minimum, so no group below the minimum can be recovered by subtraction.
    /// With teams and `all` the rule needs only counts:
    /// a team is shown when it has at least the minimum and its unknown part is empty or at least
    /// the minimum; `all` when its remainder (respondents neither known nor in a shown team) is.
    /// Equal to the set-based reference on the same groups (tested on random organisations).
    public static func shownTeams(_ teams: [String: GroupCount], all: GroupCount,
                                  minGroup: Int = defaultMinGroup) -> (teams: Set<String>, all: Bool) {
        let minimum = effectiveMinGroup(minGroup)
        func safe(_ remainder: Int) -> Bool { remainder == 0 || remainder >= minimum }
        var shown: Set<String> = []
        var covered = all.known
        for (name, team) in teams where team.respondents >= minimum && safe(team.respondents - team.known) {
            shown.insert(name)
            // A team as big as `all` is no strict subset of it: subtracting it reveals nothing.
            if team.respondents < all.respondents { covered += team.respondents - team.known }
        }
        return (shown, all.respondents >= minimum && safe(all.respondents - covered))
    }
}

/// One group's respondents in one week, and how many of them the viewer already sees one by one.
public struct GroupCount: Sendable, Equatable {
    public var respondents: Int
    public var known: Int

    public init(respondents: Int, known: Int = 0) {
        self.respondents = respondents
        self.known = known
    }
}
