import CoachCore
import CoachScoring
import Foundation

/// A review as a document: sections with tables, on the terminal or as Markdown (escaped as
/// `show --markdown` escapes, to paste into an HR system). Both come from the same sections.
extension ReviewDocument {
    /// One part of the document: a title, lines of text, a table, and lines after it.
    struct Section {
        var title: String
        var text: [String] = []
        var headers: [String] = []
        var rows: [[String]] = []
        var after: [String] = []
    }

    var heading: String { "Performance review: \(person), \(period)" }

    var facts: [String] {
        var facts = ["\(from) to \(to)" + (ended ? "" : " (\(period) has not ended: figures up to today)")]
        if let team { facts.append("Team \(team)" + (manager.map { ", manager \($0)" } ?? "")) }
        facts.append("Seen by \(viewer)")
        return facts
    }

    var sections: [Section] {
        var sections: [Section] = []
        var kpi = Section(title: "KPI attainment", headers: ["KPI", "MONTH", "TARGET", "ACTUAL", "ATTAINMENT"])
        for line in kpis {
            // Values as the KPI reads (`25%`, `14000 EUR`), as `goals` shows them.
            let definition = KPIDefinition(id: line.kpi, label: line.label, unit: line.unit,
                                           kind: line.kind.flatMap(KPIKind.init(rawValue:)))
            for month in line.months {
                kpi.rows.append([line.label, month.month, definition.display(month.target), month.actual.map(definition.display) ?? "-",
                                 Self.percent(month.attainment)])
            }
            kpi.rows.append([line.label, period, line.target.map(definition.display) ?? "-", line.actual.map(definition.display) ?? "-",
                             Self.percent(line.attainment) + (line.rule == "mean" ? " (mean)" : "")])
        }
        if kpis.isEmpty { kpi.text = ["No targets set for the period."] }
        sections.append(kpi)

        var meetings = Section(title: "One-on-ones and action items")
        if let oneOnOnes {
            let due = oneOnOnes.due.map { " of \($0) due (\(oneOnOnes.cadence ?? "-"))" } ?? ""
            meetings.text = ["One-on-ones held: \(oneOnOnes.held)\(due)"]
            meetings.headers = ["ACTION ITEMS", "COUNT"]
            meetings.rows = [["created in the period", "\(oneOnOnes.actionsCreated)"], ["done", "\(oneOnOnes.actionsDone)"],
                             ["dropped", "\(oneOnOnes.actionsDropped)"], ["open at \(to)", "\(oneOnOnes.actionsOpenAtEnd)"],
                             ["median days to close", oneOnOnes.medianDaysToClose.map { ScoreFormat.display($0) } ?? "-"]]
        } else {
            meetings.text = ["Not shown: one-on-one content is for \(person) and their manager."]
        }
        sections.append(meetings)

        sections.append(scoreSection("Self-assessment", selfAssessment, hidden: notShown.contains("self_assessment"),
                                     none: "No self-assessment in the period."))
        sections.append(scoreSection("Wellbeing", wellbeing, hidden: notShown.contains("wellbeing"),
                                     none: person == viewer ? "No check-in in the period." : "Nothing shared with you for the period."))

        var quiz = Section(title: "Quizzes", headers: ["DATE", "QUIZ", "PHASE", "PERCENT", "PASSED"])
        quiz.rows = quizzes.map { [$0.date, "\($0.title) (\($0.quiz))", $0.phase ?? "-", Self.percent($0.percent),
                                   $0.passed.map { $0 ? "yes" : "no" } ?? "-"] }
        if quizzes.isEmpty { quiz.text = ["No quiz taken in the period."] }
        quiz.after = quizGains.map { gain in
            "Normalised gain \(gain.quiz): \(ScoreFormat.display(gain.pre))% → \(ScoreFormat.display(gain.post))%, g = "
                + (gain.gain.map { ScoreFormat.display($0, decimals: 2) } ?? "undefined (pre at 100%)")
        }
        sections.append(quiz)

        var feedback = Section(title: "Training feedback", headers: ["DATE", "SURVEY", "REACTION"])
        if notShown.contains("training_feedback") {
            feedback.text = ["Not shown: training feedback is for \(person) and HR."]
            feedback.headers = []
        } else {
            feedback.rows = trainingFeedback.map { [$0.date, $0.survey, $0.reaction.map { ScoreFormat.display($0) } ?? "-"] }
            if trainingFeedback.isEmpty { feedback.text = ["No training feedback given in the period."] }
        }
        sections.append(feedback)

        sections.append(writtenSection("Manager's assessment", managerReview,
                                       none: "Not written yet ('run performance-review --for \(person)')."))
        sections.append(writtenSection("\(person)'s own comments", ownComments, none: "Not written yet ('run self-review')."))

        var thanks = Section(title: "Recognition", headers: ["DATE", "FROM", "FOR", "THANKS"])
        thanks.rows = recognition.map { [$0.date, $0.giver, $0.value ?? "-", $0.text] }
        if recognition.isEmpty { thanks.text = ["No thanks received in the period."] }
        sections.append(thanks)
        return sections
    }

