/// The candidate closest to `word` by edit distance, for "did you mean" hints; nil when none is close.
///
/// A candidate qualifies when its edit distance (Levenshtein with adjacent transpositions) is at
/// most a third of the longer word (at most 3), or when it differs only in letter case; failing
/// those, when it is the only candidate that begins with the word (of 3 letters or more), as
/// `conversion` begins `conversion_rate`.
public func suggestion(for word: String, among candidates: [String]) -> String? {
    guard !word.isEmpty else { return nil }
    var best: (candidate: String, distance: Int)?
    for candidate in candidates where candidate != word {
        if candidate.lowercased() == word.lowercased() { return candidate }
        let limit = min(3, max(word.count, candidate.count) / 3)
        guard limit > 0 else { continue }
        guard let distance = editDistance(word, candidate, limit: limit) else { continue }
        if best == nil || distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    if let best { return best.candidate }
    guard word.count >= 3 else { return nil }
    let beginning = Set(candidates.filter { $0 != word && $0.lowercased().hasPrefix(word.lowercased()) })
    return beginning.count == 1 ? beginning.first : nil
}

/// Edit distance between `a` and `b` (insert, delete, substitute, swap two adjacent characters),
/// or nil when it exceeds `limit`.
func editDistance(_ a: String, _ b: String, limit: Int) -> Int? {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if abs(x.count - y.count) > limit { return nil }
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var beforePrevious = Array(repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = Array(repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        var rowMin = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
            rowMin = min(rowMin, current[j])
        }
        if rowMin > limit { return nil }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    let distance = previous[y.count]
    return distance <= limit ? distance : nil
}

/// `" (did you mean 'x'?)"` or an empty string, ready to append to a message.
func didYouMean(_ word: String, among candidates: [String]) -> String {
    suggestion(for: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
}
