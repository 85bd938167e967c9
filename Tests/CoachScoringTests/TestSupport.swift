import CoachCore
import Testing

/// Loads survey YAML for a test; records the problems and throws when it does not load.
func loadSurvey(_ yaml: String, file: String = "s.yaml") throws -> Survey {
    switch SurveyLoader.load(yaml: yaml, file: file) {
    case .success(let survey): return survey
    case .failure(let problems):
        Issue.record("survey did not load:\n\(problems)")
        throw problems
    }
}

/// True when `value` is within `tolerance` (0.01) of `expected`.
func approx(_ value: Double?, _ expected: Double, tolerance: Double = 0.01) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance
}

/// Numeric choice answers by question id.
func choices(_ values: [String: Double]) -> [String: AnswerValue] {
    values.mapValues { .choice(.number($0)) }
}
