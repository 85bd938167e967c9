import CoachCore
import Foundation

/// A person's performance review of a period, as its viewer may see it (`review PERSON
/// --period P`): every figure read through the store's rules for that viewer. `--json` writes it
/// with snake_case keys, every key present (null where there is no value); README "Reviews"
/// lists the fields.
struct ReviewDocument: Encodable {
    var person: String
    @Null var team: String?
    @Null var manager: String?
    var viewer: String
    var period: String
    /// First and last day covered (the last is today while the period runs).
    var from: String
    var to: String
    /// False while the period runs: the figures are up to `to`.
    var ended: Bool
    /// The sections this viewer is not shown, by JSON key (HR: one-on-ones and self-assessment;
    /// a manager: training feedback): null or empty there means "not yours to see", not "none".
    var notShown: [String]
    var kpis: [KPILine]
    @Null var oneOnOnes: OneOnOnes?
    var selfAssessment: [ScoreLine]
    var wellbeing: [ScoreLine]
    var quizzes: [QuizLine]
    var quizGains: [QuizGain]
    var trainingFeedback: [FeedbackLine]
    @Null var managerReview: WrittenReview?
    @Null var ownComments: WrittenReview?
    /// The thanks the person received in the period (`thanks`), oldest first: never private.
    var recognition: [RecognitionLine]

    /// One KPI: each month with a target, and the period.
    struct KPILine: Encodable {
        var kpi: String
        var label: String
        @Null var unit: String?
        @Null var kind: String?
        var lowerIsBetter: Bool
        var months: [Month]
        @Null var target: Double?
        @Null var actual: Double?
        /// Percent; nil without a month that has both a target and an actual.
        @Null var attainment: Double?
        /// `total` (Σ actual ÷ Σ target, currency and count) or `mean` (of the months, percent and score).
        var rule: String

        struct Month: Encodable {
            var month: String
            var target: Double
            @Null var actual: Double?
            @Null var attainment: Double?
        }
    }

    /// One-on-ones and action items in the period, for the rep and their manager.
    struct OneOnOnes: Encodable {
        @Null var cadence: String?
        /// Whole cadence periods in the days covered; nil without a cadence.
        @Null var due: Int?
        var held: Int
        var actionsCreated: Int
        var actionsDone: Int
        var actionsDropped: Int
        /// Items created by the period's last day and not closed by then.
        var actionsOpenAtEnd: Int
        /// Median days from creation to closing of the items closed in the period.
        @Null var medianDaysToClose: Double?
    }

    /// A score over the period (self-assessment, wellbeing).
    struct ScoreLine: Encodable {
        var survey: String
        var score: String
        var label: String
        var n: Int
        @Null var first: Double?
        @Null var latest: Double?
        /// latest − first.
        @Null var change: Double?
        @Null var mean: Double?
        @Null var slopePerWeek: Double?
        @Null var band: String?
        /// `improved`, `worsened` or `none`, first to latest (docs/scoring.md).
        var reliableChange: String
    }

    struct QuizLine: Encodable {
        var session: Int64
        var quiz: String
        var title: String
        var date: String
        @Null var phase: String?
        @Null var percent: Double?
        @Null var passed: Bool?
    }

    /// Normalised gain of a quiz with a post-training attempt in the period.
    struct QuizGain: Encodable {
        var quiz: String
        var pre: Double
        var post: Double
        @Null var gain: Double?
    }

    struct FeedbackLine: Encodable {
        var session: Int64
        var survey: String
        var date: String
        @Null var reaction: Double?
    }

    /// One thanks received.
    struct RecognitionLine: Encodable {
        var giver: String
        var date: String
        @Null var value: String?
        var text: String
    }

    /// A review session's answers (`performance-review`, `self-review`).
    struct WrittenReview: Encodable {
        var session: Int64
        var survey: String
        var author: String
        var date: String
        var reviewPeriod: String
        var answers: [Answer]

        struct Answer: Encodable {
            var question: String
            var text: String
            var display: String
            @Null var value: Double?
        }
    }

    /// The JSON `--json` prints.
    func json() throws -> String { try ReviewJSON.encode(self) }
}

/// Writes an optional value as `null` rather than leaving its key out, so every key is there.
@propertyWrapper
struct Null<Value: Encodable>: Encodable {
    var wrappedValue: Value?
    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

/// `JSONOutput` with snake_case keys.
enum ReviewJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return SafeText.escapedJSON(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
