import CoachCore

/// What a person is shown in one quiz attempt: which questions, in which order, and the order of
/// each question's choices. Stored with the attempt (it is `Codable`) so the attempt can be reviewed
/// as it was seen, and so a shown key (a letter, or the value itself for a numeric list) can be
/// mapped back to the choice's value: the stored answer is always the value, never the letter shown.
///
/// `make(survey:seed:)` is deterministic: the same survey and seed give the same layout on every
/// machine and Swift version (`SplitMix64`, with its own bounded draw and Fisher–Yates shuffle).
/// The generator is used in this fixed order: the draw (category by category), then the question
/// order, then each shown question's choices in the order shown.
///
/// - `draw: N` (surveys/README.md) picks N questions from all the survey's questions, stratified by
///   `category` (questions without one form their own stratum), see `allocate(strata:draw:)`.
///   Within a category the questions are picked uniformly at random; drawn questions keep the
///   survey's order unless questions are shuffled. No `draw`, or N ≥ the pool: every question.
/// - `shuffle: questions | both` shuffles the shown questions; in a survey with sections, within
///   each section (sections keep their order, as in Moodle).
/// - `shuffle: choices | both` shuffles the choices of `choice` and `multi` questions.
/// - A survey without quiz settings gets the identity layout (all questions, choices as written).
public struct QuizLayout: Sendable, Equatable, Codable {
    /// The seed the layout was made from.
    public var seed: UInt64
    /// The ids of the questions shown, in the order shown.
    public var questionIDs: [String]
    /// For each shown question that has choices: the choices' values in the order shown.
    public var choiceOrder: [String: [ChoiceValue]]

    /// Creates a layout from stored parts.
    public init(seed: UInt64, questionIDs: [String], choiceOrder: [String: [ChoiceValue]]) {
        self.seed = seed
        self.questionIDs = questionIDs
        self.choiceOrder = choiceOrder
    }

    /// The layout of `survey`'s quiz settings for `seed`.
    public static func make(survey: Survey, seed: UInt64) -> QuizLayout {
        var random = SplitMix64(seed: seed)
        let settings = survey.quiz
        let pool = survey.questions
        var shown = pool
        if let draw = settings?.draw, draw < pool.count {
            shown = drawStratified(pool: pool, count: Swift.max(0, draw), random: &random)
        }
        let shuffle = settings?.shuffle ?? .none
        if shuffle == .questions || shuffle == .both {
            shown = shuffledWithinSections(shown, random: &random)
        }
        var choiceOrder: [String: [ChoiceValue]] = [:]
        for question in shown where !question.choices.isEmpty {
            var values = question.choices.map(\.value)
            if (shuffle == .choices || shuffle == .both) && (question.type == .choice || question.type == .multi) {
                random.shuffle(&values)
            }
            choiceOrder[question.id] = values
        }
        return QuizLayout(seed: seed, questionIDs: shown.map(\.id), choiceOrder: choiceOrder)
    }

