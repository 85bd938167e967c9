import CoachCore
import CoachScoring
import Foundation

extension SessionRecord {
    /// The record for a terminal: heading, facts, each section's answers indented under their
    /// question, meeting parts as bullets, the KPI review as a table, then the scores.
    func lines(styled: (String, TextStyle) -> String, viewerIsAuthor: Bool) -> [String] {
        var lines = [styled(heading, .bold), summaryLine]
        var section: String?
        for item in items {
            if let title = item.section, title != section {
                section = title
                lines += ["", "── \(title) ──"]
            }
            var question = item.question
            if item.isPrivate { question += viewerIsAuthor ? "  (private: only you see this)" : "  (private)" }
            lines.append(styled(question, .bold))
            switch item.body {
            case let .text(text): lines += text.map { "  " + $0 }
            case let .list(entries): lines += entries.isEmpty ? ["  (none)"] : entries.map { "  • " + $0 }
            case let .table(headers, rows):
                guard !rows.isEmpty else { lines.append("  (none entered)"); continue }
                var table = Table()
                table.headers = headers
                rows.forEach { table.add($0) }
                lines += table.render().split(separator: "\n").map { "  " + $0 }
            }
        }
        if !scores.isEmpty {
            lines += ["", styled("Scores", .bold)]
            let width = scores.map(\.label.count).max() ?? 0
            lines += scores.map { score in
                "  " + score.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + (score.value.map { ScoreFormat.display($0) } ?? "-") + (score.band.map { "  \($0)" } ?? "")
            }
        }
        if items.isEmpty && scores.isEmpty { lines += ["", "Nothing in this session that you may read."] }
        return lines
    }

    /// The record as Markdown, to paste into notes or an HR system.
    func markdown(viewerIsAuthor: Bool) -> String {
        var lines = ["# " + Self.escaped(heading), "", facts.map { "**\($0.0):** \(Self.escaped($0.1))" }.joined(separator: " · ")]
        var section: String?
        for item in items {
            if let title = item.section, title != section {
                section = title
                lines += ["", "## " + Self.escaped(title)]
            }
            var question = "**" + Self.escaped(item.question) + "**"
            if item.isPrivate { question += viewerIsAuthor ? " _(private: only you see this)_" : " _(private)_" }
            lines += ["", question, ""]
            switch item.body {
            case let .text(text): lines += text.map { Self.escaped($0) + (text.count > 1 ? "  " : "") }
            case let .list(entries): lines += entries.isEmpty ? ["_(none)_"] : entries.map { "- " + Self.escaped($0) }
            case let .table(headers, rows):
                guard !rows.isEmpty else { lines.append("_(none entered)_"); continue }
                lines.append("| " + headers.joined(separator: " | ") + " |")
                lines.append("|" + headers.map { _ in "---|" }.joined())
                lines += rows.map { "| " + $0.map(Self.escaped).joined(separator: " | ") + " |" }
            }
        }
        if !scores.isEmpty {
            lines += ["", "## Scores", "", "| SCORE | VALUE | BAND |", "|---|---|---|"]
            lines += scores.map {
                "| \(Self.escaped($0.label)) | \($0.value.map { ScoreFormat.display($0) } ?? "-") | \($0.band.map(Self.escaped) ?? "-") |"
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with Markdown's markup characters escaped and control characters made visible, so
    /// an answer prints as written and cannot add emphasis, links, headings or table cells.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in SafeText.escaped(text, keepingNewlines: false) {
            if "\\`*_[]<>|~".contains(character) { result.append("\\") }
            result.append(character)
        }
        // What would start a heading, a list or a quote at the start of a line.
        if let first = result.first, "#+-=".contains(first) { return "\\" + result }
        let digits = result.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = result.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + result.dropFirst(digits.count)
        }
        return result
    }
}

extension SessionRecord: Encodable {
    private enum Keys: String, CodingKey {
        case id, survey, title, kind, subject, author, started, completed, state, phase, backfilled, answers, scores
    }

    private struct AnswerJSON: Encodable {
        let item: SessionRecord.Item
        enum Keys: String, CodingKey { case question, text, section, type, value, display, `private` }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(item.questionID, forKey: .question)
            try container.encode(item.question, forKey: .text)
            try container.encode(item.section, forKey: .section)
            try container.encode(item.isPrivate, forKey: .private)
            switch item.value {
            case let .number(value)?: try container.encode("number", forKey: .type); try container.encode(value, forKey: .value)
            case let .text(value)?: try container.encode("text", forKey: .type); try container.encode(value, forKey: .value)
            case let .bool(value)?: try container.encode("bool", forKey: .type); try container.encode(value, forKey: .value)
            case let .choice(value)?: try container.encode("choice", forKey: .type); try container.encode(value, forKey: .value)
            case let .choices(value)?: try container.encode("choices", forKey: .type); try container.encode(value, forKey: .value)
            case let .date(value)?: try container.encode("date", forKey: .type); try container.encode(value, forKey: .value)
            case let .structured(value)?:
                try container.encode("structured", forKey: .type); try container.encode(value, forKey: .value)
            case nil: try container.encodeNil(forKey: .type); try container.encodeNil(forKey: .value)
            }
            switch item.body {
            case let .text(lines): try container.encode(lines.joined(separator: "\n"), forKey: .display)
            case let .list(entries): try container.encode(entries, forKey: .display)
            case let .table(headers, rows):
                try container.encode(rows.map { Dictionary(uniqueKeysWithValues: zip(headers.map { $0.lowercased() }, $0)) },
                                     forKey: .display)
            }
        }
    }

    private struct ScoreJSON: Encodable {
        let score: String, label: String, value: Double?, band: String?
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(row.id, forKey: .id)
        try container.encode(row.survey, forKey: .survey)
        try container.encode(title, forKey: .title)
        try container.encode(row.kind, forKey: .kind)
        try container.encode(row.subject, forKey: .subject)
        try container.encode(row.author, forKey: .author)
        try container.encode(DateAnswer.iso(row.started), forKey: .started)
        try container.encode(row.completed.map { DateAnswer.iso($0) }, forKey: .completed)
        try container.encode(row.state, forKey: .state)
        try container.encode(row.phase, forKey: .phase)
        try container.encode(row.backfilled.map { DateAnswer.iso($0) }, forKey: .backfilled)
        try container.encode(items.map(AnswerJSON.init), forKey: .answers)
        try container.encode(scores.map { ScoreJSON(score: $0.id, label: $0.label, value: $0.value, band: $0.band) },
                             forKey: .scores)
    }
}
