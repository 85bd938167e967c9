/// What reading stored scores needs of a survey version: its kind and score definitions,
/// without its questions. The store keeps one per recorded version, so `trends` need not parse
/// survey files.
public struct SurveyScoring: Sendable, Equatable, Codable {
    public var surveyID: String
    public var kind: SurveyKind
    public var scores: [ScoreDefinition]

    public init(surveyID: String, kind: SurveyKind, scores: [ScoreDefinition]) {
        self.surveyID = surveyID
        self.kind = kind
        self.scores = scores
    }

    public init(_ survey: Survey) {
        self.init(surveyID: survey.id, kind: survey.kind, scores: survey.scores)
    }

    /// The definition trends read `scoreID` with: a quiz's stored percent, or a declared score.
    /// A quiz's other stored scores are not trends (nil).
    public func trendDefinition(scoreID: String) -> ScoreDefinition? {
        if kind == .quiz { return scoreID == ScoreDefinition.quizPercent.id ? .quizPercent : nil }
        return scores.first { $0.id == scoreID }
    }
}