    /// How many of `draw` questions each stratum (of the given sizes) gets.
    ///
    /// Proportional allocation, N × size / pool, rounded by largest remainder (Hamilton): each
    /// stratum gets the floor of its quota, and the questions left go one each to the largest
    /// fractional parts (ties: the larger stratum, then the earlier one). Then, when N is at least
    /// the number of non-empty strata, every stratum gets at least one question: a stratum left at
    /// 0 takes one from the stratum with the most (ties: the later one). No stratum gets more than
    /// its size; the total is min(N, pool) (0 for N ≤ 0).
    public static func allocate(strata sizes: [Int], draw: Int) -> [Int] {
        let sizes = sizes.map { Swift.max(0, $0) }
        let total = sizes.reduce(0, +)
        let n = Swift.min(Swift.max(0, draw), total)
        guard total > 0, n > 0 else { return sizes.map { _ in 0 } }
        var counts = sizes.map { n * $0 / total }
        let remainders = sizes.map { n * $0 % total }
        let order = sizes.indices.sorted { a, b in
            if remainders[a] != remainders[b] { return remainders[a] > remainders[b] }
            if sizes[a] != sizes[b] { return sizes[a] > sizes[b] }
            return a < b
        }
        var left = n - counts.reduce(0, +)
        for index in order where left > 0 && counts[index] < sizes[index] {
            counts[index] += 1
            left -= 1
        }
        let nonEmpty = sizes.indices.filter { sizes[$0] > 0 }
        if n >= nonEmpty.count {
            for needy in nonEmpty where counts[needy] == 0 {
                // The largest allocation is ≥ 2 here: n ≥ strata and this one has 0.
                guard let donor = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 < $1) }),
                      counts[donor] > 1 else { break }
                counts[donor] -= 1
                counts[needy] += 1
            }
        }
        return counts
    }

    /// `count` questions of `pool`, stratified by category, in the pool's order.
    static func drawStratified(pool: [Question], count: Int, random: inout SplitMix64) -> [Question] {
        var categories: [String?] = []
        var members: [[Int]] = []
        for (index, question) in pool.enumerated() {
            if let stratum = categories.firstIndex(of: question.category) {
                members[stratum].append(index)
            } else {
                categories.append(question.category)
                members.append([index])
            }
        }
        let counts = allocate(strata: members.map(\.count), draw: count)
        var picked: [Int] = []
        for (stratum, want) in counts.enumerated() {
            var candidates = members[stratum]
            // Partial Fisher–Yates: the first `want` places get a uniform random subset.
            for place in 0..<Swift.min(want, candidates.count) {
                let other = place + random.bounded(candidates.count - place)
                candidates.swapAt(place, other)
            }
            picked += candidates.prefix(want)
        }
        return picked.sorted().map { pool[$0] }
    }

    /// The questions shuffled within each run of questions from the same section.
    static func shuffledWithinSections(_ questions: [Question], random: inout SplitMix64) -> [Question] {
        var result: [Question] = []
        var start = 0
        while start < questions.count {
            var end = start + 1
            while end < questions.count && questions[end].section == questions[start].section { end += 1 }
            var run = Array(questions[start..<end])
            random.shuffle(&run)
            result += run
            start = end
        }
        return result
    }

    // MARK: - Showing and reading back

    /// The shown questions of `survey`, in the order shown (ids no longer in the survey are skipped).
    public func questions(in survey: Survey) -> [Question] {
        questionIDs.compactMap { survey.question(id: $0) }
    }

    /// The keys shown beside question `questionID`'s choices, in the order shown (surveys/README.md):
    /// the values themselves when every value is a number (WHO-5 shows 5 … 0), else the letters
    /// a, b, c … by position. Empty for a question the layout has no choices for.
    public func keys(questionID: String) -> [String] {
        guard let order = choiceOrder[questionID] else { return [] }
        if Self.showsValues(order) { return order.map(\.description) }
        return order.indices.map(Self.letter(at:))
    }

    /// `question`'s choices in the order shown, each with the key to show beside it.
    /// A question the layout has no order for shows its choices as written.
    public func shownChoices(of question: Question) -> [(key: String, choice: Choice)] {
        let order = choiceOrder[question.id] ?? question.choices.map(\.value)
        let choices = order.compactMap { value in question.choices.first { $0.value == value } }
        let values = choices.map(\.value)
        return choices.enumerated().map { index, choice in
            (Self.showsValues(values) ? choice.value.description : Self.letter(at: index), choice)
        }
    }

    /// The value of the choice shown with `key` (case and surrounding spaces ignored) for question
    /// `questionID`; nil for an unknown key or a question without choices.
    public func value(forKey key: String, questionID: String) -> ChoiceValue? {
        guard let order = choiceOrder[questionID] else { return nil }
        let words = key.split(whereSeparator: \.isWhitespace)
        guard words.count == 1, let typed = words.first?.lowercased() else { return nil }
        if let index = keys(questionID: questionID).firstIndex(where: { $0.lowercased() == typed }) {
            return order[index]
        }
        return nil
    }

    /// What a typed answer to one `choice` question means: a shown key, else a unique
    /// case-insensitive prefix of a shown label. Nil when it is neither (or the prefix is ambiguous).
    public func value(forInput input: String, question: Question) -> ChoiceValue? {
        if let value = value(forKey: input, questionID: question.id) { return value }
        let typed = input.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        guard !typed.isEmpty else { return nil }
        let matches = shownChoices(of: question).filter { $0.choice.label.lowercased().hasPrefix(typed) }
        return matches.count == 1 ? matches[0].choice.value : nil
    }

    /// The values of several keys (a `multi` answer typed `a,c` or `a c`), each once, in the order
    /// typed; nil when any key is unknown or none is given.
    public func values(forKeys text: String, questionID: String) -> [ChoiceValue]? {
        let keys = text.split { $0 == "," || $0.isWhitespace }.map(String.init)
        guard !keys.isEmpty else { return nil }
        var values: [ChoiceValue] = []
        for key in keys {
            guard let value = value(forKey: key, questionID: questionID) else { return nil }
            if !values.contains(value) { values.append(value) }
        }
        return values
    }

    /// The key `value` was shown with for question `questionID` (for reviewing an attempt).
    public func key(for value: ChoiceValue, questionID: String) -> String? {
        guard let index = choiceOrder[questionID]?.firstIndex(of: value) else { return nil }
        return keys(questionID: questionID)[index]
    }

    /// True when choices with these values show the values as keys (every value is a number).
    public static func showsValues(_ values: [ChoiceValue]) -> Bool {
        !values.isEmpty && values.allSatisfy { $0.number != nil }
    }

    /// The letter of the choice at `index`: a…z, then aa, ab, … ("" for a negative index).
    public static func letter(at index: Int) -> String {
        guard index >= 0 else { return "" }
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            number -= 1
            letters.append(Character(Unicode.Scalar(UInt8(97 + number % 26))))
            number /= 26
        }
        return String(letters.reversed())
    }
}

extension QuizLayout {
    /// Grades an attempt made under this layout: only the questions shown count.
    ///
    /// `QuizGrader.grade(survey:answers:)` marks every keyed question of the survey, so under
    /// `draw: N` the questions not drawn would count as unanswered zeros. This grades the survey
    /// narrowed to the shown questions (marks in the survey's order), which also makes
    /// `QuizAttemptMarks(result:)` leave out what was not shown, as item analysis expects.
    public func grade(survey: Survey, answers: [String: AnswerValue]) -> QuizResult {
        let shown = Set(questionIDs)
        var narrowed = survey
        narrowed.questions = survey.questions.filter { shown.contains($0.id) }
        return QuizGrader.grade(survey: narrowed, answers: answers)
    }
}
