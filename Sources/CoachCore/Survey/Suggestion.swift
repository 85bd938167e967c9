/// The closest candidate to a mistyped word, for "did you mean …" (TEMP until merge).
public func suggestion(for word: String, among candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
        let other = Array(candidate.lowercased())
        var previous = Array(0...other.count)
        for (i, a) in target.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: other.count)
            for (j, b) in other.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1))
            }
            previous = current
        }
        let distance = previous[other.count]
        if distance <= Swift.max(1, target.count / 3), distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}
