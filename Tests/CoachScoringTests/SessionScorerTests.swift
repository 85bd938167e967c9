import CoachCore
import Testing
@testable import CoachScoring

@Suite("Session scoring: every score option")
struct SessionScorerTests {
    let survey: Survey

    init() throws {
        survey = try loadSurvey(SurveyTexts.options)
    }

    func score(_ id: String, _ answers: [String: AnswerValue]) throws -> ScoreResult {
        try #require(SessionScorer.score(survey: survey, answers: answers).result(for: id))
    }

    @Test func resultsFollowTheSurveysOrder() {
        let results = SessionScorer.score(survey: survey, answers: [:])
        #expect(results.map(\.scoreID) == ["total", "avg", "rev_list", "rev_scale", "numeric", "scaled", "partial", "partial_sum"])
    }

    @Test func sumOfChoiceValues() throws {
        let result = try score("total", choices(["a": 1, "b": 4, "c": 5]))
        #expect(result.value == 10)
        #expect(result.answeredItems == 3)
        #expect(result.band == nil)
        #expect(!result.alert)
    }

    @Test func meanOfChoiceValues() throws {
        let result = try score("avg", choices(["a": 1, "b": 2, "c": 2]))
        #expect(approx(result.value, 1.6667))
    }

    @Test func reverseOverTheChoiceList() throws {
        // b = 2 on a 1–5 list scores 1 + 5 − 2 = 4.
        #expect(try score("rev_list", choices(["a": 3, "b": 2])).value == 7)
        #expect(try score("rev_list", choices(["a": 5, "b": 5])).value == 6)
    }

    @Test func reverseOverTheScaleRange() throws {
        // s = 3 on 1–10 scores 1 + 10 − 3 = 8.
        #expect(try score("rev_scale", ["s": .number(3)]).value == 8)
        #expect(try score("rev_scale", ["s": .number(10)]).value == 1)
        #expect(try score("rev_scale", ["s": .number(1)]).value == 10)
    }

    @Test func scaleAndNumberAnswersAreItemValues() throws {
        #expect(try score("numeric", ["n": .number(12.5), "s": .number(7)]).value == 19.5)
    }

    @Test func multiplyAndAdd() throws {
        // mean 3 → 3 × 25 − 25 = 50.
        #expect(try score("scaled", choices(["a": 3, "b": 3, "c": 3])).value == 50)
        #expect(try score("scaled", choices(["a": 1, "b": 1, "c": 1])).value == 0)
        #expect(try score("scaled", choices(["a": 5, "b": 5, "c": 5])).value == 100)
    }

    @Test func bandBoundariesAreInclusive() throws {
        #expect(try score("scaled", choices(["a": 1, "b": 1, "c": 1])).bandID == "low")   // 0
        #expect(try score("scaled", choices(["a": 2, "b": 2, "c": 2])).bandID == "low")   // 25, at the max
        #expect(try score("scaled", choices(["a": 2, "b": 2, "c": 3])).bandID == "mid")   // 33.33
        #expect(try score("scaled", choices(["a": 3, "b": 3, "c": 3])).bandID == "mid")   // 50, at the max
        #expect(try score("scaled", choices(["a": 3, "b": 3, "c": 4])).bandID == "high")  // 58.33
        #expect(try score("scaled", choices(["a": 5, "b": 5, "c": 5])).bandID == "high")  // 100
    }

    @Test func bandAtAMaxDespiteFloatNoise() throws {
        var noisy = survey
        let index = try #require(noisy.scores.firstIndex { $0.id == "scaled" })
        // mean 3 × 0.1 = 0.3 in exact arithmetic, 0.30000000000000004 in binary, above the band's 0.3.
        noisy.scores[index].multiply = 0.1
        noisy.scores[index].add = 0
        noisy.scores[index].bands[0].max = 0.3
        let result = try #require(SessionScorer.score(survey: noisy, answers: choices(["a": 1, "b": 3, "c": 5])).result(for: "scaled"))
        #expect(try #require(result.value) > 0.3)
        #expect(approx(result.value, 0.3))
        #expect(result.bandID == "low")
    }

    @Test func minAnsweredMet() throws {
        let mean = try score("partial", choices(["a": 2, "c": 5]))
        #expect(mean.value == 3.5)            // mean over the answered items only
        #expect(mean.answeredItems == 2)
        let sum = try score("partial_sum", choices(["a": 2, "c": 5]))
        #expect(sum.value == 7)               // sum over the answered items only
    }

    @Test func minAnsweredNotMet() throws {
        let result = try score("partial", choices(["a": 5]))
        #expect(result.value == nil)
        #expect(result.band == nil)
        #expect(result.answeredItems == 1)
    }

    @Test func minAnsweredDefaultsToAllItems() throws {
        #expect(try score("total", choices(["a": 5, "b": 5])).value == nil)
    }

    @Test func noScoreMeansNoBand() throws {
        let result = try score("scaled", choices(["a": 2, "b": 2]))
        #expect(result.value == nil)
        #expect(result.bandID == nil)
    }

