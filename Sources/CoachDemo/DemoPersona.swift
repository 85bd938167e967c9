import Foundation

/// What a demo rep's history looks like.
public enum DemoPersona: String, CaseIterable, Sendable {
    /// Good and stable, with ordinary week-to-week noise.
    case steady
    /// Starts low, gets better: wellbeing and motivation rise.
    case improving
    /// Fine at first, then sliding toward burnout: WHO-5 falls, CBI rises, motivation falls,
    /// check-ins get skipped more often.
    case burnout
    /// Joins late in the window and learns fast: quiz pre low, post high; self-assessment rising.
    case newHire = "new-hire"

    public var label: String {
        switch self {
        case .steady: return "steady"
        case .improving: return "improving"
        case .burnout: return "sliding toward burnout"
        case .newHire: return "new hire"
        }
    }
}

/// A demo rep's latent state over time, from which every answer is drawn. `x` is the progress
/// through the rep's own history, 0 (first week) to 1 (last week).
struct DemoTrajectory: Sendable {
    let persona: DemoPersona
    /// Per-rep offsets, so two steady reps are not identical.
    let wellbeingOffset: Double
    let motivationOffset: Double
    /// When a burnout rep starts to slide (progress 0...1).
    let slideStart: Double

    /// Wellbeing 0...1 (WHO-5 items ≈ 5 × this).
    func wellbeing(_ x: Double) -> Double {
        let base: Double
        switch persona {
        case .steady: base = 0.72
        case .improving: base = 0.48 + 0.26 * x
        case .burnout: base = x < slideStart ? 0.74 : 0.74 - 0.54 * (x - slideStart) / (1 - slideStart)
        case .newHire: base = 0.66 + 0.1 * x
        }
        return clamp(base + wellbeingOffset)
    }

    /// Burnout 0...1 (CBI items ≈ 100 × this): mostly the mirror of wellbeing.
    func burnout(_ x: Double) -> Double { clamp(0.95 - wellbeing(x) * 1.0) }

    /// Motivation 0...1 (self-assessment items ≈ 1 + 4 × this).
    func motivation(_ x: Double) -> Double {
        let base: Double
        switch persona {
        case .steady: base = 0.68
        case .improving: base = 0.42 + 0.38 * x
        case .burnout: base = x < slideStart ? 0.74 : 0.74 - 0.46 * (x - slideStart) / (1 - slideStart)
        case .newHire: base = 0.52 + 0.34 * x
        }
        return clamp(base + motivationOffset)
    }

    /// Learning 0...1: the new hire learns fast, others follow motivation.
    func learning(_ x: Double) -> Double {
        persona == .newHire ? clamp(0.7 + 0.2 * x) : motivation(x)
    }

    /// The chance a due check-in is actually done this week.
    func compliance(_ x: Double) -> Double {
        switch persona {
        case .steady: return 0.92
        case .improving: return 0.86 + 0.08 * x
        case .burnout: return x < slideStart ? 0.92 : 0.92 - 0.35 * (x - slideStart) / (1 - slideStart)
        case .newHire: return 0.96
        }
    }

    private func clamp(_ v: Double) -> Double { Swift.min(1, Swift.max(0, v)) }
}
