import CoachCore

/// The one rule that turns a completed session's answers into what is stored with it: its
/// scores (or a quiz's grade and marks), each score's band, and whether it calls for the
/// private support message.
///
/// Every way a session reaches the store (the shell, one-shot commands, the demo, an import)
/// goes through this type, and the store accepts scores only in this form, so the same answers
/// always give the same stored rows. The privacy rules read `StoredScore.bandPrivate`; `alert` is shown to the person alone.
public struct ScoredSession: Sendable, Equatable {
    /// One score row as stored.
    public struct StoredScore: Sendable, Equatable {
        public let scoreID: String
        public let value: Double?
        /// The band's id, if the value falls in one.
        public let band: String?
        /// The survey's `alert_if_any` fired, or the result reached the score's `support_at`
        /// level: the store keeps this result's band to the person it is about.
        public let alert: Bool
        /// The band itself is at or past the score's `support_at` level: its label is the
        /// person's alone. Decided by the band (so by the value), never by `alert`: what others
        /// see must not let them infer an item alert they were promised they would not learn.
        public let bandPrivate: Bool

        init(scoreID: String, value: Double?, band: String?, alert: Bool, bandPrivate: Bool) {
            self.scoreID = scoreID
            self.value = value
            self.band = band
            self.alert = alert
            self.bandPrivate = bandPrivate
        }
    }

    /// One quiz question's mark as stored.
    public struct StoredMark: Sendable, Equatable {
        public let questionID: String
        public let mark: Double
        public let maxMark: Double

        init(questionID: String, mark: Double, maxMark: Double) {
            self.questionID = questionID
            self.mark = mark
            self.maxMark = maxMark
        }
    }

    /// The scores as computed, with their band definitions (what a summary shows).
    public let results: [ScoreResult]
    /// A quiz's grade, when the survey is a quiz.
    public let quiz: QuizResult?
    /// The rows stored with the session.
    public let scores: [StoredScore]
    /// A quiz's marks per question, for item analysis.
    public let marks: [StoredMark]
    /// Whether the person who answered should see the private support message.
    public let callsForSupport: Bool

    /// Scores `answers` to `survey` (for a quiz: the survey as the attempt showed it).
    public init(survey: Survey, answers: [String: AnswerValue]) {
        if survey.kind == .quiz {
            let graded = QuizGrader.grade(survey: survey, answers: answers)
            quiz = graded
            results = graded.asScores
            marks = graded.marks.map { StoredMark(questionID: $0.questionID, mark: $0.mark, maxMark: $0.maxMark) }
        } else {
            quiz = nil
            results = SessionScorer.score(survey: survey, answers: answers)
            marks = []
        }
        var support = false
        scores = results.map { result in
            let definition = survey.score(id: result.scoreID)
            let calls = definition?.callsForSupport(band: result.band, alert: result.alert) ?? false
            support = support || calls
            return StoredScore(scoreID: result.scoreID, value: result.value, band: result.bandID, alert: result.alert || calls,
                               bandPrivate: definition?.callsForSupport(band: result.band, alert: false) ?? false)
        }
        callsForSupport = support
    }
}
