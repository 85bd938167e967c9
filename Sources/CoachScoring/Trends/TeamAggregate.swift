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

    /// One group's weekly means over distinct respondents (each one's latest value that week),
    /// oldest first. A week with fewer respondents than the minimum (see `effectiveMinGroup`) is
    /// left out, and so is an empty one. This applies the size rule only: when several nested
    /// groups can be seen, use `points(groups:minGroup:)`.
    public static func points(_ buckets: [WeekBucket], minGroup: Int = defaultMinGroup) -> [GroupPoint] {
        let minimum = effectiveMinGroup(minGroup)
        return buckets.compactMap { bucket in
            guard bucket.latest.count >= minimum,
                  let mean = TrendStatistics.mean(bucket.latest.values.map(\.value)) else { return nil }
            return GroupPoint(week: bucket.week, date: bucket.start, mean: mean, n: bucket.latest.count)
        }
    }

    /// The groups whose value may be shown in one week, given each group's respondents that week.
    ///
    /// The rule (groups are nested or disjoint: teams partition the people, `all` holds everyone):
    /// 1. a group with fewer respondents than the minimum is hidden;
    /// 2. a larger group G is shown only if its *remainder* R = G − (union of the shown groups that
    ///    are strict subsets of G) is empty or has at least the minimum respondents. Otherwise
    ///    subtracting the shown groups' sums and counts from G's would reveal the mean of R, a
    ///    group below the minimum (a hidden small team, or people in no shown team), so G is
    ///    hidden too.
    /// Groups are decided from the smallest up (ties by name), so a hidden group is never
    /// subtracted and its hiding propagates to the groups above it. Then every value that can be
    /// derived from the shown groups is a sum over some of their remainders, each empty or at
    /// least the minimum.
    ///
    /// Example, minimum 5: teams east 6, west 6, north 2 and all 14. north is hidden; all − east −
    /// west = north's 2, so all is hidden too. With north of 5 instead, all is shown.
    ///
    /// Pass every group any viewer could ask for, not just the one displayed, so the decision
    /// never depends on which one was asked (a second command could otherwise subtract).
    /// Overlapping groups that are not nested are not checked against each other.
    ///
    /// `known` are respondents whose own values the viewer already sees one by one (a manager's
    /// reps who share their wellbeing, say): they count as shown, so a group is hidden when
    /// subtracting them would leave fewer than the minimum (5 of 6 shared reveals the 6th).
    public static func shownGroups(_ respondents: [String: Set<String>],
                                   minGroup: Int = defaultMinGroup, known: Set<String> = []) -> Set<String> {
        let minimum = effectiveMinGroup(minGroup)
        let order = respondents.sorted { ($0.value.count, $0.key) < ($1.value.count, $1.key) }
        var shown: [(name: String, members: Set<String>)] = []
        for (name, members) in order where members.count >= minimum {
            var covered = members.intersection(known)
            for s in shown where s.members.count < members.count && s.members.isStrictSubset(of: members) {
                covered.formUnion(s.members)
            }
            let remainder = members.count - covered.count
            if remainder == 0 || remainder >= minimum { shown.append((name, members)) }
        }
        return Set(shown.map(\.name))
    }

    /// `shownGroups` for the groups a store has: teams, which partition the people, and `all`,
    /// which holds everyone (people in no team too). With that shape the rule needs only counts:
    /// a team is shown when it has at least the minimum and its unknown part is empty or at least
    /// the minimum; `all` when its remainder (respondents neither known nor in a shown team) is.
    /// Equal to `shownGroups` on the same groups (tested), without building sets of respondents.
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
