import CoachCore
import CoachScoring
import Foundation
import CoachTestSupport
import Testing

/// The privacy model of docs/privacy.md as a matrix: every role × every kind of data × every way out.
///
/// It runs on both engines: a local store file, where the viewer is named with `--as`, and an
/// organisation store on PostgreSQL, where each viewer connects as their own login. On each, one
/// store is built once through the real commands (Ana's self-assessment, WHO-5, a quiz, and
/// Marco's one-on-one with a complaint, a shared and a private note), and copied; in the copy Ana then turns
/// `share wellbeing on`. Each kind of data carries a distinctive marker; each cell runs
/// one way out as one viewer and asserts that the marker appears exactly when the viewer may see
/// that data and that way out carries it. A new way out belongs in `Way`, a new kind of data in
/// `Datum`: a command that forgets the rules then fails here.
@Suite("Privacy matrix")
struct PrivacyMatrixTests {
    enum Role: String, CaseIterable, Sendable {
        case rep = "Ana", manager = "Marco", otherManager = "Mia", hr = "Dana"
    }

    enum Way: String, CaseIterable, Sendable {
        case trends = "trends Ana --json"
        case trendsCSV = "trends Ana --csv"
        case history = "history Ana --json"
        case personShow = "person show Ana --json"
        case exportJSON = "export --json"
        case exportCSV = "export --csv"
        case reportQuiz = "report quiz crm-basics --json"
        case actionsOfAna = "actions Ana --json"
        case actions = "actions --json"
        case historyFull = "history Ana --full --json"
        case showSelfAssessment = "show 1 --json"
        case showWellbeing = "show 2 --json"
        case showQuiz = "show 3 --json"
        case showFeedback = "show 4 --json"
        case showOneOnOne = "show 5 --json"
        case showMarkdown = "show 5 --markdown"
        case review = "review Ana --period YEAR --json"
        case reviewText = "review Ana --period YEAR"
        case reviewMarkdown = "review Ana --period YEAR --markdown"
        case reviewHTML = "review Ana --period YEAR --html -o -"
        case reportHTML = "report html -o -"
        case feedback = "feedback --json"

        /// The arguments, the review's period being this year (the reviews are pinned to it).
        var arguments: [String] {
            rawValue.split(separator: " ").map { $0 == "YEAR" ? "\(PrivacyMatrixTests.year)" : String($0) }
        }

        /// `review`, in every format.
        var isReview: Bool { rawValue.hasPrefix("review ") }

        /// The arguments on the store where Ana shares her wellbeing: there her latest WHO-5,
        /// the one after sharing began, is session 8.
        func arguments(shared: Bool) -> [String] {
            self == .showWellbeing && shared ? ["show", "8", "--json"] : arguments
        }

        /// `show ID`: one session, refused as unknown to whoever may not see it.
        var showsOneSession: Bool { rawValue.hasPrefix("show ") }
    }

    enum Datum: String, CaseIterable, Sendable {
        case selfAssessmentAnswers, selfAssessmentScores, wellbeingAnswers, wellbeingScores, safetyAlert,
             privateNote, sharedNote, oneOnOneScores, actionItems, quizResult, trainingFeedback, writtenReview, ownComments,
             customerFeedback

        /// A string found in an output exactly when this data is in it.
        var marker: String {
            switch self {
            case .selfAssessmentAnswers: "SELF-NOTE-4411"
            case .selfAssessmentScores: "weekly-self-assessment"
            case .wellbeingAnswers: "rested"  // a WHO-5 question id, in an answer row only
            case .wellbeingScores: "who-5"
            case .safetyAlert: "\"alert\" : true"
            case .privateNote: "PRIVATE-NOTE-7731"
            case .sharedNote: "SHARED-NOTE-5528"
            case .oneOnOneScores: "mood_score"
            case .actionItems: "ACTION-9012"
            case .quizResult: "crm-basics"
            case .trainingFeedback: "training-reaction"
            case .writtenReview: "REVIEW-STRENGTH-3141"
            case .ownComments: "OWN-COMMENT-2718"
            case .customerFeedback: "COMPLAINT-6180"
            }
        }