    private func scoreSection(_ title: String, _ lines: [ScoreLine], hidden: Bool, none: String) -> Section {
        var section = Section(title: title)
        if hidden {
            section.text = [title == "Wellbeing"
                ? "Not shown: wellbeing is \(person)'s own, and reaches their manager only where they share it."
                : "Not shown: \(title.lowercased()) is for \(person) and their manager."]
            return section
        }
        guard !lines.isEmpty else { section.text = [none]; return section }
        section.headers = ["SURVEY", "SCORE", "N", "FIRST", "LATEST", "CHANGE", "BAND", "RELIABLE CHANGE"]
        section.rows = lines.map { line in
            [line.survey, line.label, "\(line.n)", ScoreFormat.display(line.first), ScoreFormat.display(line.latest),
             line.change.map { ($0 > 0 ? "+" : "") + ScoreFormat.display($0) } ?? "-", line.band ?? "-", line.reliableChange]
        }
        return section
    }

    private func writtenSection(_ title: String, _ review: WrittenReview?, none: String) -> Section {
        var section = Section(title: title)
        guard let review else { section.text = [none]; return section }
        section.text = ["\(review.survey), session #\(review.session), \(review.date), by \(review.author), for \(review.reviewPeriod)"]
        for answer in review.answers {
            section.text += ["", answer.text + ":"] + answer.display.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }
        }
        return section
    }

    /// The document for a terminal.
    func lines(styled: (String, TextStyle) -> String, width: Int?) -> [String] {
        var lines = [styled(heading, .bold)] + facts
        for section in sections {
            lines += ["", styled("── \(section.title) ──", .bold)]
            lines += section.text.map { SafeText.escaped($0, keepingNewlines: false) }
            if !section.headers.isEmpty && !section.rows.isEmpty {
                var table = Table()
                table.headers = section.headers
                table.mayShrink("KPI", "QUIZ", "SCORE", "ACTION ITEMS", "THANKS")
                section.rows.forEach { table.add($0) }
                lines += table.render(width: width) { styled($0, .bold) }.split(separator: "\n").map(String.init)
            }
            lines += section.after.map { SafeText.escaped($0, keepingNewlines: false) }
        }
        return lines
    }

    /// The document as Markdown.
    var markdown: String {
        let escaped = SessionRecord.escaped
        var lines = ["# " + escaped(heading), "", facts.map(escaped).joined(separator: " · ")]
        for section in sections {
            lines += ["", "## " + escaped(section.title), ""]
            lines += section.text.map { $0.isEmpty ? "" : escaped($0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0) + "  " }
            if !section.headers.isEmpty && !section.rows.isEmpty {
                if !section.text.isEmpty { lines.append("") }
                lines.append("| " + section.headers.joined(separator: " | ") + " |")
                lines.append("|" + section.headers.map { _ in "---|" }.joined())
                lines += section.rows.map { "| " + $0.map(escaped).joined(separator: " | ") + " |" }
            }
            if !section.after.isEmpty { lines += [""] + section.after.map { escaped($0) + "  " } }
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ value: Double) -> String { formatNumber(value) }
    static func percent(_ value: Double?) -> String { value.map { ScoreFormat.display($0, decimals: 0) + "%" } ?? "-" }
}
