import CoachCore
import CoachScoring
import Foundation

/// One (subject, score) row of `trends`, in the JSON shape scripts read. Numbers carry their
/// full value in JSON and CSV (programs read them); only the table rounds.
struct TrendRow: Encodable {
    struct Point: Encodable {
        let date: String
        let value: Double
    }

    let subject: String
    let survey: String
    let score: String
    let label: String
    let n: Int
    let points: [Point]
    let summary: TrendSummary
    let sparkline: String
    /// From the first point to the last of a range (`review`): delta and reliable change over
    /// the whole period, not only its last step. Not part of `trends --json`.
    var periodChange: TrendSummary?
    /// The row as a line chart over the window's weeks (`trends --chart`, `report html`). Not
    /// part of `trends --json`.
    var chart: LineChart?

    private enum Keys: String, CodingKey {
        case subject, survey, score, label, n, points, latest, previous, delta, mean
        case slopePerWeek = "slope_per_week", band, reliableChange = "reliable_change", sparkline
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(survey, forKey: .survey)
        try container.encode(score, forKey: .score)
        try container.encode(label, forKey: .label)
        try container.encode(n, forKey: .n)
        try container.encode(points, forKey: .points)
        try container.encode(summary.latest, forKey: .latest)
        try container.encode(summary.previous, forKey: .previous)
        try container.encode(summary.delta, forKey: .delta)
        try container.encode(summary.mean, forKey: .mean)
        try container.encode(summary.slopePerWeek, forKey: .slopePerWeek)
        try container.encode(summary.bandID, forKey: .band)
        try container.encode(summary.reliableChange.rawValue, forKey: .reliableChange)
        try container.encode(sparkline, forKey: .sparkline)
    }

    /// CSV columns: one record per point (`date`, `value`), long format for spreadsheets and
    /// pivot tables, with the row's summary repeated on each of its points; an unknown number is
    /// empty. A row without points (none in the window) still gets one record, date and value empty.
    static let csvHeader = ["subject", "survey", "score", "date", "value", "n", "latest", "previous", "delta", "mean",
                            "slope_per_week", "band", "reliable_change"]

    var csvRows: [[String]] {
        func text(_ value: Double?) -> String { value.map(exactNumber) ?? "" }
        let summaryCells = [String(n), text(summary.latest), text(summary.previous), text(summary.delta), text(summary.mean),
                            text(summary.slopePerWeek), summary.bandID ?? "", summary.reliableChange.rawValue]
        let pointCells = points.isEmpty ? [["", ""]] : points.map { [$0.date, exactNumber($0.value)] }
        return pointCells.map { [subject, survey, score] + $0 + summaryCells }
    }
}
