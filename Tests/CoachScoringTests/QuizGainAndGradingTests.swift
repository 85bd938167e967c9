import CoachCore
import Testing
@testable import CoachScoring

@Suite("Quiz gain and attempt grading")
struct QuizGainAndGradingTests {
    @Test func normalisedGainPerPersonAndMean() {
        let pre = ["ann": 40.0, "bob": 80, "cat": 100, "dan": 50, "eve": 60]
        let post = ["ann": 70.0, "bob": 70, "cat": 100, "dan": 100, "fay": 90]
        let gain = TrainingGain.compute(pre: pre, post: post)
        // ann (70 − 40) / 60 = .5; bob (70 − 80) / 20 = −.5; dan (100 − 50) / 50 = 1.
        // cat has pre = 100: undefined, not counted. eve has no post, fay no pre.
        #expect(gain.perPerson == ["ann": 0.5, "bob": -0.5, "dan": 1])
        #expect(gain.undefined == ["cat"])
        #expect(gain.people == 3)
        #expect(approx(gain.mean, 1.0 / 3, tolerance: 1e-12))
    }

    @Test func gainUndefinedCases() {
        #expect(TrainingGain.gain(pre: 100, post: 100) == nil)
        #expect(TrainingGain.gain(pre: 100, post: 50) == nil)
        #expect(TrainingGain.gain(pre: .nan, post: 50) == nil)
        #expect(TrainingGain.gain(pre: 20, post: 120) == nil)
        #expect(TrainingGain.gain(pre: 0, post: 0) == 0)
        #expect(TrainingGain.gain(pre: 90, post: 0) == -9)
        let onlyPerfect = TrainingGain.compute(pre: ["cat": 100], post: ["cat": 100])
        #expect(onlyPerfect.people == 0 && onlyPerfect.mean == nil && onlyPerfect.undefined == ["cat"])
        let nobody = TrainingGain.compute(pre: [:], post: ["x": 50])
        #expect(nobody.people == 0 && nobody.mean == nil && nobody.perPerson.isEmpty && nobody.undefined.isEmpty)
    }

    @Test func everyGradingMethod() {
        let percents = [60.0, 90, 75]
        #expect(AttemptGrading.overall(percents: percents, method: .highest) == 90)
        #expect(AttemptGrading.overall(percents: percents, method: .first) == 60)
        #expect(AttemptGrading.overall(percents: percents, method: .last) == 75)
        #expect(AttemptGrading.overall(percents: percents, method: .average) == 75)
        for method in QuizSettings.Grading.allCases {
            #expect(AttemptGrading.overall(percents: [], method: method) == nil)
            #expect(AttemptGrading.overall(percents: [.nan], method: method) == nil)
            #expect(AttemptGrading.overall(percents: [42], method: method) == 42)
        }
        #expect(AttemptGrading.overall(percents: [.nan, 50, 70], method: .first) == 50)
    }

    @Test func attemptLimits() {
        let two = AttemptLimit(allowed: 2, used: 0)
        #expect(two.canStart && two.remaining == 2 && two.nextAttemptNumber == 1)
        let oneLeft = AttemptLimit(allowed: 2, used: 1)
        #expect(oneLeft.canStart && oneLeft.remaining == 1 && oneLeft.nextAttemptNumber == 2)
        let done = AttemptLimit(allowed: 2, used: 2)
        #expect(!done.canStart && done.remaining == 0 && done.nextAttemptNumber == nil)
        let over = AttemptLimit(allowed: 2, used: 5)
        #expect(!over.canStart && over.remaining == 0)
        let unlimited = AttemptLimit(settings: QuizSettings(), used: 99)
        #expect(unlimited.canStart && unlimited.remaining == nil && unlimited.nextAttemptNumber == 100)
        let fromSettings = AttemptLimit(settings: QuizSettings(attempts: 1), used: 1)
        #expect(!fromSettings.canStart)
        let odd = AttemptLimit(allowed: -3, used: -1)
        #expect(odd.allowed == 0 && odd.used == 0 && !odd.canStart)
    }
}
