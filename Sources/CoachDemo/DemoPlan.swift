import CoachScoring
import CoachCore
import Foundation

/// The demo's settings: how big, how long, which seed, and the "now" the history ends at.
public struct DemoOptions: Sendable {
    public var reps: Int
    public var weeks: Int
    public var seed: UInt64
    /// The history ends with the full week before the week containing `now` (UTC).
    public var now: Date

    public init(reps: Int = 24, weeks: Int = 26, seed: UInt64 = 1, now: Date) {
        self.reps = reps
        self.weeks = weeks
        self.seed = seed
        self.now = now
    }

    public static let repsRange = 1...10_000
    public static let weeksRange = 1...1_040
}

/// The organisation the demo creates, decided before anything is written.
struct DemoPlan: Sendable {
    struct Rep: Sendable {
        var index: Int
        var name: String
        var team: Int
        var persona: DemoPersona
        var trajectory: DemoTrajectory
        /// The first week of the rep's history (a new hire joins late).
        var joinWeek: Int
        var shareWellbeing: Bool?
        /// Quiz ability (logit scale): strong reps are above 0.8 or so.
        var skill: Double
        /// One-on-ones every `cadence` weeks.
        var cadence: Int
        var takesQuiz: Bool
        var vacationWeeks: Set<Int>
        var revenueBase: Double
        var customersBase: Double
        var conversionBase: Double
        var satisfactionBase: Double
        var createdAt: Date
    }

    struct Team: Sendable {
        var name: String
        var manager: String
        var reps: [Int]
        /// The week the team took the CRM training (pre quiz that Monday, post two weeks later).
        var trainingWeek: Int
    }

    var hr: String
    var teams: [Team]
    var reps: [Rep]
    /// Monday 00:00 UTC of each week of the history, oldest first.
    var mondays: [Date]
    /// The ISO week of each Monday (`2026-W48`), the period key of weekly sessions.
    var weekKeys: [String]
    /// Per-question quiz difficulty (logit), by question id.
    var difficulty: [String: Double]

    static let kpis = ["revenue", "new_customers", "conversion_rate", "customer_satisfaction"]

    /// The question of `crm-basics` the demo pretends is miskeyed: strong reps answer it the other
    /// way from the key, as they would if the key were flipped, so item analysis flags it
    /// (negative discrimination).
    static let miskeyedQuestion = "private_spreadsheet"

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static let isoUTC: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func make(_ options: DemoOptions, quizQuestionIDs: [String], takenPeople: Set<String>,
                     takenTeams: Set<String>) -> DemoPlan {
        var rng = SplitMix64(seed: options.seed, stream: 1)
        var takenPeople = takenPeople
        var takenTeams = takenTeams

        let currentMonday = isoUTC.dateInterval(of: .weekOfYear, for: options.now)?.start
            ?? utc.startOfDay(for: options.now)
        let mondays = (0..<options.weeks).map { w in
            currentMonday.addingTimeInterval(-Double((options.weeks - w) * 7 * 86_400))
        }
        let start = mondays[0]

        func freshName() -> String {
            for _ in 0..<50 {
                let name = "\(rng.pick(firstNames)) \(rng.pick(lastNames))"
                if takenPeople.insert(name.lowercased()).inserted { return name }
            }
            var n = 2
            while true {
                let name = "\(rng.pick(firstNames)) \(rng.pick(lastNames)) \(n)"
                if takenPeople.insert(name.lowercased()).inserted { return name }
                n += 1
            }
        }
        func freshTeam(_ i: Int) -> String {
            let base = i < teamNames.count ? teamNames[i] : "Team \(i + 1)"
            if takenTeams.insert(base.lowercased()).inserted { return base }
            var n = 2
            while !takenTeams.insert("\(base) \(n)".lowercased()).inserted { n += 1 }
            return "\(base) \(n)"
        }

        let hr = freshName()
        let teamCount = max(1, Int((Double(options.reps) / 7).rounded()))
        var teams: [Team] = []
        for t in 0..<teamCount {
            let training = options.weeks >= 8 ? rng.int((options.weeks / 4)...(options.weeks * 3 / 4)) : 0
            teams.append(Team(name: freshTeam(t), manager: freshName(), reps: [], trainingWeek: training))
        }

        let forced: [DemoPersona] = [.burnout, .newHire, .improving, .steady]
        var reps: [Rep] = []
        for i in 0..<options.reps {
            let team = i * teamCount / options.reps
            let persona: DemoPersona
            if i < forced.count, options.reps >= forced.count {
                persona = forced[i]
            } else {
                let u = rng.unit()
                persona = u < 0.55 ? .steady : u < 0.73 ? .improving : u < 0.85 ? .burnout : .newHire
            }
            let trajectory = DemoTrajectory(persona: persona, wellbeingOffset: rng.normal() * 0.05,
                                            motivationOffset: rng.normal() * 0.05,
                                            slideStart: rng.double(0.2, 0.45))
            let joinWeek = persona == .newHire ? max(0, options.weeks - rng.int(12...20)) : 0
            let u = rng.unit()
            let share: Bool? = u < 0.55 ? true : u < 0.8 ? false : nil
            let bonus: Double = [.steady: 0.3, .improving: 0.0, .burnout: 0.4, .newHire: 0.0][persona] ?? 0
            var vacation: Set<Int> = []
            var w = rng.int(0...51)
            while w < options.weeks {
                if w >= joinWeek + 4 { vacation.insert(w); vacation.insert(w + 1) }
                w += rng.int(40...60)
            }
            let created = persona == .newHire && joinWeek > 0
                ? mondays[joinWeek].addingTimeInterval(9 * 3600)
                : start.addingTimeInterval(-Double(rng.int(20...900)) * 86_400 + 9 * 3600)
            reps.append(Rep(
                index: i, name: freshName(), team: team, persona: persona, trajectory: trajectory,
                joinWeek: joinWeek, shareWellbeing: share, skill: rng.normal() * 0.9 + bonus,
                cadence: persona == .burnout || persona == .newHire || rng.chance(0.4) ? 1 : 2,
                takesQuiz: i < forced.count || rng.chance(0.9), vacationWeeks: vacation,
                revenueBase: Double(rng.int(16...40)) * 500, customersBase: Double(rng.int(4...10)),
                conversionBase: Double(rng.int(18...28)), satisfactionBase: Double(rng.int(85...92)),
                createdAt: created))
            teams[team].reps.append(i)
        }

        var difficultyRNG = SplitMix64(seed: options.seed, stream: 7)
        var difficulty: [String: Double] = [:]
        for id in quizQuestionIDs { difficulty[id] = difficultyRNG.double(-0.6, 1.4) }

        return DemoPlan(hr: hr, teams: teams, reps: reps, mondays: mondays,
                        weekKeys: mondays.map(DemoBuilder.weekKey), difficulty: difficulty)
    }

