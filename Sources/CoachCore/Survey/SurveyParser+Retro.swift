import Yams

extension SurveyParser {
    /// A retrospective (`kind: retro`) is a set of lists the team fills at its meeting, one item
    /// per line: it is answered by the team's manager, every question is a multiline `text`
    /// without `when`, `constraint` or `private`, and it has no scores or tests.
    func checkRetro(_ top: Fields, audience: Role?) {
        guard kind == .retro else { return }
        let kindNode = top["kind"]
        if let audience, audience != .manager {
            report("a retro is run by the team's manager: 'audience' must be manager, not '\(audience.rawValue)'",
                   at: top["audience"])
        }
        for question in questions {
            let what = "question '\(question.id)' of a retro"
            if question.type != .text || !question.multiline {
                report("\(what) must be a list the team fills: type text with multiline: true", at: kindNode)
            }
            if question.when != nil || question.constraint != nil || question.isPrivate {
                report("\(what) cannot have 'when', 'constraint' or 'private': every list is asked, and the team sees it all",
                       at: kindNode)
            }
        }
        for key in ["scores", "tests"] where top.has(key) {
            report("a retro has no '\(key)': its items are grouped and voted on, not scored",
                   at: top.entries.first { $0.key == key }?.keyNode)
        }
    }
}