        /// docs/privacy.md: whether `role` may see this data about Ana.
        func visible(to role: Role, shared: Bool) -> Bool {
            switch self {
            case .privateNote: role == .manager
            case .wellbeingAnswers, .safetyAlert: role == .rep
            case .wellbeingScores: role == .rep || (role == .manager && shared)
            case .selfAssessmentAnswers, .selfAssessmentScores, .sharedNote, .oneOnOneScores, .actionItems, .customerFeedback:
                role == .rep || role == .manager
            case .quizResult: role != .otherManager
            case .trainingFeedback: role == .rep || role == .hr  // Privacy.swift: the trainer's, not the manager's
            case .writtenReview, .ownComments: role != .otherManager  // a review: the rep, their manager and HR
            }
        }

        /// Whether `report html` shows this kind of data to `role` (when they may see it): a rep's
        /// report charts their own scores and lists their actions; a manager's holds their reps'
        /// actions and team means (Ana alone is below the minimum group); HR's the quiz analysis.
        func inReport(of role: Role) -> Bool {
            switch role {
            case .rep: [.selfAssessmentScores, .wellbeingScores, .oneOnOneScores, .quizResult, .trainingFeedback, .actionItems]
                .contains(self)
            case .manager: self == .actionItems
            case .hr: self == .quizResult
            case .otherManager: false
            }
        }

        /// Whether `way` shows this kind of data at all (to someone allowed to see it).
        func carried(by way: Way) -> Bool {
            // A review names its scores' surveys and quizzes, and quotes the written review and
            // comments; never a one-on-one's notes, actions or answers, nor wellbeing answers.
            if way.isReview {
                return [.selfAssessmentScores, .wellbeingScores, .quizResult, .trainingFeedback, .writtenReview, .ownComments]
                    .contains(self)
            }
            return switch (self, way) {
            // A complaint heard in the one-on-one: its answer wherever the meeting's answers show,
            // and the feedback itself in 'feedback' and the export.
            case (.customerFeedback, .feedback), (.customerFeedback, .historyFull), (.customerFeedback, .showOneOnOne),
                 (.customerFeedback, .showMarkdown), (.customerFeedback, .exportJSON), (.customerFeedback, .exportCSV):
                true
            case (.customerFeedback, _), (_, .feedback): false
            case (.writtenReview, .historyFull), (.ownComments, .historyFull), (.writtenReview, .exportJSON),
                 (.ownComments, .exportJSON), (.writtenReview, .exportCSV), (.ownComments, .exportCSV):
                true
            case (.writtenReview, _), (.ownComments, _): false
            case (.safetyAlert, .historyFull): false
            case (_, .historyFull): true
            case (.selfAssessmentAnswers, .showSelfAssessment), (.selfAssessmentScores, .showSelfAssessment): true
            case (.wellbeingAnswers, .showWellbeing), (.wellbeingScores, .showWellbeing): true
            case (.quizResult, .showQuiz), (.trainingFeedback, .showFeedback): true
            case (.privateNote, .showOneOnOne), (.sharedNote, .showOneOnOne), (.oneOnOneScores, .showOneOnOne),
                 (.actionItems, .showOneOnOne): true
            // Markdown names no survey or score ids: its notes and actions carry the markers.
            case (.privateNote, .showMarkdown), (.sharedNote, .showMarkdown), (.actionItems, .showMarkdown): true
            case (_, .showSelfAssessment), (_, .showWellbeing), (_, .showQuiz), (_, .showFeedback), (_, .showOneOnOne),
                 (_, .showMarkdown): false
            case (_, .personShow): false
            case (.actionItems, .actionsOfAna), (.actionItems, .actions): true
            case (_, .actionsOfAna), (_, .actions): false
            case (.quizResult, .reportQuiz): true
            case (_, .reportQuiz): false
            case (.safetyAlert, .exportJSON): true
            case (.safetyAlert, _): false
            case (_, .exportJSON), (_, .exportCSV): true
            case (.selfAssessmentScores, _), (.wellbeingScores, _), (.oneOnOneScores, _), (.quizResult, _),
                 (.trainingFeedback, _):
                way == .trends || way == .trendsCSV || way == .history
            case (.actionItems, .history): true
            default: false
            }
        }
    }