    static let teamNames = ["North", "South", "East", "West", "Central", "Coast", "Harbour", "Valley",
                            "Summit", "River", "Lakeside", "Highland", "Meadow", "Bridge", "Forest", "Bay",
                            "Canyon", "Delta", "Prairie", "Ridge", "Orchard", "Harbor Point", "Stone", "Field"]

    static let firstNames = ["Ana", "Marco", "Dana", "Lena", "Tomas", "Priya", "Jonas", "Sofia", "Mateo", "Aisha",
                             "Noah", "Elif", "Lukas", "Mina", "Omar", "Clara", "Felix", "Yara", "Hugo", "Ines",
                             "Jakob", "Leila", "Oskar", "Nora", "Ravi", "Emma", "Karim", "Lucia", "Sven", "Maya",
                             "Pavel", "Zoe", "Tariq", "Hanna", "Diego", "Freya", "Kenji", "Alma", "Bruno", "Chloe",
                             "Emil", "Farah", "Gustav", "Ida", "Ivan", "Julia", "Kofi", "Lara", "Milan", "Nadia",
                             "Otto", "Paula", "Rosa", "Samir", "Tara", "Uma", "Viktor", "Wen", "Xenia", "Yusuf"]

    static let lastNames = ["Lima", "Rossi", "Berg", "Novak", "Schmidt", "Okafor", "Haddad", "Jensen", "Moreau",
                            "Kowalski", "Silva", "Nakamura", "Andersen", "Costa", "Fischer", "Ivanova", "Keller",
                            "Larsen", "Meyer", "Nielsen", "Olsen", "Petrov", "Quinn", "Romero", "Santos", "Torres",
                            "Ueda", "Vargas", "Weber", "Yilmaz", "Zimmer", "Brandt", "Dubois", "Eriksen", "Ferreira",
                            "Garcia", "Hoffmann", "Ito", "Jovanovic", "Kaur", "Lindqvist", "Mendes", "Nowak",
                            "Ortiz", "Pereira", "Rahman", "Sato", "Thomsen", "Van Dijk", "Wagner", "Almeida",
                            "Becker", "Castro", "Dahl", "Engel", "Fontaine", "Graf", "Horvat", "Iqbal", "Jung"]
}
