import CoachCore
import CoachStore
import Foundation

/// Open action items in a report (a manager's reps', a rep's own): how many by age, and the list.
extension ReportBuilder {
    /// Open action items (of `subject`, or every one the viewer may see) by age, with the list.
    func actionsSection(subject: String?, title: String, intro: String) throws -> ReportDocument.Section {
        let items = try context.database().actionItems(viewer: viewer.name, subject: subject, openOnly: true)
        guard !items.isEmpty else {
            return ReportDocument.Section(title: title, intro: intro, blocks: [.note("No open action items.")])
        }
        let ages = items.map { item in ActionAge.days(since: item.created, now: now, calendar: calendar) }
        let counts = ActionAge.buckets.map { bucket in Double(ages.filter { bucket.range.contains($0) }.count) }
        let chart = BarChart(id: "action-age", title: title, xLabel: "Days open", yLabel: "Open action items",
                             categories: ActionAge.buckets.map(\.label), series: [ChartSeries(name: "open items", values: counts)],
                             range: 0...Self.roundedTop(counts.max() ?? 0, atLeast: 4, step: 2))
        let rows = zip(items, ages).sorted { $0.1 > $1.1 }.map { item, age in
            ["#\(item.id)", item.subject, item.owner, item.text, item.created, "\(age)",
             item.due.map { $0 < today ? "\($0) (overdue)" : $0 } ?? "-"]
        }
        return ReportDocument.Section(title: title, intro: intro, blocks: [
            .bar(chart),
            .table(DataTable(id: "open-actions", title: "Open action items, oldest first",
                             header: ["Item", "Rep", "Owner", "Action", "Agreed", "Days open", "Due"], rows: rows)),
        ])
    }
}

/// How long an action item has been open, in whole days, and the buckets the report counts by.
enum ActionAge {
    static let buckets: [(label: String, range: ClosedRange<Int>)] = [
        ("0–7", 0...7), ("8–14", 8...14), ("15–30", 15...30), ("31–60", 31...60), ("over 60", 61...Int.max),
    ]

    /// Days from `created` (YYYY-MM-DD) to `now`; 0 for a date that cannot be read or lies ahead.
    static func days(since created: String, now: Date, calendar: Calendar) -> Int {
        guard let day = DateAnswer.isoDate(String(created.prefix(10)), calendar: calendar) else { return 0 }
        return max(0, calendar.dateComponents([.day], from: calendar.startOfDay(for: day), to: calendar.startOfDay(for: now)).day ?? 0)
    }
}
