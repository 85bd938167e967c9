import Foundation
import Testing
@testable import CoachScoring

/// `count` respondent names: `east1`, `east2`, …
private func people(_ prefix: String, _ count: Int) -> Set<String> {
    Set((0..<count).map { "\(prefix)\($0 + 1)" })
}

@Suite("Team aggregates: privacy minimum and complement suppression")
struct TrendTeamAggregateTests {
    @Test func minimumIsFiveByDefaultAndNeverBelowThree() {
        #expect(TeamAggregate.effectiveMinGroup(TeamAggregate.defaultMinGroup) == 5)
        #expect(TeamAggregate.effectiveMinGroup(1) == 3)
        #expect(TeamAggregate.effectiveMinGroup(-7) == 3)
        #expect(TeamAggregate.effectiveMinGroup(8) == 8)
    }

    @Test func theSizeRuleOnCounts() {
        // A team of 5 is shown, one of 4 is not; with the minimum at 3 (a configured 2 is raised
        // to 3) the team of 4 is shown and one of 2 still is not.
        let teams = ["east": GroupCount(respondents: 5), "west": GroupCount(respondents: 4)]
        #expect(TeamAggregate.shownTeams(teams, all: GroupCount(respondents: 9)).teams == ["east"])
        #expect(TeamAggregate.shownTeams(teams, all: GroupCount(respondents: 9), minGroup: 2).teams == ["east", "west"])
        #expect(TeamAggregate.shownTeams(["a": GroupCount(respondents: 2)], all: GroupCount(respondents: 2),
                                         minGroup: 0) == ([], false))
        #expect(TeamAggregate.shownTeams([:], all: GroupCount(respondents: 0)) == ([], false))
    }

    @Test func theAllOfSixSixAndTwoIsHiddenWithTheTeamOfTwo() {
        // all − east − west = north: showing all would reveal north's mean.
        let east = people("east", 6), west = people("west", 6), north = people("north", 2)
        let groups = ["east": east, "west": west, "north": north, "all": east.union(west).union(north)]
        #expect(TeamAggregate.shownGroups(groups) == ["east", "west"])
        // With north at 5 nothing is below the minimum: everything is shown.
        let bigger = people("north", 5)
        let fine = ["east": east, "west": west, "north": bigger, "all": east.union(west).union(bigger)]
        #expect(TeamAggregate.shownGroups(fine) == ["east", "west", "north", "all"])
    }

    @Test func theHiddenPartMayBeShownWhenItIsAtLeastTheMinimum() {
        // north 2 and south 3 are hidden, but together they are 5: all − east reveals only that.
        let east = people("east", 6), north = people("north", 2), south = people("south", 3)
        let groups = ["east": east, "north": north, "south": south, "all": east.union(north).union(south)]
        #expect(TeamAggregate.shownGroups(groups) == ["east", "all"])
    }

    @Test func peopleInNoTeamAreARemainderToo() {
        // all = east 6 + west 6 + 3 people without a team: all − east − west is those 3.
        let east = people("east", 6), west = people("west", 6)
        let groups = ["east": east, "west": west, "all": east.union(west).union(people("solo", 3))]
        #expect(TeamAggregate.shownGroups(groups) == ["east", "west"])
        let five = ["east": east, "west": west, "all": east.union(west).union(people("solo", 5))]
        #expect(TeamAggregate.shownGroups(five) == ["east", "west", "all"])
    }

    @Test func hidingPropagatesUpNestedGroups() {
        // region = east 6 + north 2 is hidden (region − east = north); all = region + west 6 is
        // hidden (all − east − west = north). The region is never subtracted as if shown.
        let east = people("east", 6), north = people("north", 2), west = people("west", 6)
        let region = east.union(north)
        let groups = ["east": east, "north": north, "west": west, "region": region, "all": region.union(west)]
        #expect(TeamAggregate.shownGroups(groups) == ["east", "west"])
    }

    @Test func equalGroupsAndEdgeCases() {
        // One team that is everyone: all reveals nothing more.
        let east = people("east", 7)
        #expect(TeamAggregate.shownGroups(["east": east, "all": east]) == ["east", "all"])
        #expect(TeamAggregate.shownGroups([:]).isEmpty)
        #expect(TeamAggregate.shownGroups(["empty": []], minGroup: 0).isEmpty)
        // Minimum 1 is raised to 3: teams of 3 and 3 and their all of 6 are shown; a team of 2 is not.
        let a = people("a", 3), b = people("b", 3), c = people("c", 2)
        #expect(TeamAggregate.shownGroups(["a": a, "b": b, "all": a.union(b)], minGroup: 1) == ["a", "b", "all"])
        #expect(TeamAggregate.shownGroups(["a": a, "c": c, "all": a.union(c)], minGroup: 1) == ["a"])
    }

    @Test func countsGiveTheSameDecisionAsSetsForTeamsAndAll() {
        // Random organisations: teams partition the respondents, some in no team, some known.
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let minGroup = Int.random(in: 3...6, using: &random)
            var groups: [String: Set<String>] = [:]
            var counts: [String: GroupCount] = [:]
            var everyone: Set<String> = [], known: Set<String> = []
            for t in 0..<Int.random(in: 0...4, using: &random) {
                let members = people("t\(t)-", Int.random(in: 0...9, using: &random))
                let seen = Set(members.filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
                groups["t\(t)"] = members
                counts["t\(t)"] = GroupCount(respondents: members.count, known: seen.count)
                everyone.formUnion(members)
                known.formUnion(seen)
            }
            let solo = people("solo", Int.random(in: 0...6, using: &random))
            let soloKnown = Set(solo.filter { _ in Bool.random(using: &random) })
            everyone.formUnion(solo)
            known.formUnion(soloKnown)
            var withAll = groups
            withAll["all"] = everyone
            let expected = TeamAggregate.shownGroups(withAll.filter { !$0.value.isEmpty }, minGroup: minGroup, known: known)
            let shown = TeamAggregate.shownTeams(counts, all: GroupCount(respondents: everyone.count, known: known.count),
                                                 minGroup: minGroup)
            #expect(shown.teams == expected.subtracting(["all"]), "\(counts) all \(everyone.count)")
            #expect(shown.all == expected.contains("all"), "\(counts) all \(everyone.count) known \(known.count)")
        }
    }
}
