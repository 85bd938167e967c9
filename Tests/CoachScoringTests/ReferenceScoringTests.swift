import CoachCore
import CoachTestSupport
import Testing
@testable import CoachScoring

/// WHO-5 and CBI scored by their published rules (docs/scoring.md).
@Suite("Reference instruments: WHO-5 and CBI")
struct ReferenceScoringTests {
    static let who5Items = ["cheerful", "calm", "active", "rested", "interested"]

    func who5(_ values: [Double]) throws -> ScoreResult {
        let survey = try loadSurvey(BundledFixtures.text("who-5"), file: "surveys/who-5.yaml")
        let answers = choices(Dictionary(uniqueKeysWithValues: zip(Self.who5Items, values)))
        return try #require(SessionScorer.score(survey: survey, answers: answers).result(for: "wellbeing"))
    }

    @Test func who5AllFiveIsHundredOK() throws {
        let result = try who5([5, 5, 5, 5, 5])
        #expect(result.value == 100)
        #expect(result.bandID == "ok")
        #expect(!result.alert)
    }

    @Test func who5AllZeroIsZeroLowWithAlert() throws {
        let result = try who5([0, 0, 0, 0, 0])
        #expect(result.value == 0)
        #expect(result.bandID == "low")
        #expect(result.alert)
    }

    @Test func who5Raw12Is48Poor() throws {
        let result = try who5([3, 3, 2, 2, 2])
        #expect(result.value == 48)
        #expect(result.bandID == "poor")
        #expect(!result.alert)
    }

    @Test func who5Raw13Is52OK() throws {
        #expect(try who5([3, 3, 3, 2, 2]).bandID == "ok")
        #expect(try who5([3, 3, 3, 2, 2]).value == 52)
    }

    @Test func who5Raw7Is28Low() throws {
        let result = try who5([2, 2, 2, 1, 0])
        #expect(result.value == 28)
        #expect(result.bandID == "low")
        #expect(result.alert)
    }

    @Test func who5Raw8Is32Poor() throws {
        #expect(try who5([2, 2, 2, 2, 0]).bandID == "poor")
    }

    @Test func who5OneItemAtOneAlertsWhateverTheTotal() throws {
        let result = try who5([1, 5, 5, 5, 5])
        #expect(result.value == 84)
        #expect(result.bandID == "ok")
        #expect(result.alert)
        #expect(!(try who5([2, 5, 5, 5, 5]).alert))
    }

    @Test func who5MissingItemIsNoScoreButStillAlerts() throws {
        let survey = try loadSurvey(BundledFixtures.text("who-5"))
        let results = SessionScorer.score(survey: survey, answers: choices(["cheerful": 0, "calm": 5, "active": 5, "rested": 5]))
        #expect(results.first?.value == nil)
        #expect(results.first?.bandID == nil)
        #expect(results.anyAlert)
    }

    func cbi(_ answers: [String: Double]) throws -> ScoreResult {
        let survey = try loadSurvey(SurveyTexts.cbiWork, file: "surveys/cbi-work.yaml")
        return try #require(SessionScorer.score(survey: survey, answers: choices(answers)).result(for: "work"))
    }

    @Test func cbiWorkReversesTheLeisureEnergyItem() throws {
        // Six items "always" (100) and enough energy "always" (100 → 0): 600 / 7.
        let result = try cbi(["w1": 100, "w2": 100, "w3": 100, "w4": 100, "w5": 100, "w6": 100, "w7": 100])
        #expect(approx(result.value, 85.71))
        #expect(result.bandID == "high")
        // Energy "never" (0 → 100) with everything else "always" is the worst: severe.
        let worst = try cbi(["w1": 100, "w2": 100, "w3": 100, "w4": 100, "w5": 100, "w6": 100, "w7": 0])
        #expect(worst.value == 100)
        #expect(worst.bandID == "severe")
        // Everything "never" but energy "always": 0, low.
        let best = try cbi(["w1": 0, "w2": 0, "w3": 0, "w4": 0, "w5": 0, "w6": 0, "w7": 100])
        #expect(best.value == 0)
        #expect(best.bandID == "low")
    }

    @Test func cbiWorkMeanOfAnsweredItems() throws {
        // 100, 75, 50, 50, 50 and w7 = 75 → 25: 350 / 6 = 58.333…
        let result = try cbi(["w1": 100, "w2": 75, "w3": 50, "w4": 50, "w5": 50, "w7": 75])
        #expect(approx(result.value, 58.33))
        #expect(result.answeredItems == 6)
        #expect(result.bandID == "moderate")
    }

    @Test func cbiWorkBandBoundaries() throws {
        #expect(try cbi(["w1": 50, "w2": 50, "w3": 50, "w4": 50]).bandID == "moderate")   // 50
        #expect(try cbi(["w1": 50, "w2": 50, "w3": 50, "w4": 25]).bandID == "low")        // 43.75
        #expect(try cbi(["w1": 75, "w2": 75, "w3": 75, "w4": 75]).bandID == "high")       // 75
        #expect(try cbi(["w1": 100, "w2": 100, "w3": 100, "w4": 75]).bandID == "high")    // 93.75
    }

    @Test func cbiWorkNeedsAtLeastFourItems() throws {
        let three = try cbi(["w1": 100, "w2": 100, "w7": 0])
        #expect(three.value == nil)
        #expect(three.bandID == nil)
        #expect(try cbi(["w1": 100, "w2": 100, "w3": 100, "w7": 0]).value == 100)
    }
}
