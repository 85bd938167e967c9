import Testing
@testable import CoachScoring

@Suite("Sparklines scaled to the declared range")
struct TrendSparklineTests {
    @Test func zeroFiftyHundredOnZeroToHundred() {
        // Eight equal bins of 12.5: ⌊8 × 0⌋ = 0 ▁, ⌊8 × 0.5⌋ = 4 ▅, f = 1 → top bar █.
        #expect(Sparkline.render(values: [0, 50, 100], range: 0...100) == "▁▅█")
    }

    @Test func binEdgesTakeTheHigherBar() {
        #expect(Sparkline.render(values: [12.4, 12.5, 25, 37.5, 49.9, 62.5, 75, 87.4, 87.5],
                                 range: 0...100) == "▁▂▃▄▄▆▇▇█")
    }

    @Test func scaledToTheRangeNotTheData() {
        // 60…64 on 0…100 all sit in the 50–62.5 bin but 64 is in 62.5–75.
        #expect(Sparkline.render(values: [60, 61, 62, 64], range: 0...100) == "▅▅▅▆")
        // The same values on a 1–5 scale range are clamped to the top.
        #expect(Sparkline.render(values: [1, 3, 5, 60], range: 1...5) == "▁▅██")
    }

    @Test func missingPointsAreSpacesAndOutOfRangeIsClamped() {
        #expect(Sparkline.render(values: [0, nil, 100, .nan, -20, 140], range: 0...100) == "▁ █ ▁█")
        #expect(Sparkline.render(values: [-.infinity, .infinity], range: 0...100) == "▁█")
        #expect(Sparkline.render(values: [], range: 0...100) == "")
        #expect(Sparkline.render(values: [nil, nil], range: 0...100) == "  ")
    }

    @Test func degenerateRanges() {
        #expect(Sparkline.render(values: [5, nil, 7], range: 5...5) == "▁ ▁")
        #expect(Sparkline.render(values: [5], range: 0...Double.infinity) == "▁")
        #expect(Sparkline.render(values: [5], range: -Double.infinity...Double.infinity) == "▁")
    }
}
