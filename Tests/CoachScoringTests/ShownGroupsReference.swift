import CoachScoring

/// The complement rule in its general, set-based form: the reference that
/// `TeamAggregate.shownTeams` (counts, teams and `all`) is tested against.
extension TeamAggregate {
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
    static func shownGroups(_ respondents: [String: Set<String>],
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

}
