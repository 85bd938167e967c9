import CoachTestSupport
import Foundation
import Testing

/// An empty `trends` says why: nothing yet, data the viewer may not see, a team too small.
@Suite("Empty results say why")
struct EmptyResultTests {
    @Test("trends with nothing to show names the reason for each viewer", arguments: StoreEngine.allCases)
    func trendsSayWhy(_ engine: StoreEngine) throws {
        let sandbox = try engine.team()
        defer { sandbox.remove() }
        let own = try sandbox.run(["trends"], as: "Ana")
        #expect(own.status == 0, "\(own.stderrText)")
        #expect(own.stdoutText.contains("You have no scores in the last 12 weeks. A check-in ('checkin') or a quiz starts them."))

        #expect(try sandbox.shell(["run who-5", "4", "4", "3", "3", "3"], as: "Ana").status == 0)
        let manager = try sandbox.run(["trends", "Ana"], as: "Marco").stdoutText
        #expect(manager.contains("No scores for Ana in the last 12 weeks that you can see."), "\(manager)")
        #expect(manager.contains("not their wellbeing, which they have not shared with you"), "\(manager)")
        let hr = try sandbox.run(["trends", "Ana"], as: "Dana").stdoutText
        #expect(hr.contains("HR sees a person's quiz results and training feedback"), "\(hr)")

        let team = try sandbox.run(["trends", "--team", "North"], as: "Marco")
        #expect(team.status == 0, "\(team.stderrText)")
        #expect(team.stdoutText.contains("No team numbers for team North in the last 12 weeks."), "\(team.stdoutText)")
        #expect(team.stdoutText.contains("It has 2 people; a team number needs at least 5 respondents"), "\(team.stdoutText)")
    }
}