    @Test func alertIfAnyFiresAtOrBelowAtMost() throws {
        #expect(try score("partial", choices(["a": 2, "b": 5, "c": 5])).alert)        // a = 2 = at_most
        #expect(!(try score("partial", choices(["a": 3, "b": 5, "c": 5])).alert))
        #expect(try score("partial", choices(["a": 5, "b": 5]).merging(["s": .number(1)]) { $1 }).alert) // s is not an item
    }

    @Test func alertUsesTheRawNotTheReversedValue() throws {
        // b = 1 reverses to 5 for the score, but the raw 1 is what the alert looks at.
        let low = try score("rev_list", choices(["a": 3, "b": 1]))
        #expect(low.value == 8)
        #expect(low.alert)
        let high = try score("rev_list", choices(["a": 3, "b": 5]))
        #expect(high.value == 4)
        #expect(!high.alert)
    }

    @Test func alertFiresEvenWithoutAScore() throws {
        let result = try score("partial", choices(["a": 1]))
        #expect(result.value == nil)
        #expect(result.alert)
        #expect(SessionScorer.alert(survey: survey, answers: choices(["a": 1])))
    }

    @Test func sessionAlertIsAnyScoresAlert() {
        #expect(!SessionScorer.alert(survey: survey, answers: choices(["a": 5, "b": 5, "c": 5])))
        #expect(SessionScorer.alert(survey: survey, answers: choices(["a": 5, "b": 1, "c": 5])))
        #expect(!SessionScorer.alert(survey: survey, answers: [:]))
    }

    @Test func invalidAnswersCountAsUnanswered() throws {
        // Not in the list, outside the scale, outside the number's bounds, wrong type, not finite.
        #expect(try score("total", choices(["a": 6, "b": 1, "c": 1])).value == nil)
        #expect(try score("rev_scale", ["s": .number(11)]).value == nil)
        #expect(try score("numeric", ["n": .number(-1), "s": .number(2)]).value == nil)
        #expect(try score("total", ["a": .text("5"), "b": .choice(.number(1)), "c": .choice(.number(1))]).value == nil)
        #expect(try score("total", ["a": .choice(.string("a")), "b": .bool(true), "c": .choices([.number(1)])]).value == nil)
        #expect(try score("rev_scale", ["s": .number(.nan)]).value == nil)
        #expect(try score("rev_scale", ["s": .number(.infinity)]).value == nil)
        #expect(!(try score("partial", ["a": .number(-.infinity)]).alert))
    }

    @Test func unknownAnswersAreIgnored() throws {
        #expect(try score("total", choices(["a": 1, "b": 1, "c": 1, "zzz": 1])).value == 3)
    }

    @Test func nonFiniteResultsAreNoScore() throws {
        var broken = survey
        let index = try #require(broken.scores.firstIndex { $0.id == "total" })
        broken.scores[index].multiply = .infinity
        let result = try #require(SessionScorer.score(survey: broken, answers: choices(["a": 1, "b": 1, "c": 1])).first)
        #expect(result.value == nil)
        broken.scores[index].multiply = .nan
        #expect(SessionScorer.score(survey: broken, answers: choices(["a": 1, "b": 1, "c": 1])).first?.value == nil)
    }

    @Test func zeroMinAnsweredWithNothingAnsweredIsNoScoreNotADivisionByZero() throws {
        var broken = survey
        let index = try #require(broken.scores.firstIndex { $0.id == "avg" })
        broken.scores[index].minAnswered = 0
        let result = try #require(SessionScorer.score(survey: broken, answers: [:]).result(for: "avg"))
        #expect(result.value == nil)
    }

    @Test func unknownItemsAndUnrangedReverseItemsCountAsUnanswered() throws {
        var broken = survey
        let index = try #require(broken.scores.firstIndex { $0.id == "rev_scale" })
        broken.scores[index].items = ["s", "ghost"]
        broken.scores[index].minAnswered = 1
        let q = try #require(broken.questions.firstIndex { $0.id == "s" })
        broken.questions[q].max = nil   // no range: the reverse item cannot be scored
        let result = try #require(SessionScorer.score(survey: broken, answers: ["s": .number(3), "ghost": .number(1)]).result(for: "rev_scale"))
        #expect(result.value == nil)
        #expect(result.answeredItems == 0)
    }

    @Test func scoreResultNeverStoresNonFiniteValues() {
        let result = ScoreResult(scoreID: "x", value: .nan, band: ScoreBand?.none, alert: false)
        #expect(result.value == nil)
        #expect(ScoreResult(scoreID: "x", value: -.infinity).value == nil)
    }

    @Test func displayRounding() {
        #expect(ScoreFormat.display(58.333333) == "58.3")
        #expect(ScoreFormat.display(100) == "100")
        #expect(ScoreFormat.display(58.333333, decimals: 2) == "58.33")
        #expect(ScoreFormat.display(-0.04) == "0")
        #expect(ScoreFormat.display(2.25, decimals: 0) == "2")
        #expect(ScoreFormat.display(nil) == "—")
        #expect(ScoreFormat.display(.nan) == "—")
        #expect(ScoreFormat.display(1e300) == "1e+300")
    }
}
