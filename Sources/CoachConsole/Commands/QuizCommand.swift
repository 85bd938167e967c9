import ArgumentParser
import CoachCore
import CoachScoring
import CoachStore
import Foundation

/// `quiz QUIZ [--for PERSON] [--phase pre|post]`
struct QuizCommand: CoachCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Take a training quiz, or run one for a rep at the keyboard (HR, their manager).",
        discussion: """
        Shows the quiz's title, question count and pass mark; questions and choices are shuffled
        and drawn as the quiz says, and the order is stored with the attempt. At the end: points,
        percent, pass or not, and a review of each wrong answer. Use --phase pre before a course
        and --phase post after it: 'report quiz' then shows the normalised gain. --on DATE
        records an attempt taken earlier (on paper), dated that day and marked back-filled.

        Example:
          quiz crm-basics --for Ana --phase pre
          quiz crm-basics --for Ana --on yesterday
        """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Argument(help: "The quiz id (see 'surveys').", completion: .coach(.survey)) var quiz: String
    @Option(name: .customLong("for"), help: "Who takes it (default: you).", completion: .coach(.person)) var subject: String?
    @Option(help: "pre (before the training) or post (after).") var phase: SessionPhase?
    @Option(name: .customLong("on"), help: HeldOn.help) var heldOn: String?
    @Option(help: ArgumentHelp("A fixed shuffle seed, for reproducible layouts.", visibility: .hidden)) var seed: UInt64?

    func run(in context: CommandContext) throws {
        let day = try HeldOn.day(heldOn, context: context)
        let runner = SessionRunner(context: context)
        let survey = try runner.survey(id: quiz)
        guard survey.kind == .quiz, let settings = survey.quiz else {
            throw CoachError.notAQuiz(survey.id, kind: survey.kind.rawValue)
        }
        let user = try context.currentUser()
        let taker = try context.database().sessionSubject(kind: .quiz, authorName: user.name, subjectName: subject).subject
        let previous = try context.database().quizPercents(of: taker.name, quizID: survey.id, excluding: nil)
        let limit = AttemptLimit(settings: settings, used: previous.count)
        guard limit.canStart else {
            throw CoachError.noAttemptsLeft(survey.title, allowed: settings.attempts ?? 0)
        }
        let count = settings.draw.map { min($0, survey.questions.count) } ?? survey.questions.count
        var header = "\(survey.title): \(count) questions"
        if let pass = settings.pass { header += ", pass mark \(formatNumber(pass))%" }
        if let allowed = settings.attempts { header += ", attempt \(previous.count + 1) of \(allowed)" }
        if let phase { header += " (\(phase.rawValue)-training)" }
        context.console.line(context.console.styled(header, .bold))
        guard let completed = try runner.start(surveyID: survey.id, for: taker.name, phase: phase, seed: seed,
                                                        heldOn: day),
              let result = completed.scored.quiz else { return }
        // A pre-training attempt is a baseline for the gain, not a graded attempt.
        let all = try context.database().quizPercents(of: taker.name, quizID: survey.id, excluding: nil)
        let graded = try context.database().quizPercents(of: taker.name, quizID: survey.id, excluding: .pre)
        if phase != .pre, graded.count > 1 || (graded.count == 1 && all.count > 1),
           let grade = AttemptGrading.overall(percents: graded, method: settings.grading) {
            let attempts = "\(graded.count) attempt\(graded.count == 1 ? "" : "s")"
            let baseline = graded.count < all.count ? "; pre-training attempts are a baseline, not graded" : ""
            context.console.line("Grade for this quiz (\(settings.grading.rawValue) of \(attempts)\(baseline)): \(ScoreFormat.display(grade))%")
        }
        if phase == .post, result.passed == true {
            try TrainingFollowUp.afterPassedPost(survey: survey, taker: taker, user: user, context: context)
        }
    }
}

/// Kirkpatrick level 1 after a passed post-training attempt: the reaction survey now. (Level 3,
/// the agenda item 30 days later, is part of completing the attempt.)
enum TrainingFollowUp {
    static let reactionSurvey = "training-reaction"

    /// The follow-up agenda item is the session's own effect (`CompletedSession`); this offers
    /// the reaction survey.
    static func afterPassedPost(survey: Survey, taker: Person, user: Person, context: CommandContext) throws {
        guard context.catalog().surveys[reactionSurvey] != nil else { return }
        guard taker.id == user.id else {
            context.console.line("\(taker.name) can give feedback on the training with 'run \(reactionSurvey)'.")
            return
        }
        if Confirm.ask("Would you give two minutes of feedback on the training? [y/N] ", context: context) {
            try SessionRunner(context: context).start(surveyID: reactionSurvey, for: nil)
        }
    }
}

extension SessionPhase: ExpressibleByArgument {}