    struct Cell: CustomTestStringConvertible, Sendable {
        let engine: StoreEngine
        let role: Role
        let way: Way
        let shared: Bool
        var testDescription: String { "\(engine.rawValue) · \(role.rawValue) · \(way.rawValue)\(shared ? " · shared" : "")" }
    }

    /// The year the matrix's reviews are pinned to: this one.
    static let year = Calendar(identifier: .gregorian).component(.year, from: Date())

    static let cells: [Cell] = StoreEngine.allCases.flatMap { engine in
        Role.allCases.flatMap { role in
            Way.allCases.flatMap { way in [false, true].map { Cell(engine: engine, role: role, way: way, shared: $0) } }
        }
    }

    /// The two stores of one engine: wellbeing not shared, and the same after `share wellbeing on`.
    struct Stores: Sendable {
        let notShared: any EngineStore
        let shared: any EngineStore
    }

    static let localStores: Result<Stores, PrivacyFixtureError> = Result { try buildStores(LocalEngineStore.make(people: people)) }
        .mapError { PrivacyFixtureError(description: "\($0)") }
    static let serverStores: Result<Stores, PrivacyFixtureError> = Result { try buildStores(ServerEngineStore.make(people: people)) }
        .mapError { PrivacyFixtureError(description: "\($0)") }

    /// Dana (HR), Marco and Ana (North), Mia and Sam (South).
    static let people: [(name: String, role: String, team: String?)] = [
        ("Dana", "hr", nil), ("Marco", "manager", "North"), ("Ana", "rep", "North"),
        ("Mia", "manager", "South"), ("Sam", "rep", "South"),
    ]

    static func stores(_ engine: StoreEngine) throws -> Stores {
        try (engine == .local ? localStores : serverStores).get()
    }

    struct PrivacyFixtureError: Error, CustomStringConvertible { let description: String }

    /// Ana's data, written through the commands as each person, on an empty store of either engine
    /// with Dana (HR), Marco and Ana (North), Mia and Sam (South).
    static func buildStores(_ sandbox: any EngineStore) throws -> Stores {
        func check(_ result: ProcessResult, _ what: String) throws {
            guard result.status == 0 else { throw PrivacyFixtureError(description: "\(what): \(result.stderrText)") }
        }
        try check(sandbox.shell(["goal set Ana revenue 10000"], as: "Marco"), "goal")
        // Ana's weekly self-assessment (the "mixed week" vector), her idea as the marker.
        try check(sandbox.shell(["run weekly-self-assessment", "4", "5", "2", "3", "3", "3", "1", "2", "5", "5", "4", "4",
                                 "3", "4", "2", "2", "1", "1", "4", "3", "b d", "My targets", "SELF-NOTE-4411", ""], as: "Ana"),
                  "self-assessment")
        // WHO-5 60 ("ok") with one item at 1: the safety alert.
        try check(sandbox.shell(["run who-5", "4", "4", "3", "3", "1"], as: "Ana"), "who-5")
        // A passed quiz, all correct.
        let quiz = try BundledFixtures.survey("crm-basics")
        let answers = QuizKeys.translate(["Proposal", "3000", "15 %", "40", "a", "closed-lost", "b", "Authority", "a,b", "a",
                                          "a", "a,b,d", "Customer Relationship Management", "n", "14", "a", "y"],
                                         survey: quiz, layout: QuizLayout.make(survey: quiz, seed: 42))
        try check(sandbox.shell(["run crm-basics --seed 42"] + answers, as: "Ana"), "quiz")
        try check(sandbox.shell(["run training-reaction", "CRM basics", "5", "Agree", "4", "4", "", ""], as: "Ana"), "feedback")
        // Marco's one-on-one with Ana: an open action item (carried), her agenda item from the
        // self-assessment, a complaint she heard, a shared and a private note.
        _ = try sandbox.sql("""
            INSERT INTO action_item (subject_id, owner_id, text, due, created_at)
              SELECT id, id, 'ACTION-9012 call Acme', '2026-11-20', '2026-11-01 10:00:00.000' FROM person WHERE name = 'Ana';
            """)
        try check(sandbox.shell(["run one-on-one --for Ana", "3", "Tough week", "Closed Acme", "carry",
                                 "discussed", "Agreed a new plan", "12000", "3", "", "90",
                                 "", "", "COMPLAINT-6180 refunds take weeks", ".", "", "None", "", "", "", "", "", "SHARED-NOTE-5528", ".", "PRIVATE-NOTE-7731", "."],
                                as: "Marco"), "one-on-one")
        // Marco's written review of Ana and her own comments, pinned to this year's first
        // quarter so that 'review Ana --period YEAR' holds them whatever day the test runs.
        try check(sandbox.shell(["run performance-review --for Ana", "REVIEW-STRENGTH-3141", ".", "Pipeline", ".", "Grow", ".", "4"],
                                as: "Marco"), "performance review")
        try check(sandbox.shell(["run self-review", "OWN-COMMENT-2718", ".", ".", ".", "3"], as: "Ana"), "self-review")
        _ = try sandbox.sql("UPDATE session SET period_key = '\(year)-Q1' WHERE kind = 'review'")
        let states = try sandbox.sql("SELECT survey_id, state FROM session ORDER BY id")
        guard states == ["weekly-self-assessment|completed", "who-5|completed", "crm-basics|completed",
                         "training-reaction|completed", "one-on-one|completed", "performance-review|completed",
                         "self-review|completed"]
        else { throw PrivacyFixtureError(description: "sessions: \(states)") }
        guard try sandbox.sql("SELECT value FROM answer WHERE is_private AND question_id = 'private_notes'").first?.contains("PRIVATE-NOTE-7731") == true
        else { throw PrivacyFixtureError(description: "the private note was not stored as private") }

        let copy = try sandbox.copy()
        try check(copy.run(["share", "wellbeing", "on"], as: "Ana"), "share")
        // Sharing shows check-ins from the moment it is on: the same WHO-5 again, after it (an amendment).
        try check(copy.shell(["run who-5", "4", "4", "3", "3", "1"], as: "Ana"), "who-5 after sharing")
        return Stores(notShared: sandbox, shared: copy)
    }

