import CoachCore
import CoachScoring
import CoachStore

/// Why `trends` found nothing to show, in the viewer's terms: no sessions yet, data the viewer
/// may not see, or a team too small for its numbers to be shown.
enum EmptyTrends {
    static func lines(viewer: Person, person: String?, team: String?, score: String?, weeks: Int,
                      context: CommandContext) throws -> [String] {
        if let team { return try teamLines(team: team, weeks: weeks, context: context) }
        let database = try context.database()
        let what = score.map { "'\($0)' scores" } ?? "scores"
        guard let name = person, let subject = try database.person(named: name), subject.id != viewer.id else {
            return ["You have no \(what) in the last \(weeks) weeks. A check-in ('checkin') or a quiz starts them."]
        }
        let head = "No \(what) for \(subject.name) in the last \(weeks) weeks that you can see."
        if subject.managerID == viewer.id {
            let wellbeing = subject.shareWellbeing == true
                ? "their wellbeing too, since they share it"
                : "not their wellbeing, which they have not shared with you"
            return [head, "As their manager you see their self-assessments, one-on-ones and quizzes; \(wellbeing)."]
        }
        if viewer.role == .hr {
            return [head, "HR sees a person's quiz results and training feedback, not their one-on-ones, "
                + "self-assessments or wellbeing."]
        }
        return [head, "A person's scores are seen by them and their manager (HR: quizzes); team numbers: "
            + "'trends --team TEAM'."]
    }

    private static func teamLines(team: String, weeks: Int, context: CommandContext) throws -> [String] {
        let database = try context.database()
        let minimum = try database.orgSettings().effectiveMinGroup(requested: context.config.minGroup)
        let members = try database.people().filter {
            team == "all" || $0.team?.caseInsensitiveCompare(team) == .orderedSame
        }.count
        let head = "No team numbers for \(team == "all" ? "the organisation" : "team \(team)") in the last \(weeks) weeks."
        if members < minimum {
            return [head, "It has \(members) \(members == 1 ? "person" : "people"); a team number needs at least \(minimum) "
                + "respondents in a week (the minimum group), so that no one can be singled out. It is never shown "
                + "for a team this small."]
        }
        return [head, "A week shows once it has ended (a day after, everywhere) and when at least \(minimum) people "
            + "answered in it, so that no one can be singled out; no week in the window has that yet."]
    }
}
