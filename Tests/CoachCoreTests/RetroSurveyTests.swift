import Foundation
import Testing
@testable import CoachCore

/// The survey kind `retro` and the `customer_feedback` key: what a retro file may hold, and
/// the line and column of what it may not.
@Suite("Retro surveys and customer feedback questions")
struct RetroSurveyTests {
    static let header = """
    format: 1
    id: retro
    title: Retro
    kind: retro
    audience: manager

    """

    func problems(_ body: String, header: String = RetroSurveyTests.header) -> [String] {
        switch SurveyLoader.load(yaml: header + body, file: "t.yaml") {
        case .success: return []
        case .failure(let problems): return problems.problems.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test("the bundled team-retro survey is a retro of lists, two of them customer feedback")
    func bundledTeamRetro() throws {
        let file = try #require(BundledSurveys.files.first { $0.name == "team-retro.yaml" })
        guard case let .success(survey) = SurveyLoader.load(yaml: file.content, file: file.name) else {
            Issue.record("team-retro.yaml does not load")
            return
        }
        #expect(survey.kind == .retro)
        #expect(survey.audience == .manager)
        #expect(survey.questions.map(\.id) == ["went_well", "went_badly", "ideas", "customer_complaints", "customer_feedback"])
        #expect(survey.questions.allSatisfy { $0.type == .text && $0.multiline })
        #expect(survey.questions.map(\.customerFeedback) == [nil, nil, nil, .complaint, .other])
    }

    @Test("a retro's questions are multiline text lists, with no when, constraint or private")
    func retroQuestionsAreLists() {
        #expect(problems("questions:\n  - {id: good, text: Good?, type: text, multiline: true}\n") == [])
        #expect(problems("questions:\n  - {id: good, text: Good?, type: yesno}\n")
                == ["4:7: question 'good' of a retro must be a list the team fills: type text with multiline: true"])
        #expect(problems("questions:\n  - {id: good, text: Good?, type: text, multiline: true, private: true}\n")
                == ["4:7: question 'good' of a retro cannot have 'when', 'constraint' or 'private': every list is asked, and the team sees it all"])
    }

    @Test("a retro is run by a manager and has no scores")
    func retroAudienceAndScores() {
        let repHeader = RetroSurveyTests.header.replacingOccurrences(of: "audience: manager", with: "audience: rep")
        #expect(problems("questions:\n  - {id: good, text: Good?, type: text, multiline: true}\n", header: repHeader)
                == ["5:11: a retro is run by the team's manager: 'audience' must be manager, not 'rep'"])
        #expect(problems("questions:\n  - {id: good, text: Good?, type: text, multiline: true}\n"
                         + "scores:\n  - {id: s, items: [good], method: sum}\n").contains {
            $0.hasPrefix("8:1: a retro has no 'scores'")
        })
    }

    @Test("customer_feedback takes complaint or other, on a text question that is not private")
    func customerFeedbackKey() {
        let checkIn = RetroSurveyTests.header.replacingOccurrences(of: "kind: retro", with: "kind: check-in")
            .replacingOccurrences(of: "audience: manager", with: "audience: rep")
        #expect(problems("questions:\n  - {id: heard, text: Heard?, type: text, customer_feedback: complaint}\n", header: checkIn) == [])
        #expect(problems("questions:\n  - {id: heard, text: Heard?, type: text, customer_feedback: angry}\n", header: checkIn)
                .first?.contains("'customer_feedback' of question 'heard'") == true)
        #expect(problems("questions:\n  - {id: heard, text: Heard?, type: yesno, customer_feedback: other}\n", header: checkIn)
                == ["7:44: 'customer_feedback' does not apply to a yesno question (question 'heard')"])
        #expect(problems("questions:\n  - {id: heard, text: Heard?, type: text, private: true, customer_feedback: other}\n",
                         header: checkIn)
                == ["7:77: question 'heard' is private, so it cannot be customer feedback (feedback is read by the rep and the team)"])
    }
}
