@testable import CoachConsole
import CoachTestSupport
import CoachCore
import CoachStore
import Foundation
import Testing

/// Tab completion of the team's commands: the organisation's values after `thanks … --for`,
/// the retro's lists after `retro add … --list`; and the meeting's own line parsing.
@Suite("Tab completion and input of the team's commands")
struct CompletionTeamTests {
    @Test("thanks --for offers the organisation's values, retro add --list the team-retro lists")
    func valuesAndLists() throws {
        let shell = try TestShell(lines: [], user: "Dana")
        try shell.database.addPerson(name: "Dana", role: .hr, team: nil, manager: nil, by: nil)
        let completion = Completion(context: shell.context)
        #expect(completion.candidates(line: "thanks Ana well done --for ", word: "") == [])
        try shell.database.setOrgSetting(.values, to: "customer focus, teamwork, sharing", by: "Dana", at: Date())
        #expect(completion.candidates(line: "thanks Ana well done --for ", word: "")
                == ["\"customer focus\"", "sharing", "teamwork"])
        #expect(completion.candidates(line: "thanks Ana well done --for t", word: "t") == ["teamwork"])
        #expect(completion.candidates(line: "retro add Slow quotes --list ", word: "")
                == ["customer_complaints", "customer_feedback", "ideas", "went_badly", "went_well"])
        #expect(completion.candidates(line: "retro add Slow quotes --list w", word: "w") == ["went_badly", "went_well"])
    }

    @Test("grouping reads leading item numbers then the title; votes a name then trailing topic numbers")
    func meetingLines() {
        #expect(RetroMeeting.numbersThenText("2 5, 7 Slow quotes")! == ([2, 5, 7], "Slow quotes"))
        #expect(RetroMeeting.numbersThenText("3: Pricing")! == ([3], "Pricing"))
        #expect(RetroMeeting.numbersThenText("Pricing 3")! == ([], "Pricing 3"))
        #expect(RetroMeeting.numbersThenText("4")! == ([4], ""))
        #expect(RetroMeeting.nameThenNumbers("Lara Nakamura 1 1 3")! == ("Lara Nakamura", [1, 1, 3]))
        #expect(RetroMeeting.nameThenNumbers("Ana")! == ("Ana", []))
        #expect(RetroMeeting.nameThenNumbers("Ana 2,2")! == ("Ana", [2, 2]))
        #expect(RetroMeeting.nameThenNumbers("1 2") == nil)
    }
}
