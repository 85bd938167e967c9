/// Normalised learning gain of a pre/post training test (Kirkpatrick level 2, docs/scoring.md).
///
/// For a person with a pre and a post percentage: g = (post − pre) / (100 − pre). g is 1 for
/// going from anywhere to 100, 0 for no change, and negative when the post test went worse
/// (it can fall below −1). It is undefined for pre = 100 (nothing left to gain): such a person is
/// listed in `GainSummary.undefined` and left out of both `people` and the mean. So is a person
/// whose pre or post is not a finite number in 0–100. People with only one of the two are ignored.
public enum TrainingGain {
    /// The gain of each person with both percentages, and the mean over those with a defined gain.
    ///
    /// - Parameters:
    ///   - pre: percent (0–100) by person id, the first pre attempt.
    ///   - post: percent (0–100) by person id, the last post attempt.
    /// - Returns: `people` = how many the mean covers; `mean` nil when none.
    public static func compute(pre: [String: Double], post: [String: Double]) -> GainSummary {
        var perPerson: [String: Double] = [:]
        var undefined: [String] = []
        for (person, before) in pre {
            guard let after = post[person] else { continue }
            guard let g = gain(pre: before, post: after) else {
                undefined.append(person)
                continue
            }
            perPerson[person] = g
        }
        // Sum in a fixed order so the mean does not depend on dictionary order.
        let values = perPerson.keys.sorted().compactMap { perPerson[$0] }
        let mean = SampleStatistics.mean(values)
        return GainSummary(people: values.count, mean: mean, perPerson: perPerson, undefined: undefined.sorted())
    }

    /// g = (post − pre) / (100 − pre); nil when pre = 100 or either value is outside 0–100.
    public static func gain(pre: Double, post: Double) -> Double? {
        guard pre.isFinite, post.isFinite, (0...100).contains(post), pre >= 0, pre < 100 else { return nil }
        let g = (post - pre) / (100 - pre)
        return g.isFinite ? g : nil
    }
}
