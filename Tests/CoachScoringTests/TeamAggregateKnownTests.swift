import CoachScoring
import Testing

/// `shownGroups(known:)`: respondents the viewer already sees one by one count as shown.
@Suite("Team aggregates and individually known values")
struct TeamAggregateKnownTests {
    let east: Set<String> = ["e1", "e2", "e3", "e4", "e5", "e6"]
    let west: Set<String> = ["w1", "w2", "w3", "w4", "w5"]
    var groups: [String: Set<String>] { ["east": east, "west": west, "all": east.union(west)] }

    @Test("nobody known: every group of at least 5 with safe remainders is shown")
    func nobodyKnown() {
        #expect(TeamAggregate.shownGroups(groups) == ["east", "west", "all"])
    }

    @Test("5 of East's 6 known: East is hidden, and so is all (all − West − the 5 = the 6th)")
    func fiveKnown() {
        #expect(TeamAggregate.shownGroups(groups, known: ["e1", "e2", "e3", "e4", "e5"]) == ["west"])
    }

    @Test("all of East known: East reveals nothing new and is shown")
    func allKnown() {
        #expect(TeamAggregate.shownGroups(groups, known: east) == ["east", "west", "all"])
    }

    @Test("known respondents outside a group do not change it")
    func knownElsewhere() {
        #expect(TeamAggregate.shownGroups(["east": east], known: ["x1", "x2"]) == ["east"])
    }
}