    @Test("each viewer sees each kind of Ana's data exactly where docs/privacy.md allows", arguments: cells)
    func cell(_ cell: Cell) throws {
        let stores = try Self.stores(cell.engine)
        let sandbox = cell.shared ? stores.shared : stores.notShared
        let result = try sandbox.run(cell.way.arguments(shared: cell.shared), as: cell.role.rawValue)
        let refused = (cell.way == .reportQuiz && cell.role == .rep)  // a report covers other people
            || (cell.way.isReview && cell.role == .otherManager)  // a review: the rep, their manager and HR
            || (cell.way == .actionsOfAna && [.otherManager, .hr].contains(cell.role))  // one-on-one content
        if refused {
            #expect(result.status == 1, "refused")
            #expect(result.stdoutText.isEmpty)
            return
        }
        if cell.way.showsOneSession && result.status == 1 {
            // A session the viewer may not see is, to them, no session: nothing of it is shown.
            #expect(result.stderrText.contains("that you can see"), "\(result.stderrText)")
            #expect(result.stdoutText.isEmpty)
        } else {
            #expect(result.status == 0, "\(result.stderrText)")
        }
        let output = result.stdoutText + result.stderrText
        for datum in Datum.allCases {
            let expected = datum.visible(to: cell.role, shared: cell.shared)
                && (cell.way == .reportHTML ? datum.inReport(of: cell.role) : datum.carried(by: cell.way))
            let seen: Bool
            if datum == .quizResult && cell.way == .reportQuiz {
                let object = try JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any]
                seen = (object?["attempts"] as? Int ?? 0) > 0
            } else {
                seen = output.contains(datum.marker)
            }
            #expect(seen == expected, "\(datum.rawValue) \(expected ? "missing" : "leaked") (\(datum.marker))")
        }
    }

    @Test("the safety message is shown to the rep alone and leaves no label others can read", arguments: StoreEngine.allCases)
    func safetyTraceOnlyForTheRep(_ engine: StoreEngine) throws {
        let stores = try Self.stores(engine)
        for role in Role.allCases where role != .rep {
            for way in Way.allCases {
                let result = try stores.shared.run(way.arguments, as: role.rawValue)
                for trace in ["Just for you", "worth following up", "\"alert\" : true", "\"alert\":true"] {
                    #expect(!result.stdoutText.contains(trace), "\(role.rawValue) \(way.rawValue): \(trace)")
                }
            }
        }
    }
}

